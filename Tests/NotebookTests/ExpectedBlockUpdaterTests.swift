import XCTest
import LessonFormat
@testable import Notebook

/// `--update`: only failing blocks are rewritten; fences, tolerances and `±` are kept.
final class ExpectedBlockUpdaterTests: XCTestCase {
    let source = """
        # T

        ```swift step=a
        print("x")
        ```

        ```expected rtol=0.1
        acc 0.93 ± 0.02 of 10
        done
        ```

        Closing prose without a final newline.
        """

    func testRewritesOnlyTheBlockKeepingFenceAndPlusMinus() throws {
        let lesson = try Lesson.parse(source, path: "lessons/t.md")
        let block = try XCTUnwrap(lesson.steps[0].expected)
        let rewritten = ExpectedBlockUpdater.rewrite(source, replacing: [(block, "acc 0.71 of 12\nnew line\n")])
        XCTAssertEqual(rewritten, source.replacingOccurrences(of: "acc 0.93 ± 0.02 of 10\ndone\n", with: "acc 0.71 ± 0.02 of 12\nnew line\n"))
        // The rewritten lesson parses, keeps its tolerance and now matches the output.
        let again = try XCTUnwrap(try Lesson.parse(rewritten, path: "lessons/t.md").steps[0].expected)
        XCTAssertEqual(again.relativeTolerance, 0.1)
        XCTAssertTrue(ExpectedOutputCheck.check(again, actual: "acc 0.71 of 12\nnew line\n").matches)
    }

    func testNoReplacementsIsByteForByteIdentity() {
        XCTAssertEqual(Data(ExpectedBlockUpdater.rewrite(source, replacing: []).utf8), Data(source.utf8))
        let crlfLess = source + "\n\n"
        XCTAssertEqual(ExpectedBlockUpdater.rewrite(crlfLess, replacing: []), crlfLess)
    }

    func testEmptyOutputEmptiesTheBlock() throws {
        let block = try XCTUnwrap(try Lesson.parse(source, path: "lessons/t.md").steps[0].expected)
        let rewritten = ExpectedBlockUpdater.rewrite(source, replacing: [(block, "")])
        XCTAssertTrue(rewritten.contains("```expected rtol=0.1\n```\n"))
    }

    /// A step that prints a fence: the rewritten block's fences grow past it. With the
    /// fence kept at three backticks, the output's ``` closed the block, and the steps after
    /// it were lost to a misplaced fence.
    func testAnOutputLineOfBackticksLengthensTheBlocksFences() throws {
        let source = "```swift step=a\nprint(1)\n```\n\n```expected\nold\n```\n\n```swift step=b\nprint(2)\n```\n"
        let block = try XCTUnwrap(try Lesson.parse(source, path: "lessons/t.md").steps[0].expected)
        let output = "```swift\nlet x = 1\n````\n"
        let rewritten = ExpectedBlockUpdater.rewrite(source, replacing: [(block, output)])
        XCTAssertEqual(rewritten, source.replacingOccurrences(of: "```expected\nold\n```", with: "`````expected\n\(output)`````"))
        let again = try Lesson.parse(rewritten, path: "lessons/t.md")
        XCTAssertEqual(again.steps.map(\.id), ["a", "b"])
        XCTAssertEqual(again.steps[0].expected?.text, output)
    }
}

final class ExpectedBlockUpdaterShapeTests: XCTestCase {
    func testSameShapeKeepsEllipsisAndReplacesNumbers() {
        let new = ExpectedBlockUpdater.newContent(old: ["...", "mean = 11.0", "third = 0.33 ± 0.01"],
                                                  actual: ["timing: 12:00", "epoch 3", "mean = 22.0000", "third = 0.5"])
        XCTAssertEqual(new, ["...", "mean = 22.0000", "third = 0.5 ± 0.01"])
    }

    func testNewShapeBecomesTheOutput() {
        let new = ExpectedBlockUpdater.newContent(old: ["a 1 ± 0.5"], actual: ["b", "a 3"])
        XCTAssertEqual(new, ["b", "a 3 ± 0.5"])
    }
}
