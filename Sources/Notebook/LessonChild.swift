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
        let encoder = JSONEncoder()
        var failed = false
        do {
            try LessonExecution.run(entry, options: options, captureURL: captureURL) { event in
                if case .stepFinished(let report, _) = event, report.status == .failed { failed = true }
                guard var line = try? encoder.encode(event) else { return }
                line.append(0x0A)
                line.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
            }
        } catch {
            FileHandle.standardError.write(Data("\(entry.path): error: \(error)\n".utf8))
            return 2
        }
        return failed ? 1 : 0
    }
}
