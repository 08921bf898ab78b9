import Foundation

/// The locks that keep `notebook cache clear` from removing what a run is writing: flocks
/// on files in `values/.locks/`. Every write into the cache (a value, while its entry is
/// computed and stored; a stored run, while it is written and renamed into place) holds
/// the whole cache's lock shared, and a clear holds it exclusively. So while a clear holds
/// it, every temporary file in the cache is a leftover of a write that ended without
/// renaming it (a killed run), and can go.
///
/// A lock rather than the process id that temporary names carry (`.tmp-PID-…`): a cache
/// folder on a shared or network disk is written from other machines and containers,
/// whose process ids mean nothing here (a live writer's id may be free on this machine),
/// and ids are reused. The kernel (or the NFS server) drops a lock when its holder dies,
/// so a crashed run never keeps a clear waiting.
public enum CacheLock {
    /// The lock every write holds shared and a clear holds exclusively.
    static let wholeCacheName = "cache.lock"

    /// The name of the folder of lock files among a cache's `values` folders (beside the
    /// lessons' folders, not in them: a lesson's folder holds only entries).
    public static let folderName = ".locks"

    static func folder(cacheRoot: URL) -> URL {
        cacheRoot.appendingPathComponent("values", isDirectory: true).appendingPathComponent(folderName, isDirectory: true)
    }

    /// Runs `body` holding the whole cache's lock shared: waits only while a clear is
    /// removing files. Writers hold it from before their temporary file exists until it
    /// is renamed into place or removed.
    static func withWholeCacheShared<R>(cacheRoot: URL, _ body: () throws -> R) throws -> R {
        let whole = try wholeCacheLock(cacheRoot: cacheRoot)
        _ = try whole.lock(LOCK_SH, wait: true)
        // Held until body is done (Swift may end a local's life at its last use).
        return try withExtendedLifetime(whole) { try body() }
    }

    /// Runs `body` holding the whole cache's lock exclusively, so that no run writes into
    /// the cache while `body` removes files: a run that reaches a write waits until `body`
    /// is done. When a run holds the lock now, `body` does not run, and what is being
    /// written comes back: "FOLDER/NAME" (FOLDER a lesson or `shared`) for each value whose
    /// entry's lock says it is being computed, none when that is a stored run (or a value
    /// between its locks); nil when `body` ran. The lock files themselves are never
    /// removed: a run holding one would go on while the next run locked a new file of the
    /// same name.
    public static func withNothingBeingWritten(cacheRoot: URL, _ body: () throws -> Void) throws -> [String]? {
        let whole = try wholeCacheLock(cacheRoot: cacheRoot)
        guard try whole.lock(LOCK_EX, wait: false) else { return entriesBeingComputed(locks: folder(cacheRoot: cacheRoot)) }
        try withExtendedLifetime(whole) { try body() }
        return nil
    }

    /// The lock file of one entry (`LESSON-NAME.lock`), which its computation holds
    /// exclusively so that two runs sharing a value compute it once.
    static func entryLock(cacheRoot: URL, folder entryFolder: String, name: String) throws -> LockFile {
        try LockFile(folder(cacheRoot: cacheRoot).appendingPathComponent("\(entryFolder)-\(name).lock"))
    }

    /// The whole cache's lock file, its folder made first (a fresh cache has none).
    private static func wholeCacheLock(cacheRoot: URL) throws -> LockFile {
        let locks = folder(cacheRoot: cacheRoot)
        try ValueCache.createFolder(locks)
        return try LockFile(locks.appendingPathComponent(wholeCacheName))
    }

    /// The entries whose lock another process holds, as "FOLDER/NAME".
    private static func entriesBeingComputed(locks: URL) -> [String] {
        var inUse: [String] = []
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: locks.path)) ?? []).sorted()
        where file.hasSuffix(".lock") && file != wholeCacheName {
            guard let lock = try? LockFile(locks.appendingPathComponent(file)),
                  (try? lock.lock(LOCK_SH, wait: false)) == false else { continue }
            // Lesson names have no '-', so the first one ends the folder's name.
            let entry = file.dropLast(5)
            let folder = entry.prefix { $0 != "-" }
            inUse.append("\(folder)/\(entry.dropFirst(folder.count + 1))")
        }
        return inUse
    }
}
