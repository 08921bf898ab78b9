import Foundation
import Notebook

/// Runs lessons in child processes and prints their reports.
enum LessonReporting {
    /// Runs `entries` and returns their reports in the same order. One at a time, each
    /// step is printed as it finishes; with `jobs` > 1 that many lessons run at once (each
    /// already in its own process), started in order, and each lesson's report is printed
    /// whole when it and the lessons before it have ended, so the output reads as a
    /// sequential run's. A lesson waiting for a shared cache entry that another is
    /// computing (si_lstm for the corpus features sd_fc extracts) does not count against
    /// `jobs`, so the next lesson starts instead of the machine idling.
    static func run(_ entries: [LessonEntry], options: ExecutionOptions, showOutputs: Bool,
                    jobs: Int = 1) throws -> [LessonReport] {
        let style = TerminalStyle.forStandardOutput()
        let runner = LessonRunner(executable: LessonRunner.currentExecutable(), options: options)
        guard jobs > 1, entries.count > 1 else {
            return try entries.map { entry in
                try runOne(entry, runner: runner, style: style, showOutputs: showOutputs) { text in
                    print(text, terminator: "")
                    fflush(stdout)
                }
            }
        }
        print("running \(entries.count) lessons, up to \(jobs) at a time: \(entries.map(\.name).joined(separator: ", "))")
        fflush(stdout)
        let board = ParallelRun(count: entries.count)
        let finished = DispatchGroup()
        for index in entries.indices {
            board.acquire(limit: jobs)
            finished.enter()
            Thread.detachNewThread {
                var text = "", waiting = false
                let result = Result {
                    try runOne(entries[index], runner: runner, style: style, showOutputs: showOutputs, emit: { text += $0 },
                               onEvent: { event in
                                   // A lesson waiting for another's shared cache entry uses no
                                   // processor: let the next lesson start meanwhile.
                                   switch event {
                                   case .waiting: if !waiting { waiting = true; board.release() }
                                   case .resumed: if waiting { waiting = false; board.reacquire() }
                                   default: break
                                   }
                               })
                }
                if !waiting { board.release() }
                board.finish(index, result, text: text)
                finished.leave()
            }
        }
        finished.wait()
        return try board.results.map { try $0.get() }
    }

    /// Runs one lesson, handing its header and each finished step's lines to `emit`, and
    /// stores the report in the cache's runs folder.
    private static func runOne(_ entry: LessonEntry, runner: LessonRunner, style: TerminalStyle, showOutputs: Bool,
                               emit: (String) -> Void, onEvent: (ExecutionEvent) -> Void = { _ in }) throws -> LessonReport {
        let lesson = try entry.document()
        emit(TerminalReport.header(lesson, style: style))
        var printed = Set<String>()
        // Each step is printed when it finishes: its status line, then what it printed and
        // showed, in order. (Printing as the child runs would interleave the captured text,
        // which arrives through a file, with the events, which arrive through another.)
        let report = try runner.run(entry, onEvent: { event in
            onEvent(event)
            if case .stepFinished(let step, _) = event {
                emit(TerminalReport.step(step, style: style, showOutputs: showOutputs))
                printed.insert(step.id)
            }
        }, onText: { _ in })
        for step in report.steps where !printed.contains(step.id) {
            emit(TerminalReport.step(step, style: style, showOutputs: showOutputs))
        }
        try? ReportStore.save(report, cacheRoot: runner.options.cacheRoot)
        return report
    }
}

/// The bookkeeping of a parallel run: how many lessons are busy, and each one's result
/// and text, printed in lesson order as soon as every lesson before it has ended.
private final class ParallelRun: @unchecked Sendable {
    private let condition = NSCondition()
    private var busy = 0, nextToPrint = 0
    private var slots: [(result: Result<LessonReport, Error>, text: String)?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Waits until fewer than `limit` lessons are busy, then counts one more.
    func acquire(limit: Int) {
        condition.lock()
        while busy >= limit { condition.wait() }
        busy += 1
        condition.unlock()
    }

    func release() {
        condition.lock()
        busy -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Counts a lesson busy again after a wait (its process already runs: no waiting here).
    func reacquire() {
        condition.lock()
        busy += 1
        condition.unlock()
    }

    func finish(_ index: Int, _ result: Result<LessonReport, Error>, text: String) {
        condition.lock()
        defer { condition.unlock() }
        slots[index] = (result, text)
        while nextToPrint < slots.count, let done = slots[nextToPrint] {
            print(done.text, terminator: "")
            nextToPrint += 1
        }
        fflush(stdout)
    }

    /// Every lesson's result, once all have finished.
    var results: [Result<LessonReport, Error>] {
        condition.lock()
        defer { condition.unlock() }
        return slots.map { $0?.result ?? .failure(CancellationError()) }
    }
}
