internal import Crypto
import Foundation
import NumPy

/// The store behind `nb.cached`: one file per value under `.cache/values/LESSON/`, named
/// `NAME-KEY.EXT`, where KEY is a SHA-256 over everything the value is computed from — the
/// step's source text, the contents of the declared input files, the parameters read so far
/// and the project version (which carries a hash of the libraries' sources, so a change
/// to feature extraction or training recomputes the values). Prose is not part of the key,
/// so editing it keeps the cache.
///
/// Values are written to a temporary file in the same folder, flushed to disk and renamed
/// into place (`DurableFile`), so an interrupted run leaves either no entry or a complete
/// one; temporary files (every name starting with a dot: `.tmp-…`, and any a writer made
/// of its own) are never read, and `notebook cache clear` removes them.
public final class ValueCache {
    /// The cache folder (`.cache`), which holds `values/` and the locks.
    let root: URL
    let directory: URL
    let enabled: Bool

    /// The folder of entries shared by lessons (`nb.cached(..., shared: true)`).
    static let sharedFolder = "shared"

    init(root: URL, lesson: String, enabled: Bool) {
        self.root = root
        directory = root.appendingPathComponent("values", isDirectory: true).appendingPathComponent(lesson, isDirectory: true)
        self.enabled = enabled
    }

    /// The cache key for a value.
    static func key(name: String, stepSource: String, inputs: [URL], parameters: [String: String], version: String) throws -> String {
        var hasher = SHA256()
        field("version", version, into: &hasher)
        field("name", name, into: &hasher)
        field("step", stepSource, into: &hasher)
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) { field("param", "\(key)=\(value)", into: &hasher) }
        for input in inputs { try addFile(input, into: &hasher) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// A length-prefixed field, so no two different field lists hash the same bytes.
    private static func field(_ label: String, _ text: String, into hasher: inout SHA256) {
        let bytes = Data(text.utf8)
        hasher.update(data: Data("\(label):\(bytes.count):".utf8))
        hasher.update(data: bytes)
    }

    /// Hashes a file's bytes, or a folder's files (sorted by name) recursively.
    private static func addFile(_ url: URL, into hasher: inout SHA256) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CacheError.missingInput(url.path)
        }
        if isDirectory.boolValue {
            field("dir", url.lastPathComponent, into: &hasher)
            for child in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
                try addFile(url.appendingPathComponent(child), into: &hasher)
            }
            return
        }
        field("file", url.lastPathComponent, into: &hasher)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        field("end", "", into: &hasher)
    }

    func url(name: String, key: String, fileExtension: String) -> URL {
        directory.appendingPathComponent(fileName(name: name, key: key, fileExtension: fileExtension))
    }

    /// The entry's path below the cache root, as run reports record it.
    func relativePath(name: String, key: String, fileExtension: String) -> String {
        "values/\(directory.lastPathComponent)/\(fileName(name: name, key: key, fileExtension: fileExtension))"
    }

    private func fileName(name: String, key: String, fileExtension: String) -> String {
        "\(name)-\(key.prefix(32)).\(fileExtension)"
    }

    /// The stored value, if there is one that reads.
    ///
    /// An entry that does not read as a value of its type is not used: one cut short (a
    /// machine that stopped mid-write; a killed run leaves only a `.tmp-` file), empty,
    /// damaged, unreadable to this user, or of another element type or shape than asked
    /// for. What a user wants from a cache then is the value computed again, and that is
    /// what happens (`store` replaces the entry); nothing read from it is used. Why it was
    /// not used comes back, for the run's report to say: recomputing in silence hid a
    /// cache that is damaged again and again (a full disk, a failing one).
    /// - Throws: when the entry is a folder, before the value is computed: `store` could
    ///   not replace it, and would say so only after the computation.
    func lookup<T: CacheStorable>(_ type: T.Type, name: String, key: String) throws -> CacheLookup<T> {
        guard enabled else { return .absent }
        let file = url(name: name, key: key, fileExtension: T.cacheFileExtension)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) else { return .absent }
        if isFolder.boolValue {
            throw CacheError.io(path: file.path, action: "use the cache entry", reason: "it is a folder, not a file; remove it")
        }
        do {
            return .found(try T.load(from: file))
        } catch {
            return .unusable(reason: CacheEntryReadFailure.reason(of: error, file: file))
        }
    }

    /// Runs `body` holding an exclusive lock on the entry `name`, so two lessons run at
    /// once that share a value (sd_fc and si_lstm share the corpus's features) compute it
    /// once: the second waits, then finds it stored. An flock on a lock file; the kernel
    /// drops it if the holder dies, so a crashed run never blocks the next. `waiting` is
    /// called before a wait for another holder (true) and after it (false).
    ///
    /// Every holder also holds the whole cache's lock shared (`CacheLock`), so that
    /// `notebook cache clear`, which takes it exclusively, never removes a folder a value
    /// is being written into, even the first value of a fresh cache (whose entry lock did
    /// not exist when clear looked). Taken with `--no-cache` too, since the value is still
    /// stored: while clear holds the whole cache, no temporary file is being written.
    func withLock<R>(name: String, waiting: (Bool) -> Void = { _ in }, _ body: () throws -> R) throws -> R {
        try CacheLock.withWholeCacheShared(cacheRoot: root) {
            let entry = try CacheLock.entryLock(cacheRoot: root, folder: directory.lastPathComponent, name: name)
            if try !entry.lock(LOCK_EX, wait: false) {
                waiting(true)
                _ = try entry.lock(LOCK_EX, wait: true)
                waiting(false)
            }
            // Held until body is done (Swift may end a local's life at its last use).
            return try withExtendedLifetime(entry) { try body() }
        }
    }

    /// Whether `file`, a name in a lesson's values folder, is a temporary file: ours
    /// (`.tmp-PID-UUID.EXT`) or one a writer made beside it (Foundation's atomic writes
    /// use `.dat.nosync…`). Entries never start with a dot.
    public static func isTemporary(_ file: String) -> Bool { file.hasPrefix(".") }

    /// Creates `folder` (and those above it), a failure in the system's words.
    static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CacheError.io(path: folder.path, action: "create the folder", reason: IOFailure.reason(of: error))
        }
    }

    /// Stores `value` atomically and removes older entries of the same name.
    func store<T: CacheStorable>(_ value: T, name: String, key: String) throws {
        try Self.createFolder(directory)
        let final = url(name: name, key: key, fileExtension: T.cacheFileExtension)
        do {
            try DurableFile.replace(final) { try value.save(to: $0) }
        } catch {
            // Foundation's own errors are a dump of its error domain and codes: say what failed.
            if error is CocoaError || (error as NSError).domain == NSCocoaErrorDomain {
                throw CacheError.io(path: final.path, action: "store the cache entry", reason: IOFailure.reason(of: error))
            }
            throw error
        }
        let prefix = "\(name)-"
        for old in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where old.hasPrefix(prefix) && old != final.lastPathComponent
            && old.dropFirst(prefix.count).split(separator: ".").first?.count == 32 {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(old))
        }
    }
}

