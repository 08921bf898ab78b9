import ArgumentParser
import Foundation
import Notebook
import NumPy

/// The reports of lessons run together, in the order given, and how many of those runs
/// could not be stored (each already reported on stderr, naming the file and why).
struct LessonRunResults {
    let reports: [LessonReport]
    let unstored: Int
}

/// Runs lessons in child processes and prints their reports.
enum LessonReporting {
    /// Runs `entries` and returns their reports in the same order. One at a time, each
    /// step is printed as it finishes; with `jobs` > 1 that many lessons run at once (each
    /// already in its own process), started in order, and each lesson's report is printed
    /// whole when it and the lessons before it have ended, so the output reads as a
    /// sequential run's. A lesson waiting for a shared cache entry that another is
    /// computing (si_lstm for the corpus features sd_fc extracts) does not count against
    /// `jobs`, so the next lesson starts instead of the machine idling.
    ///
    /// Ctrl-C (or SIGTERM, SIGHUP, SIGQUIT) stops the lessons under way and starts no
    /// others; the command then says which step each was in and exits with the shell's
    /// status for the signal (130 for Ctrl-C). Their stored runs stay as they were, and
    /// the values their finished steps cached stay in the cache.
    /// With `checkExpected` (`notebook test`), a step whose output differs from its
    /// expected block is marked ✗ on its line, not ✓.
    /// A run that cannot be stored (the runs folder unwritable) is said on stderr at once
    /// and counted in `unstored`, so that the command can end with a failure status.
    static func run(_ entries: [LessonEntry], options: ExecutionOptions, showOutputs: Bool,
                    checkExpected: Bool = false, jobs: Int = 1) throws -> LessonRunResults {
        let stop = StopRequest()
        let runner = LessonRunner(executable: LessonRunner.currentExecutable(), options: options, stopRequest: stop)
        let unstored = SharedInt()
        do {
            let reports = try Interruption.requesting(stop) {
                try run(entries, runner: runner, showOutputs: showOutputs, checkExpected: checkExpected, jobs: jobs,
                        unstored: unstored)
            }
            return LessonRunResults(reports: reports, unstored: unstored.value)
        } catch let error as LessonRunInterrupted {
            throw interruptedExit([error], status: stop.exitStatus)
        } catch let error as RunsInterrupted {
            throw interruptedExit(error.runs, status: stop.exitStatus)
        }
    }

    /// Several lessons stopped by one Ctrl-C (a parallel run).
    private struct RunsInterrupted: Error { let runs: [LessonRunInterrupted] }

    /// Says which lessons stopped where, and what is kept; the exit status of the signal.
    private static func interruptedExit(_ runs: [LessonRunInterrupted], status: Int32) -> ExitCode {
        print("")
        FileHandle.standardError.write(Data("""
            Interrupted: \(runs.map(\.description).joined(separator: "; ")). \(runs.count == 1 ? "The interrupted run was" : "The interrupted runs were") not stored \
            (earlier stored runs stay as they were); the values cached by the steps that finished are kept.

            """.utf8))
        return ExitCode(status)
    }

