import Foundation

/// Keeps the last run of each lesson as `.cache/runs/NAME.json`, so pages and notebooks can
/// be rendered from a run without running the lesson again.
public enum ReportStore {
    public static func url(for lesson: String, cacheRoot: URL) -> URL {
        cacheRoot.appendingPathComponent("runs", isDirectory: true).appendingPathComponent("\(lesson).json")
    }

    /// Writes the report atomically (temporary file, then rename).
    public static func save(_ report: LessonReport, cacheRoot: URL) throws {
        let url = url(for: report.lesson, cacheRoot: cacheRoot)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encode(report).write(to: url, options: .atomic)
    }

    /// The last stored run of `lesson`, or nil.
    public static func load(_ lesson: String, cacheRoot: URL) throws -> LessonReport? {
        let url = url(for: lesson, cacheRoot: cacheRoot)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try decoder().decode(LessonReport.self, from: Data(contentsOf: url))
    }

    /// JSON with sorted keys and ISO 8601 dates: the format of `--json` and `.cache/runs`.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
