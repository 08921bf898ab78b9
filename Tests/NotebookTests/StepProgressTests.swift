import XCTest
@testable import Notebook

/// `StepProgress`: the events a step's progress sends for a display.
final class StepProgressTests: XCTestCase {
    /// The events sent, in order, as (done, total).
    private final class Sent: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [(done: Int, total: Int)] = []
        private var notes: [String] = []
        var allNotes: [String] { lock.lock(); defer { lock.unlock() }; return notes }
        func add(_ event: ExecutionEvent) {
            guard case let .progress(step, done, total, unit, note) = event else { return XCTFail("not progress: \(event)") }
            if let note { lock.lock(); notes.append(note); lock.unlock() }
            XCTAssertEqual(step, "extract")
            XCTAssertEqual(unit, "recordings")
            lock.lock(); events.append((done, total)); lock.unlock()
        }
        var all: [(done: Int, total: Int)] { lock.lock(); defer { lock.unlock() }; return events }
    }

    /// One event when the progress is made, the last item's always, and at most five a
    /// second between them.
    func testSendsTheStartAndTheEndAndAtMostFiveEventsASecond() {
        let sent = Sent()
        let start = Date()
        let progress = StepProgress(step: "extract", total: 10_000, unit: "recordings", emit: sent.add)
        for _ in 0..<10_000 { progress.advance() }
        let elapsed = Date().timeIntervalSince(start)
        let events = sent.all
        XCTAssertEqual(events.first?.done, 0)
        XCTAssertEqual(events.last?.done, 10_000)
        XCTAssertTrue(events.allSatisfy { $0.total == 10_000 })
        XCTAssertLessThanOrEqual(events.count, 2 + Int(elapsed / StepProgress.interval), "throttled: \(events.count) events")
        XCTAssertEqual(progress.completed, 10_000)
    }

    /// Advanced from many threads at once (as the lessons extract the corpus), it counts
    /// every item, sends counts that only grow, and the last item's exactly once.
    func testCountsEveryItemAdvancedFromManyThreads() {
        let sent = Sent()
        let progress = StepProgress(step: "extract", total: 1012, unit: "recordings", emit: sent.add)
        DispatchQueue.concurrentPerform(iterations: 1012) { _ in progress.advance() }
        let done = sent.all.map(\.done)
        XCTAssertEqual(progress.completed, 1012)
        XCTAssertEqual(done, done.sorted())
        XCTAssertEqual(done.filter { $0 == 1012 }.count, 1)
    }

    /// Items past the total are not counted and send nothing more (a display has already
    /// wiped the line); nor do zero or negative counts.
    func testItemsPastTheTotalAreNotCounted() {
        let sent = Sent()
        let progress = StepProgress(step: "extract", total: 3, unit: "recordings", emit: sent.add)
        progress.advance(by: 0)
        progress.advance(by: -2)
        XCTAssertEqual(progress.completed, 0)
        progress.advance(by: 5)
        progress.advance()
        XCTAssertEqual(progress.completed, 3)
        XCTAssertEqual(sent.all.map(\.done), [0, 3])
    }

    /// The terminal's line names the step and the counts, cut to the width so that it can
    /// be redrawn in place.
    func testTheTerminalLineFitsTheWidth() {
        let wide = TerminalReport.progress(step: "extract", done: 412, total: 1012, unit: "recordings",
                                           style: TerminalStyle(width: 80))
        XCTAssertEqual(wide, "  ▸ extract: 412 of 1012 recordings")
        let narrow = TerminalReport.progress(step: "extract", done: 412, total: 1012, unit: "recordings",
                                             style: TerminalStyle(width: 20))
        XCTAssertEqual(narrow, "  ▸ extract: 412 of")
        XCTAssertEqual(TerminalReport.briefProgress(step: "train", done: 37, total: 100), "train 37/100")
        XCTAssertEqual(TerminalReport.progress(step: "train", done: 46, total: 100, unit: "epochs", note: "loss 0.4123",
                                               style: TerminalStyle(width: 80)), "  ▸ train: 46 of 100 epochs   loss 0.4123")
    }

    /// The latest note goes with the next event, and stays until another replaces it.
    func testTheLatestNoteGoesWithTheNextEvent() {
        let sent = Sent()
        let progress = StepProgress(step: "extract", total: 3, unit: "recordings", emit: sent.add)
        progress.advance(note: "first")
        progress.advance()
        progress.advance(note: "third")
        XCTAssertEqual(sent.all.last?.done, 3)
        XCTAssertEqual(sent.allNotes.last, "third")
        XCTAssertTrue(Set(sent.allNotes).isSubset(of: ["first", "third"]), "\(sent.allNotes)")
    }

    /// A progress its step left behind (work still running in the background) sends
    /// nothing once the step has ended: a display would draw it under the next step.
    func testAProgressSendsNothingAfterItsStepEnded() throws {
        let folder = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = "```swift step=first\nx\n```\n\n```swift step=second\ny\n```\n"
        let entry = LessonEntry(name: "left", path: "lessons/left.md", markdown: markdown) { nb in
            try nb.beginStep("first")
            let progress = nb.progress(total: 3, unit: "items")
            progress.advance()
            try nb.beginStep("second")
            progress.advance()
            progress.advance()
            XCTAssertEqual(progress.completed, 3, "still counted")
            try nb.endLesson()
        }
        var events: [String] = []
        try LessonExecution.run(entry, options: ExecutionOptions(cacheRoot: folder, version: "test"), captureURL: nil) { event in
            switch event {
            case let .progress(step, done, _, _, _): events.append("\(step) \(done)")
            case let .stepFinished(report, _): events.append("finished \(report.id)")
            default: break
            }
        }
        // Between "first 0" and the step's end a stalled machine may send "first 1".
        let finished = try XCTUnwrap(events.firstIndex(of: "finished first"), "\(events)")
        XCTAssertEqual(events.first, "first 0")
        XCTAssertEqual(Array(events[finished...]), ["finished first", "finished second"], "nothing after the step ended")
    }
}