    private static func run(_ entries: [LessonEntry], runner: LessonRunner, showOutputs: Bool,
                            checkExpected: Bool, jobs: Int, unstored: SharedInt) throws -> [LessonReport] {
        let style = TerminalStyle.forStandardOutput()
        guard jobs > 1, entries.count > 1 else {
            let progressLine = ProgressLine()
            // Also when a Ctrl-C stops the run mid-step: its message starts on a clean line.
            defer { progressLine.clear() }
            return try entries.map { entry in
                try runOne(entry, runner: runner, style: style, showOutputs: showOutputs, checkExpected: checkExpected,
                           unstored: unstored, emit: { text in
                    progressLine.clear()
                    print(text, terminator: "")
                    fflush(stdout)
                }, onEvent: { event in
                    switch event {
                    case .waiting(let name):
                        // Run alone, a lesson waits only for another notebook process: say
                        // so, or the wait looks like a hang.
                        progressLine.clear()
                        print(TerminalReport.waiting(for: name, style: style), terminator: "")
                        fflush(stdout)
                    case let .progress(step, done, total, unit, note):
                        progressLine.show(TerminalReport.progress(step: step, done: done, total: total, unit: unit,
                                                                  note: note, style: style))
                    default:
                        break
                    }
                })
            }
        }
        print("running \(entries.count) lessons, up to \(jobs) at a time: \(entries.map(\.name).joined(separator: ", "))")
        fflush(stdout)
        let board = ParallelRun(names: entries.map(\.name), style: style, live: isatty(STDOUT_FILENO) == 1)
        let finished = DispatchGroup()
        for index in entries.indices {
            board.start(index, limit: jobs)
            finished.enter()
            Thread.detachNewThread {
                var text = ""
                let result = Result {
                    try runOne(entries[index], runner: runner, style: style, showOutputs: showOutputs,
                               checkExpected: checkExpected, unstored: unstored, emit: { text += $0 },
                               onEvent: { event in
                                   // A lesson waiting for another's shared cache entry uses no
                                   // processor: let the next lesson start meanwhile.
                                   switch event {
                                   case .waiting: board.setWaiting(index, true)
                                   case .resumed: board.setWaiting(index, false)
                                   case let .progress(step, done, total, _, _):
                                       board.setProgress(index, TerminalReport.briefProgress(step: step, done: done,
                                                                                             total: total))
                                   case .stepFinished: board.setProgress(index, nil)
                                   default: break
                                   }
                               })
                }
                board.finish(index, result, text: text)
                finished.leave()
            }
        }
        finished.wait()
        let results = board.results
        let interrupted = results.compactMap { result -> LessonRunInterrupted? in
            if case .failure(let error as LessonRunInterrupted) = result { return error }
            return nil
        }
        if !interrupted.isEmpty { throw RunsInterrupted(runs: interrupted) }
        return try results.map { try $0.get() }
    }

    /// Runs one lesson, handing its header and each finished step's lines to `emit`, and
    /// stores the report in the cache's runs folder (counting a failure in `unstored`).
    private static func runOne(_ entry: LessonEntry, runner: LessonRunner, style: TerminalStyle, showOutputs: Bool,
                               checkExpected: Bool, unstored: SharedInt,
                               emit: (String) -> Void, onEvent: (ExecutionEvent) -> Void = { _ in }) throws -> LessonReport {
        let lesson = try entry.document()
        emit(TerminalReport.header(lesson, style: style))
        let idWidth = lesson.steps.map(\.id.count).max() ?? 0
        var printed = Set<String>()
        // Each step is printed when it finishes: its status line, then what it printed and
        // showed, in order. (Printing as the child runs would interleave the captured text,
        // which arrives through a file, with the events, which arrive through another.)
        let report = try runner.run(entry, onEvent: { event in
            onEvent(event)
            if case .stepFinished(let step, _) = event {
                let differs = checkExpected && LessonCheck.check(step, in: lesson).result?.matches == false
                emit(TerminalReport.step(step, lesson: lesson.name, style: style, showOutputs: showOutputs, idWidth: idWidth,
                                         outputDiffers: differs))
                printed.insert(step.id)
            }
        }, onText: { _ in })
        let unprinted = report.steps.filter { !printed.contains($0.id) }
        if !unprinted.isEmpty {
            emit(TerminalReport.steps(unprinted, lesson: lesson.name, style: style, showOutputs: showOutputs, idWidth: idWidth))
        }
        // The stored run is the last one, by design; but a failed run (a mistyped --data)
        // that replaces a complete one takes away what site and predict --lesson read: say so.
        if !report.succeeded, let previous = try? ReportStore.load(report.lesson, cacheRoot: runner.options.cacheRoot),
           previous.succeeded {
            FileHandle.standardError.write(text: "note: this failed run of \(report.lesson) replaces its stored run of "
                + "\(PageDate.text(previous.startedAt)), which succeeded; site, export and predict --lesson read the stored "
                + "run (values already cached stay in the cache). Run the lesson again to store a complete run.\n")
        }
        do {
            try ReportStore.save(report, cacheRoot: runner.options.cacheRoot)
        } catch {
            // Every step may have passed, but site, export and predict --lesson read the
            // stored run: a run that is not there must not end as a success.
            let file = ReportStore.url(for: report.lesson, cacheRoot: runner.options.cacheRoot)
            var isFolder: ObjCBool = false
            // The system's word for a file where the runs folder should be is "File exists".
            let reason = FileManager.default.fileExists(atPath: file.deletingLastPathComponent().path, isDirectory: &isFolder)
                && !isFolder.boolValue ? "\(file.deletingLastPathComponent().path) is a file, not a folder"
                : (error as? CacheError).map(String.init(describing:)) ?? IOFailure.reason(of: error)  // the lock's, naming it
            FileHandle.standardError.write(text: "\(report.lesson): could not store its run as \(file.path): \(reason)\n")
            unstored.increment()
        }
        return report
    }
}

