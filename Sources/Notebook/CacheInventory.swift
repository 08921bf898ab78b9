import Foundation

/// What a cache folder holds, for `notebook cache list`: each cached value (its lesson
/// folder, name, file and size, and the stored runs whose steps used it), each stored run,
/// and the temporary files that interrupted writes left behind.
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

    public let values: [Value]
    public let runs: [Run]
    /// Files a write was interrupted in (`.tmp-...`): never read, removed by `cache clear`.
    public let temporaryFiles: Int
    public let temporaryBytes: Int64

    /// Reads the cache folder `root`; an absent folder is an empty cache.
    /// - Throws: when a folder exists but cannot be listed.
    public init(root: URL) throws {
        let fileManager = FileManager.default
        var runs: [Run] = [], usedBy: [String: [String]] = [:]
        let runsFolder = root.appendingPathComponent("runs")
        for name in (try? fileManager.contentsOfDirectory(atPath: runsFolder.path))?.sorted() ?? [] where name.hasSuffix(".json") {
            // A run file that no longer decodes (an older format) is listed by nothing.
            guard let report = try? ReportStore.load(String(name.dropLast(5)), cacheRoot: root) else { continue }
            runs.append(Run(lesson: report.lesson, startedAt: report.startedAt, steps: report.steps.count,
                            failedSteps: report.steps.filter { $0.status == .failed }.count, parameters: report.parameters))
            for step in report.steps {
                for use in step.cache { if let file = use.file { usedBy[file, default: []].append("\(report.lesson):\(step.id)") } }
            }
        }
        var values: [Value] = [], temporaryFiles = 0, temporaryBytes: Int64 = 0
        let valuesFolder = root.appendingPathComponent("values")
        let folders = fileManager.fileExists(atPath: valuesFolder.path) ? try fileManager.contentsOfDirectory(atPath: valuesFolder.path) : []
        for folder in folders.sorted() where !folder.hasPrefix(".") {
            let url = valuesFolder.appendingPathComponent(folder)
            for file in try fileManager.contentsOfDirectory(atPath: url.path).sorted() {
                let bytes = ((try? fileManager.attributesOfItem(atPath: url.appendingPathComponent(file).path))?[.size] as? NSNumber)?
                    .int64Value ?? 0
                if file.hasPrefix(".tmp-") {
                    temporaryFiles += 1
                    temporaryBytes += bytes
                    continue
                }
                let relative = "values/\(folder)/\(file)"
                values.append(Value(folder: folder, name: Self.valueName(file), file: relative, bytes: bytes,
                                    usedBy: usedBy[relative] ?? []))
            }
        }
        self.values = values
        self.runs = runs
        self.temporaryFiles = temporaryFiles
        self.temporaryBytes = temporaryBytes
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
