#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The child side of `LessonRunner`: runs one lesson in this process, writing each event as
/// a JSON line straight to `eventsURL` (unbuffered `write(2)`, so every event written before
/// a crash reaches the parent).
public enum LessonChild {
    /// The hidden subcommand the parent re-executes the `notebook` binary with.
    public static let commandName = "lesson-child"

    /// Runs the lesson; returns the process exit status (0 when no step failed).
    public static func run(_ entry: LessonEntry, options: ExecutionOptions, eventsURL: URL, captureURL: URL) -> Int32 {
        let fd = open(eventsURL.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else {
            FileHandle.standardError.write(Data("cannot write events to \(eventsURL.path)\n".utf8))
            return 2
        }
        defer { close(fd) }
        // One JSON line per event, with ReportStore's conventions: lesson data may hold NaN or
        // infinities, which the default encoder refuses (that once dropped a plot's event and
        // with it the step boundary).
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var failed = false
        do {
            try LessonExecution.run(entry, options: options, captureURL: captureURL) { event in
                if case .stepFinished(let report, _) = event, report.status == .failed { failed = true }
                guard var line = try? encoder.encode(event) else {
                    FileHandle.standardError.write(Data("notebook: could not encode an event of \(entry.path)\n".utf8))
                    return
                }
                line.append(0x0A)
                line.withUnsafeBytes { bytes in
                    // write(2) may write less than asked (a signal, a large event): finish the line.
                    var offset = 0
                    while offset < bytes.count {
                        let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                        if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
                    }
                }
            }
        } catch {
            FileHandle.standardError.write(Data("\(entry.path): error: \(error)\n".utf8))
            return 2
        }
        return failed ? 1 : 0
    }
}