/// What the cache holds for an entry (`ValueCache.lookup`).
enum CacheLookup<T> {
    case found(T)
    /// No entry, or the cache is off (`--no-cache`).
    case absent
    /// An entry that does not read as a `T`, and why.
    case unusable(reason: String)

    var value: T? {
        if case .found(let value) = self { return value }
        return nil
    }

    var unusableReason: String? {
        if case .unusable(let reason) = self { return reason }
        return nil
    }
}

/// A cache problem a lesson author can act on.
public enum CacheError: Error, CustomStringConvertible {
    case missingInput(String)
    case lock(String, Int32)
    /// A file operation that failed: the path, what was being done, the system's reason.
    case io(path: String, action: String, reason: String)
    /// Two steps of one lesson caching values under one name (see `StepContext.cached`).
    case nameReused(name: String, firstStep: String, step: String)

    public var description: String {
        switch self {
        case .missingInput(let path): return "cached value input '\(path)' does not exist"
        case let .lock(path, code):
            let reason = "could not lock \(path): \(String(cString: strerror(code)))"
            guard code == EACCES || code == EPERM else { return reason }
            // Another user's cache: every user of a shared cache locks its files.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            return reason + ". Every user of a cache folder needs to make and open the lock files in \(folder): "
                + "have its owner make that folder and its files readable and writable by you (chmod -R a+rwX \(folder)), "
                + "or give --cache-dir a folder of your own"
        case let .io(path, action, reason): return "could not \(action) \(path): \(reason)"
        case let .nameReused(name, firstStep, step):
            return "step '\(step)' caches a value named '\(name)', as step '\(firstStep)' did: give each step's value its own name "
                + "(the cache keeps one entry per name, so the two would replace each other and be computed again on every run)"
        }
    }
}
