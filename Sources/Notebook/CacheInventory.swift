import Foundation
import NumPy

/// What a cache folder holds, for `notebook cache list`: each cached value (its lesson
/// folder, name, file and size, and the stored runs whose steps used it), each stored run
/// (and each run file that does not read, which `cache clear` would remove unseen), and
/// the temporary files that interrupted writes left behind.
public struct CacheInventory: Sendable {
    public struct Value: Sendable, Equatable {
        /// The lesson's folder under `values/`, or `shared`.
        public let folder: String
        /// The name the lesson gave it (`nb.cached("trained")`).
        public let name: String
        /// The file, relative to the cache folder (as run reports record it).
        public let file: String
        public let bytes: Int64
        /// `lesson:step` of every stored run's step that computed or loaded it.
        public let usedBy: [String]
    }

    public struct Run: Sendable, Equatable {
        public let lesson: String
        public let startedAt: Date
        public let steps: Int
        public let failedSteps: Int
        public let parameters: [String: String]
    }

    /// A run file that does not decode (damaged, or an older format).
    public struct UnreadableRun: Sendable, Equatable {
        /// The file, relative to the cache folder (`runs/demo.json`).
        public let file: String
        public let reason: String
    }

    public let values: [Value]
    public let runs: [Run]
    public let unreadableRuns: [UnreadableRun]
    /// Files a write was interrupted in (`ValueCache.isTemporary`: `.tmp-…`, `.dat.nosync…`),
    /// among the values and the runs: never read, removed by `cache clear`.
    public let temporaryFiles: Int
    public let temporaryBytes: Int64

    /// Reads the cache folder `root`; an absent folder is an empty cache.
    /// - Throws: when a folder exists but cannot be listed.
    public init(root: URL) throws {
        var runs: [Run] = [], unreadableRuns: [UnreadableRun] = [], usedBy: [String: [String]] = [:]
        let runsFolder = root.appendingPathComponent("runs")
        var temporaryFiles = 0, temporaryBytes: Int64 = 0
        func countTemporary(_ file: URL) {
            temporaryFiles += 1
            temporaryBytes += Self.size(of: file)
        }
        for name in try Self.listing(runsFolder) {
            // Any temporary name, as `cache clear` removes any: older notebooks wrote runs
            // with Foundation's atomic writes, whose leftovers are `.dat.nosync…`.
            if ValueCache.isTemporary(name) {
                countTemporary(runsFolder.appendingPathComponent(name))
                continue
            }
            guard name.hasSuffix(".json") else { continue }
            let report: LessonReport
            do {
                guard let loaded = try ReportStore.load(String(name.dropLast(5)), cacheRoot: root) else { continue }
                report = loaded
            } catch {
                let reason = (error as? StoredRunError)?.reason ?? IOFailure.reason(of: error)
                unreadableRuns.append(UnreadableRun(file: "runs/\(name)", reason: reason))
                continue
            }
            runs.append(Run(lesson: report.lesson, startedAt: report.startedAt, steps: report.steps.count,
                            failedSteps: report.steps.filter { $0.status == .failed }.count, parameters: report.parameters))
            for step in report.steps {
                for use in step.cache { if let file = use.file { usedBy[file, default: []].append("\(report.lesson):\(step.id)") } }
            }
        }
        var values: [Value] = []
        let valuesFolder = root.appendingPathComponent("values")
        for folder in try Self.listing(valuesFolder) where !folder.hasPrefix(".") {
            let url = valuesFolder.appendingPathComponent(folder)
            for file in try Self.listing(url) {
                if ValueCache.isTemporary(file) {
                    countTemporary(url.appendingPathComponent(file))
                    continue
                }
                let bytes = Self.size(of: url.appendingPathComponent(file))
                let relative = "values/\(folder)/\(file)"
                values.append(Value(folder: folder, name: Self.valueName(file), file: relative, bytes: bytes,
                                    usedBy: usedBy[relative] ?? []))
            }
        }
        self.values = values
        self.runs = runs
        self.unreadableRuns = unreadableRuns
        self.temporaryFiles = temporaryFiles
        self.temporaryBytes = temporaryBytes
    }

    /// The names in `folder`, sorted; none when it does not exist. A folder that cannot be
    /// listed is an error in the system's words, naming it.
    private static func listing(_ folder: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw CacheError.io(path: folder.path, action: "list", reason: IOFailure.reason(of: error))
        }
    }

    /// The file's size in bytes, 0 when it cannot be read.
    private static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// `trained-si` from `trained-si-<32 hex digits of the key>.npz` (ValueCache's names).
    static func valueName(_ file: String) -> String {
        let stem = file.split(separator: ".", maxSplits: 1).first.map(String.init) ?? file
        guard let dash = stem.lastIndex(of: "-"), stem[stem.index(after: dash)...].count == 32 else { return stem }
        return String(stem[..<dash])
    }

    /// Bytes of every value and temporary file.
    public var totalBytes: Int64 { values.reduce(temporaryBytes) { $0 + $1.bytes } }
}
