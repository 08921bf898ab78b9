import Foundation
import NumPy  // IOFailure

/// Keeps the last run of each lesson as `.cache/runs/NAME.json`, so pages and notebooks can
/// be rendered from a run without running the lesson again.
public enum ReportStore {
    public static func url(for lesson: String, cacheRoot: URL) -> URL {
        cacheRoot.appendingPathComponent("runs", isDirectory: true).appendingPathComponent("\(lesson).json")
    }

    /// Writes the report atomically: to a temporary file beside it (`.tmp-…`, which
    /// `cache list` counts and never reads), flushed to disk, then renamed into place, so
    /// neither a killed run nor a machine that stops leaves a run cut short.
    ///
    /// Holding the whole cache's lock shared while the temporary file exists, as values
    /// are written (`CacheLock`): `notebook cache clear`, holding it exclusively, then
    /// knows that every temporary file among the runs is a leftover, and never removes
    /// one being written.
    public static func save(_ report: LessonReport, cacheRoot: URL) throws {
        try save(report, cacheRoot: cacheRoot) { try $0.write(to: $1) }
    }

    /// `save`, with `write` writing the bytes to the temporary file (tests hold it there).
    static func save(_ report: LessonReport, cacheRoot: URL, write: (Data, URL) throws -> Void) throws {
        let url = url(for: report.lesson, cacheRoot: cacheRoot)
        let data = try encode(report)
        try CacheLock.withWholeCacheShared(cacheRoot: cacheRoot) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DurableFile.replace(url) { try write(data, $0) }
        }
    }

    /// The last stored run of `lesson`, or nil when there is none.
    /// - Throws: `StoredRunError`, naming the file and saying why, when there is one that
    ///   cannot be read or is not a run this notebook reads (an older format, damaged).
    public static func load(_ lesson: String, cacheRoot: URL) throws -> LessonReport? {
        let url = url(for: lesson, cacheRoot: cacheRoot)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StoredRunError(path: url.path, reason: "cannot be read: \(IOFailure.reason(of: error))")
        }
        guard !data.isEmpty else { throw StoredRunError(path: url.path, reason: "is empty") }
        do {
            return try decoder().decode(LessonReport.self, from: data)
        } catch let error as DecodingError {
            throw StoredRunError(path: url.path, reason: "is not a stored run this notebook can read (\(Self.describe(error))): "
                                 + "an older notebook wrote it, or it is damaged")
        }
    }

    /// What a decoding failure found, and where: "no 'version'", "steps[0].line is not
    /// Int", "steps[0].status: " and the decoder's words for a value it does not know.
    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        func at(_ path: [CodingKey]) -> String { path.isEmpty ? "" : " at \(place(path))" }
        switch error {
        case let .keyNotFound(key, context): return "no '\(key.stringValue)'\(at(context.codingPath))"
        case let .valueNotFound(_, context): return "a value missing\(at(context.codingPath))"
        case let .typeMismatch(type, context): return "\(place(context.codingPath)) is not \(type)"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not JSON" : "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
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

/// A stored run (`.cache/runs/NAME.json`) that is there but cannot be used.
public struct StoredRunError: Error, CustomStringConvertible {
    /// The file.
    public let path: String
    /// Why, as a phrase after the file's name ("is empty").
    public let reason: String

    public var description: String { "\(path) \(reason)" }
}
