import Foundation
import XCTest
@testable import Notebook

/// What a crashed lesson process left behind, read back. The texts are the Swift 6
/// backtracer's, as a release build prints them with colour off (the lesson child's
/// settings, `LessonRunner.crashReportSettings`).
final class CrashReportTests: XCTestCase {
    /// A trap in a release build (an index out of range) names no runtime failure; the
    /// message is the crash line with the innermost function, not the `Signal 4` banner,
    /// and whitespace printed before it is no output.
    func testATrapWithoutARuntimeMessageNamesTheCrashAndItsFunction() {
        let text = """
             

            *** Signal 4: Backtracing from 0x55fa05424eec... done ***

            *** Program crashed: Illegal instruction at 0x000055fa05424eec ***

            Platform: x86_64 Linux (Debian GNU/Linux 12 (bookworm))

            Thread 0 "lesson-child" crashed:

              0 [inlined] [system] 0x000055fa05424eec specialized Array.subscript.getter in notebook at //<compiler-generated>
              1                    0x000055fa05424eec lessonBody(_:) + 332 in notebook at /work/lessons/evil.md:98:8
            """
        let report = CrashReport(text: text, lessonPath: "lessons/evil.md")
        XCTAssertEqual(report.message, "Program crashed: Illegal instruction in specialized Array.subscript.getter")
        XCTAssertEqual(report.line, 98)
        XCTAssertEqual(report.output, "")
    }

    /// A runtime message in the first lines still beats the crash line.
    /// A long line after the crash banner that looks like frame 0 (output a lesson printed
    /// as it crashed) took superlinear time to match: 27 KB took 11 s in a release build
    /// (69 s in the fuzzing one), this one's 54 KB far longer. Such lines are passed over.
    func testALongLineAfterTheBannerIsReadQuickly() {
        let text = "Program crashed: Illegal instruction at 0x1\n 0 " + String(repeating: "0x1 a in ", count: 6000) + "\n"
        let start = Date()
        let report = CrashReport(text: text, lessonPath: "lessons/demo.md")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "a bound against the backtracking, not a speed figure")
        XCTAssertEqual(report.message, "Program crashed: Illegal instruction")
    }

    func testARuntimeMessageWins() {
        let text = """
            printed
            lessons/demo.md:96: Fatal error: the demo step crashed on purpose

            *** Program crashed: System trap at 0x00007f0000000000 ***
            """
        let report = CrashReport(text: text, lessonPath: "lessons/demo.md")
        XCTAssertEqual(report.message, "Fatal error: the demo step crashed on purpose")
        XCTAssertEqual(report.line, 96)
        XCTAssertEqual(report.output, "printed\n")
    }
}

/// The compiled code and the Markdown it was compiled from must agree step for step.
final class LessonMismatchTests: XCTestCase {
    /// Code that ends before the Markdown's last step (a lesson that tangled to no steps,
    /// say) fails that step instead of passing with it "not run".
    func testCodeThatEndsEarlyFailsTheStepItNeverBegan() throws {
        try check { nb in
            try nb.beginStep("a")
            try nb.endLesson()
        }
        // A `return` in step a's code leaves the lesson body before endLesson.
        try check { nb in
            try nb.beginStep("a")
            if !CommandLine.arguments.isEmpty { return }  // always: step a returns
            try nb.beginStep("b")
            try nb.endLesson()
        }
    }

    private func check(_ body: @escaping (StepContext) throws -> Void) throws {
        let markdown = "# M\n\n```swift step=a\nprint(1)\n```\n\n```swift step=b\nprint(2)\n```\n"
        let entry = LessonEntry(name: "m", path: "lessons/m.md", markdown: markdown, body: body)
        let lesson = try entry.document()
        var builder = ReportBuilder(lesson: lesson, version: "test")
        let events = LockedEvents()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("mismatch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        try LessonExecution.run(entry, options: ExecutionOptions(cacheRoot: cache, version: "test"), captureURL: nil) { events.append($0) }
        for event in events.all { builder.consume(event) }
        let report = builder.report()
        XCTAssertEqual(report.steps.map(\.status), [.ok, .failed])
        XCTAssertEqual(report.steps[1].error?.message, "the lesson's code ended before step 'b': a `return` at the top level of a step "
                       + "ends the whole lesson (or the lesson module is out of date: rebuild)")
    }
}

private final class LockedEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ExecutionEvent] = []
    func append(_ event: ExecutionEvent) { lock.withLock { events.append(event) } }
    var all: [ExecutionEvent] { lock.withLock { events } }
}
