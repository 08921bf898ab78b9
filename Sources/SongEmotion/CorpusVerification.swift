import Foundation
import NumPy

/// The result of checking a corpus folder against a manifest.
public struct CorpusVerification: Equatable, Sendable {
    /// A recording file present but not as the manifest says.
    public struct Corrupt: Equatable, Sendable {
        /// Relative path of the file.
        public let path: String
        /// e.g. "truncated: 1200 of 4096 bytes", "SHA-256 differs from the manifest".
        public let reason: String
    }

    /// Recordings in the manifest.
    public let expected: Int
    /// Recordings present in one accepted form (.flac or .wav) with the right SHA-256.
    public let good: Int
    /// Manifest recordings with no file, as `Actor_01/03-02-...` (no extension).
    public let missing: [String]
    public let corrupt: [Corrupt]
    /// Files that are neither a manifest recording nor top-level documentation
    /// (`MANIFEST.tsv`, `README*`, `LICENSE*`/`LICENCE*`); hidden files are ignored.
    public let unexpected: [String]

    /// True when every recording is good and nothing else is there.
    public var isClean: Bool { good == expected && missing.isEmpty && corrupt.isEmpty && unexpected.isEmpty }
}

extension CorpusManifest {
    /// The extensions a recording may have: the shared FLAC copy or Zenodo's WAV.
    public static let acceptedExtensions = ["flac", "wav"]

    /// Checks every file under `directory` against the manifest. Files are hashed in
    /// parallel (one task per core); `progress(done, total)` is called after each file,
    /// from any thread, one call at a time.
    /// - Throws: only if the folder cannot be listed; bad files are reported, not thrown.
    public func verify(_ directory: URL,
                       progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> CorpusVerification {
        let files = try FileTree.regularFiles(under: directory)
        var byPath: [String: (entry: Int, isFLAC: Bool)] = [:]
        for (index, entry) in entries.enumerated() {
            byPath[entry.recording + ".flac"] = (index, true)
            byPath[entry.recording + ".wav"] = (index, false)
        }
        var candidates: [(path: String, entry: Int, isFLAC: Bool)] = []
        var unexpected: [String] = []
        for path in files {
            if let match = byPath[path] {
                candidates.append((path, match.entry, match.isFLAC))
            } else if !Self.isDocumentation(path) {
                unexpected.append(path)
            }
        }

        // One verdict per candidate file: nil when good, else the reason.
        let verdicts = ConcurrentResults<String?>(count: candidates.count)
        let counter = ProgressCounter(total: candidates.count, report: progress)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { i in
            let candidate = candidates[i]
            verdicts[i] = Self.check(directory.appendingPathComponent(candidate.path),
                                     against: entries[candidate.entry], isFLAC: candidate.isFLAC)
            counter.increment()
        }

        var present = [Bool](repeating: false, count: entries.count)
        var bad = [Bool](repeating: false, count: entries.count)
        var corrupt: [CorpusVerification.Corrupt] = []
        for (i, candidate) in candidates.enumerated() {
            present[candidate.entry] = true
            if let reason = verdicts[i] ?? nil {
                bad[candidate.entry] = true
                corrupt.append(.init(path: candidate.path, reason: reason))
            }
        }
        let missing = entries.indices.filter { !present[$0] }.map { entries[$0].recording }
        let good = entries.indices.filter { present[$0] && !bad[$0] }.count
        return CorpusVerification(expected: entries.count, good: good, missing: missing,
                                  corrupt: corrupt, unexpected: unexpected)
    }

    /// nil if the file matches, else why not.
    static func check(_ url: URL, against entry: Entry, isFLAC: Bool) -> String? {
        let digest: FileDigest
        do {
            digest = try FileDigest(of: url)
        } catch {
            return "cannot be read: \(IOFailure.reason(of: error))"
        }
        if isFLAC {
            if digest.byteCount < entry.flacBytes {
                return "truncated: \(digest.byteCount) of \(entry.flacBytes) bytes"
            }
            if digest.byteCount != entry.flacBytes {
                return "\(digest.byteCount) bytes, the manifest says \(entry.flacBytes)"
            }
        }
        let expected = isFLAC ? entry.flacSHA256 : entry.wavSHA256
        return digest.sha256 == expected ? nil : "SHA-256 \(digest.sha256.prefix(12))... differs from the manifest's \(expected.prefix(12))..."
    }

    static func isDocumentation(_ path: String) -> Bool {
        guard !path.contains("/") else { return false }
        let upper = path.uppercased()
        return upper == "MANIFEST.TSV" || upper.hasPrefix("README") || upper.hasPrefix("LICENSE") || upper.hasPrefix("LICENCE")
    }
}

/// Fixed-size result slots written from `concurrentPerform` workers.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return values[index] }
        set { lock.lock(); values[index] = newValue; lock.unlock() }
    }
}

/// Counts finished work items and forwards the count, one report at a time.
final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?
    private var done = 0
    private let lock = NSLock()

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func increment() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        report?(done, total)
    }
}
