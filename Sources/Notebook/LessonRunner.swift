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
    /// When set and requested, a running lesson's process is interrupted and `run` throws
    /// `LessonRunInterrupted`.
    public var stopRequest: StopRequest?

    public init(executable: URL, options: ExecutionOptions, stopRequest: StopRequest? = nil) {
        self.executable = executable
        self.options = options
        self.stopRequest = stopRequest
    }

    /// Runs one lesson and returns its report. While it runs, `onEvent` sees each event and
    /// `onText` what the lesson prints, in order with the events (for a live display).
    ///
    /// - Throws: `LessonRunInterrupted` when `stopRequest` is requested before or during the run.
    public func run(_ entry: LessonEntry, onEvent: (ExecutionEvent) -> Void = { _ in },
                    onText: (String) -> Void = { _ in }) throws -> LessonReport {
        let lesson = try entry.document()
        _ = Self.staleWorkFoldersRemoved
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("\(Self.workFolderPrefix)\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let eventsURL = work.appendingPathComponent("events.jsonl")
        let captureURL = work.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: eventsURL.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        var arguments = [LessonChild.commandName, entry.name, "--events", eventsURL.path, "--capture", captureURL.path,
                         "--cache-dir", options.cacheRoot.path, "--parent", String(getpid())]
        for (name, value) in options.parameters.sorted(by: { $0.key < $1.key }) { arguments += ["--param", "\(name)=\(value)"] }
        if let until = options.until { arguments += ["--until", until] }
        if !options.useCache { arguments.append("--no-cache") }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // Crash reports as plain text the parent can read for the lesson line; no prompts.
        environment["SWIFT_BACKTRACE"] = environment["SWIFT_BACKTRACE"] ?? Self.crashReportSettings
        process.environment = environment

        var builder = ReportBuilder(lesson: lesson, startedAt: Date(), version: options.version, given: Set(options.parameters.keys))
        var watch = StepTimeoutWatch(limit: options.stepTimeout)
        let reader = try EventReader(url: eventsURL)
        var tail = CaptureTail(url: captureURL)
        func poll() {
            // Measure the capture before reading events: an event is written before any text
            // that follows it, so every event for text up to `end` is already in the file.
            let end = tail.size()
            for event in reader.next() {
                switch event {
                case .shown(_, let offset), .stepFinished(_, let offset): live(tail.read(upTo: offset))
                default: break
                }
                builder.consume(event)
                watch.note(event)
                onEvent(event)
            }
            live(tail.read(upTo: end, wholeLines: true))
        }
        // Live text stops at the runtime's crash message: the report gives the message and
        // the lesson line; the backtrace stays in the error's details.
        var crashed = false
        func live(_ text: String) {
            guard !crashed, !text.isEmpty else { return }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let start = lines.firstIndex(where: { line in CrashReport.markers.contains { line.contains($0) } }) {
                crashed = true
                onText(lines[..<start].map { $0 + "\n" }.joined())
            } else {
                onText(text)
            }
        }
        if stopRequest?.isRequested == true { throw LessonRunInterrupted(lesson: entry.name, started: false, step: nil) }
        try process.run()
        var interrupted = false
        while process.isRunning {
            poll()
            if !interrupted, stopRequest?.isRequested == true {
                // The child runs in a process group of its own (Foundation's spawn), so
                // neither a terminal's Ctrl-C nor a signal sent to this process reaches
                // it: pass the stop on.
                process.interrupt()
                interrupted = true
            }
            switch watch.check(running: builder.running?.id) {
            case .terminate: process.terminate()
            case .kill: kill(process.processIdentifier, SIGKILL)
            case .none: break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        poll()
        if stopRequest?.isRequested == true, !builder.isComplete {
            throw LessonRunInterrupted(lesson: entry.name, started: true, step: builder.running?.id)
        }

        if !builder.isComplete {
            // The incremental reads missed an event (seen intermittently with large plot events
            // read while being written). The child has exited, so the file is final: rebuild
            // the report from all of it before deciding that the lesson died.
            var rebuilt = ReportBuilder(lesson: lesson, startedAt: builder.startedAt, version: options.version, given: builder.given)
            for event in (try? EventReader(url: eventsURL))?.next() ?? [] { rebuilt.consume(event) }
            if rebuilt.isComplete || rebuilt.eventCount > builder.eventCount { builder = rebuilt }
        }
        guard !builder.isComplete else { return builder.report() }
        guard let running = builder.running else {
            // Died before or between steps: blame the next step that did not finish.
            let report = builder.report()
            let status = describe(process, midStep: false)
            let firstUnrun = report.steps.first { $0.status == .skipped }
            return builder.report(crash: nil).with(failure: StepError(
                message: "the lesson's process \(status) before \(firstUnrun.map { "step '\($0.id)'" } ?? "finishing")",
                location: lesson.location(line: firstUnrun?.line ?? 1), crashed: true), at: firstUnrun?.id)
        }
        let text = Self.text(of: captureURL, from: running.captureOffset)
        let step = lesson.step(running.id)
        if let limit = watch.stopped, limit.step == running.id {
            return builder.report(crash: StepError(
                message: "timed out: the step ran for more than \(String(format: "%g", limit.seconds)) s (--step-timeout), so its process was stopped",
                location: lesson.location(line: step?.codeLine ?? 1), crashed: true), crashOutput: text)
        }
        let crash = CrashReport(text: text, lessonPath: lesson.path)
        let error = StepError(message: crash.message ?? "the lesson's process \(describe(process, midStep: true))",
                              location: lesson.location(line: crash.line ?? step?.codeLine ?? 1),
                              crashed: true, details: crash.details)
        return builder.report(crash: error, crashOutput: crash.output)
    }

    private static let workFolderPrefix = "notebook-"

    /// Work folders of runs whose process is gone (killed with SIGKILL, or the machine
    /// stopped), removed once per process: `notebook-PID-UUID` in the temporary folder
    /// where no process PID exists.
    private static let staleWorkFoldersRemoved: Void = {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix(workFolderPrefix) {
            let fields = name.dropFirst(workFolderPrefix.count).split(separator: "-", maxSplits: 1)
            guard fields.count == 2, let pid = pid_t(fields[0]), pid > 0, UUID(uuidString: String(fields[1])) != nil,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }()

    /// How the process ended; `midStep` when a step's code was running.
    private func describe(_ process: Process, midStep: Bool) -> String {
        if process.terminationReason == .uncaughtSignal { return "was killed by signal \(process.terminationStatus)" }
        let status = "exited with status \(process.terminationStatus)"
        // Mid-step, the process ends by itself only if the step's code ended it: say so,
        // since "exited with status 0" reads like success.
        guard midStep else { return status }
        return status + " during the step: " + Self.stepEndedProcess
    }

    /// Why a step's code must not end the process, for the reports of `run`, `test` and `step`.
    public static let stepEndedProcess = "the step ended the process (exit() in the step or in code it calls) "
        + "instead of returning; a step returns, or throws to fail"

    /// The capture file's text from `offset`, the running step's start as its event gave
    /// it; "" for an offset outside the file. Data does not check a slice's lower bound: a
    /// negative offset (a damaged events file) read the memory before the bytes into the
    /// step's crash output, or trapped (-100000000000).
    static func text(of url: URL, from offset: Int) -> String {
        guard let data = try? Data(contentsOf: url), (0...data.count).contains(offset) else { return "" }
        return String(decoding: data[offset...], as: UTF8.self)
    }

    /// Swift runtime backtrace settings for lesson processes: a short, plain-text report of the
    /// crashed thread (it names the lesson line), never the interactive prompt.
    public static let crashReportSettings = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=16"

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

/// Follows the capture file of a running lesson, handing out the text in order.
struct CaptureTail {
    let url: URL
    private var offset = 0

    init(url: URL) { self.url = url }

    func size() -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The text from the last read up to `end` (only up to its last newline if `wholeLines`).
    mutating func read(upTo end: Int, wholeLines: Bool = false) -> String {
        guard end > offset, let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
              var data = try? handle.read(upToCount: end - offset) else { return "" }
        if wholeLines {
            guard let newline = data.lastIndex(of: 0x0A) else { return "" }
            data = data[data.startIndex...newline]
        }
        offset += data.count
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reads complete JSON lines appended to an events file.
final class EventReader {
    private let handle: FileHandle
    private var pending = Data()
    private let decoder = ReportStore.decoder()

    init(url: URL) throws { handle = try FileHandle(forReadingFrom: url) }
    deinit { try? handle.close() }

    func next() -> [ExecutionEvent] {
        // One read returns at most one buffer's worth: read to the current end of the file,
        // or a burst of events written just before the child exits is left unread.
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
        }
        var events: [ExecutionEvent] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            // A fresh zero-based copy of the line: decoding straight from a slice of a large
            // buffer is the one step here that depends on Data's internal representation.
            let line = Data(pending[pending.startIndex..<newline])
            pending = Data(pending[pending.index(after: newline)...])
            do {
                events.append(try decoder.decode(ExecutionEvent.self, from: line))
            } catch {
                FileHandle.standardError.write(Data("notebook: unreadable event from the lesson process (\(line.count) bytes): \(error)\n".utf8))
            }
        }
        return events
    }
}