/// The bookkeeping of a parallel run: which lessons run and which wait (only running ones
/// count against the limit), and each one's result and text, printed in lesson order as
/// soon as every lesson before it has ended. On a terminal, a status line below the
/// printed reports names the lessons still running.
private final class ParallelRun: @unchecked Sendable {
    private let condition = NSCondition()
    private let names: [String]
    private let style: TerminalStyle
    private let statusLine: ProgressLine
    private var busy = 0, nextToPrint = 0
    private var running: [Int: Bool] = [:]  // started and unfinished lessons: waiting or not
    private var progress: [Int: String] = [:]  // how far a running lesson's long step has got
    private var slots: [(result: Result<LessonReport, Error>, text: String)?]

    init(names: [String], style: TerminalStyle, live: Bool) {
        self.names = names
        self.style = style
        statusLine = ProgressLine(live: live)
        slots = Array(repeating: nil, count: names.count)
    }

    /// Waits until fewer than `limit` lessons are busy, then marks lesson `index` running.
    func start(_ index: Int, limit: Int) {
        condition.lock()
        defer { condition.unlock() }
        while busy >= limit { condition.wait() }
        busy += 1
        running[index] = false
        drawStatus()
    }

    /// A lesson began or ended a wait for another run's cache entry. Ending it counts the
    /// lesson busy again at once: its process is already running.
    func setWaiting(_ index: Int, _ waiting: Bool) {
        condition.lock()
        defer { condition.unlock() }
        guard let was = running[index], was != waiting else { return }
        running[index] = waiting
        busy += waiting ? -1 : 1
        condition.broadcast()
        drawStatus()
    }

    /// How far lesson `index`'s running step has got ("extract 412/1012"), or nil when
    /// it has none to show. Redraws the status line only when the text changes.
    func setProgress(_ index: Int, _ text: String?) {
        condition.lock()
        defer { condition.unlock() }
        guard progress[index] != text else { return }
        progress[index] = text
        drawStatus()
    }

    func finish(_ index: Int, _ result: Result<LessonReport, Error>, text: String) {
        condition.lock()
        defer { condition.unlock() }
        progress[index] = nil
        if running.removeValue(forKey: index) == false { busy -= 1 }
        condition.broadcast()
        slots[index] = (result, text)
        statusLine.clear()
        while nextToPrint < slots.count, let done = slots[nextToPrint] {
            print(done.text, terminator: "")
            nextToPrint += 1
        }
        drawStatus()
    }

    /// Every lesson's result, once all have finished.
    var results: [Result<LessonReport, Error>] {
        condition.lock()
        defer { condition.unlock() }
        return slots.map { $0?.result ?? .failure(CancellationError()) }
    }

    /// Redraws the status line (on a terminal), e.g. "running sd_fc (extract 412/1012),
    /// si_cnn (train 37/100); waiting: si_lstm" (for a value another lesson is caching),
    /// cut to the width (a line that wraps cannot be redrawn in place). Called with the
    /// lock held.
    private func drawStatus() {
        defer { fflush(stdout) }  // the reports `finish` printed
        let active = running.filter { !$0.value }.keys.sorted().map { index in
            names[index] + (progress[index].map { " (\($0))" } ?? "")
        }
        let waiting = running.filter(\.value).keys.sorted().map { names[$0] }
        var text = active.isEmpty ? "" : "running " + active.joined(separator: ", ")
        if !waiting.isEmpty {
            // Short, so that the lessons' progress fits in 80 columns before it.
            text += (text.isEmpty ? "" : "; ") + "waiting: " + waiting.joined(separator: ", ")
                + (active.isEmpty ? " (for a value another notebook process is caching)" : "")
        }
        statusLine.show(text.isEmpty ? nil : style.dim(String(text.prefix(style.width - 1))))
    }
}
