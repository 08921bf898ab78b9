import XCTest
import Foundation
import LessonFormat
@testable import Notebook

/// `notebook test`'s verdict on a step: its output against its expected block.
final class LessonCheckTests: XCTestCase {
    private let markdown = "# T\n\n```swift step=train\nprint(1)\n```\n\n```expected\nepoch 2/2 loss 0.5\ndone\n```\n"

    private func check(printed: String) throws -> LessonCheck {
        let lesson = try Lesson.parse(markdown, path: "lessons/t.md")
        let step = StepReport(id: "train", title: nil, line: lesson.steps[0].fenceLine, status: .ok, duration: 0.1,
                              outputs: [.text(printed)])
        return LessonCheck(lesson: lesson, report: LessonReport(
            lesson: "t", path: lesson.path, title: lesson.title, startedAt: Date(timeIntervalSince1970: 0),
            duration: 1, parameters: [:], steps: [step], results: [], version: "0.1.0"))
    }

    /// A progress line redrawn with carriage returns, and colours, are checked as the
    /// terminal last showed them. Raw, they matched no block that a lesson can hold, and
    /// `--update` wrote CR and ESC into the lesson: the next build refused the ESC, and
    /// the CR became a line end, so the block never matched again.
    func testTerminalOutputIsCheckedAsTheTerminalLastShowedIt() throws {
        XCTAssertTrue(try check(printed: "epoch 1/2 loss 0.9\repoch 2/2 loss 0.5\u{1B}[K\n\u{1B}[1mdone\u{1B}[0m\n").passed)
        let changed = try check(printed: "epoch 1/2 loss 0.9\repoch 2/2 loss 0.7\u{1B}[K\ndone\n")
        XCTAssertFalse(changed.passed)
        let updated = ExpectedBlockUpdater.rewrite(markdown, replacing: changed.updates)
        XCTAssertEqual(updated, markdown.replacingOccurrences(of: "loss 0.5", with: "loss 0.7"))
        XCTAssertEqual(try Lesson.parse(updated, path: "lessons/t.md").steps[0].expected?.text, "epoch 2/2 loss 0.7\ndone\n")
    }
}
