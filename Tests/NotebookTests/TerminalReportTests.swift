import LessonFormat
@testable import Notebook
import XCTest

/// The step lines of `notebook run` and `test`.
final class TerminalReportTests: XCTestCase {
    private let style = TerminalStyle(width: 80, color: false)

    private func skipped(_ id: String, _ reason: String) -> StepReport {
        StepReport(id: id, title: nil, line: 1, status: .skipped, skipReason: reason)
    }

    /// Times line up under the lesson's longest step ID.
    func testTimesFormAColumn() {
        let short = TerminalReport.step(StepReport(id: "load", title: nil, line: 1, status: .ok, duration: 0.01),
                                        style: style, showOutputs: false, idWidth: 7)
        let long = TerminalReport.step(StepReport(id: "reshape", title: nil, line: 1, status: .ok, duration: 0.5),
                                       style: style, showOutputs: false, idWidth: 7)
        XCTAssertEqual(short, "  ✓ load       0.01s\n")
        XCTAssertEqual(long, "  ✓ reshape    0.50s\n")
    }

    /// On a terminal a step's error is wrapped between words under its indent (the
    /// terminal would cut words in two); in a log it stays one line, whole for searching.
    func testAnErrorWrapsOnATerminalOnly() {
        let error = StepError(message: "parameter 'epochs' must be at least 1, not 0 (from --param epochs=0)",
                              location: SourceLocation(file: "lessons/si_cnn.md", line: 131, column: 1), crashed: false)
        let failed = StepReport(id: "train", title: nil, line: 130, status: .failed, error: error)
        let terminal = TerminalReport.step(failed, style: TerminalStyle(width: 60, color: true), showOutputs: false)
        let lines = terminal.split(separator: "\n").dropFirst().map { $0.replacing(#/\u{1B}\[[0-9;]*m/#, with: "") }
        XCTAssertEqual(lines, ["      lessons/si_cnn.md:131:1: error: parameter 'epochs'",
                               "      must be at least 1, not 0 (from --param epochs=0)"])
        let log = TerminalReport.step(failed, style: TerminalStyle(width: 60, color: false), showOutputs: false)
        XCTAssertTrue(log.hasSuffix("      lessons/si_cnn.md:131:1: error: \(error.message)\n"), log)
        // A log indents a message's later lines too, each whole.
        XCTAssertEqual(TerminalReport.wrapped("first\n  second " + String(repeating: "word ", count: 14), indent: "    ",
                                              style: TerminalStyle(width: 40, color: false)),
                       "    first\n      second " + String(repeating: "word ", count: 14))
        // Lines of a message that fit keep their own spacing; a long one continues under its indent.
        let aligned = "first\n  expected: 0.93   actual: 0.80\n  " + String(repeating: "word ", count: 14)
        XCTAssertEqual(TerminalReport.wrapped(aligned, indent: "    ", style: TerminalStyle(width: 40, color: false, wrapsLines: true)),
                       "    first\n      expected: 0.93   actual: 0.80\n"
                       + "      word word word word word word word\n      word word word word word word word")
    }

    /// Three or more steps skipped in a row for one reason take one line; fewer keep theirs.
    func testARunOfSkippedStepsIsOneLine() {
        let until = "not run: stopped after --until load"
        let text = TerminalReport.steps([skipped("a", until), skipped("b", until), skipped("c", until), skipped("d", until),
                                         skipped("e", "not run: step 'd' failed"), skipped("f", "not run: step 'd' failed")],
                                        style: style, showOutputs: false)
        XCTAssertEqual(text, """
              - a … d (4 steps) not run: stopped after --until load
              - e not run: step 'd' failed
              - f not run: step 'd' failed

            """)
    }

    /// A title that starts with the lesson's name does not repeat it.
    func testTheHeaderDoesNotRepeatTheName() throws {
        let named = try Lesson.parse("# sd_lstm: an LSTM\n\n```swift step=a\n```\n", path: "lessons/sd_lstm.md")
        XCTAssertEqual(TerminalReport.header(named, style: style), "▶ sd_lstm: an LSTM  (lessons/sd_lstm.md)\n")
        let other = try Lesson.parse("# How a lesson works\n\n```swift step=a\n```\n", path: "lessons/demo.md")
        XCTAssertEqual(TerminalReport.header(other, style: style), "▶ demo — How a lesson works  (lessons/demo.md)\n")
        // Too long for the width with its path: the path goes on the next line.
        let long = try Lesson.parse("# Recognising emotion in song with a fully-connected network\n\n```swift step=a\n```\n",
                                    path: "lessons/sd_fc.md")
        XCTAssertEqual(TerminalReport.header(long, style: style),
                       "▶ sd_fc — Recognising emotion in song with a fully-connected network\n  (lessons/sd_fc.md)\n")
    }
}
