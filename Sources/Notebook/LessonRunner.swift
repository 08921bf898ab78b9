import Foundation
import LessonFormat

/// Runs lessons, each in a child process (the `notebook` binary re-executed with the hidden
/// `lesson-child` subcommand), so that a trap or `fatalError` in a lesson becomes that
/// step's failure and the other lessons still run.
///
/// The child reports progress as JSON-line events in a file and captures its output in
/// another; when it dies, the parent reads the step that was running from the events and
/// the crash message (with the lesson line it names) from the capture.
public struct LessonRunner {
    /// The `notebook` executable to re-execute.
    public var executable: URL
    public var options: ExecutionOptions

    public init(executable: URL, options: ExecutionOptions) {
        self.executable = executable
        self.options = options
    }

    /// Runs one lesson and returns its report; `onEvent` sees each event as it happens.
    public func run(_ entry: LessonEntry, onEvent: (ExecutionEvent) -> Void = { _ in }) throws -> LessonReport {
        let lesson = try entry.document()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let eventsURL = work.appendingPathComponent("events.jsonl")
        let captureURL = work.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: eventsURL.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        var arguments = [LessonChild.commandName, entry.name, "--events", eventsURL.path, "--capture", captureURL.path,
                         "--cache-dir", options.cacheRoot.path]
        for (name, value) in options.parameters.sorted(by: { $0.key < $1.key }) { arguments += ["--param", "\(name)=\(value)"] }
        if let until = options.until { arguments += ["--until", until] }
        if !options.useCache { arguments.append("--no-cache") }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // Crash reports as plain text the parent can read for the lesson line; no prompts.
        environment["SWIFT_BACKTRACE"] = environment["SWIFT_BACKTRACE"] ?? "enable=yes,interactive=no,color=no,sanitize=no"
        process.environment = environment

        var builder = ReportBuilder(lesson: lesson, startedAt: Date(), version: options.version)
        let reader = try EventReader(url: eventsURL)
        try process.run()
        while process.isRunning {
            for event in reader.next() { builder.consume(event); onEvent(event) }
            usleep(10_000)
        }
        process.waitUntilExit()
        for event in reader.next() { builder.consume(event); onEvent(event) }

        guard !builder.isComplete else { return builder.report() }
        guard let running = builder.running else {
            // Died before or between steps: blame the next step that did not finish.
            let report = builder.report()
            let status = describe(process)
            let firstUnrun = report.steps.first { $0.status == .skipped }
            return builder.report(crash: nil).with(failure: StepError(
                message: "the lesson's process \(status) before \(firstUnrun.map { "step '\($0.id)'" } ?? "finishing")",
                location: lesson.location(line: firstUnrun?.line ?? 1), crashed: true), at: firstUnrun?.id)
        }
        let text = Self.text(of: captureURL, from: running.captureOffset)
        let crash = CrashReport(text: text, lessonPath: lesson.path)
        let step = lesson.step(running.id)
        let error = StepError(message: crash.message ?? "the lesson's process \(describe(process))",
                              location: lesson.location(line: crash.line ?? step?.codeLine ?? 1),
                              crashed: true, details: crash.details)
        return builder.report(crash: error, crashOutput: crash.output)
    }

    private func describe(_ process: Process) -> String {
        process.terminationReason == .uncaughtSignal
            ? "was killed by signal \(process.terminationStatus)"
            : "exited with status \(process.terminationStatus)"
    }

    private static func text(of url: URL, from offset: Int) -> String {
        guard let data = try? Data(contentsOf: url), offset <= data.count else { return "" }
        return String(decoding: data[offset...], as: UTF8.self)
    }

    /// The path of the running executable (`/proc/self/exe` on Linux).
    public static func currentExecutable() -> URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }
}

extension LessonReport {
    /// This report with step `id` (if any) marked failed with `error`.
    func with(failure error: StepError, at id: String?) -> LessonReport {
        var copy = self
        if let index = copy.steps.firstIndex(where: { $0.id == id }) {
            copy.steps[index].status = .failed
            copy.steps[index].skipReason = nil
            copy.steps[index].error = error
            for later in copy.steps.indices where later > index {
                copy.steps[later].skipReason = "not run: step '\(copy.steps[index].id)' failed"
            }
        }
        return copy
    }
}

/// Reads complete JSON lines appended to an events file.
final class EventReader {
    private let handle: FileHandle
    private var pending = Data()
    private let decoder = JSONDecoder()

    init(url: URL) throws { handle = try FileHandle(forReadingFrom: url) }
    deinit { try? handle.close() }

    func next() -> [ExecutionEvent] {
        pending.append(handle.availableData)
        var events: [ExecutionEvent] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = pending[pending.startIndex..<newline]
            pending.removeSubrange(pending.startIndex...newline)
            if let event = try? decoder.decode(ExecutionEvent.self, from: line) { events.append(event) }
        }
        return events
    }
}
