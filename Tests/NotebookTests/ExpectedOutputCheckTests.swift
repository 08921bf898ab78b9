import XCTest
import LessonFormat
@testable import Notebook

/// Expected-output comparison: tolerances as isApproximatelyEqual defines them, `...`,
/// trailing spaces, and the readable report of a mismatch.
final class ExpectedOutputCheckTests: XCTestCase {
    private func block(_ text: String, rtol: Double = 0, atol: Double = 0) -> ExpectedBlock {
        ExpectedBlock(text: text, relativeTolerance: rtol, absoluteTolerance: atol, fenceLine: 10, closingFenceLine: 10 + text.split(separator: "\n").count + 1, indentation: "")
    }

    func testExactTextIgnoringTrailingSpaces() {
        XCTAssertTrue(ExpectedOutputCheck.check(block("a b\nc\n"), actual: "a b  \nc\t\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(block("a b\n"), actual: " a b\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(block("a\n"), actual: "a\nb\n").matches)
    }

    func testNumbersWithoutToleranceMustBeEqual() {
        XCTAssertTrue(ExpectedOutputCheck.check(block("n = 0.93\n"), actual: "n = 0.930\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(block("n = 0.93\n"), actual: "n = 0.931\n").matches)
    }

    func testBlockRelativeTolerance() {
        // |a-b| <= rtol * max(|a|,|b|): 0.02 * 100 = 2.
        let b = block("loss 100.0\n", rtol: 0.02)
        XCTAssertTrue(ExpectedOutputCheck.check(b, actual: "loss 102.0\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(b, actual: "loss 103.0\n").matches)
        // Scale-invariant: the same relative difference passes at any magnitude.
        XCTAssertTrue(ExpectedOutputCheck.check(block("1e-6\n", rtol: 0.02), actual: "1.015e-6\n").matches)
    }

    func testBlockAbsoluteTolerance() {
        let b = block("accuracy: 0.90\n", atol: 0.05)
        XCTAssertTrue(ExpectedOutputCheck.check(b, actual: "accuracy: 0.94\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(b, actual: "accuracy: 0.96\n").matches)
    }

    func testPerNumberPlusMinus() {
        let b = block("accuracy 0.93 ± 0.03, epochs 100\n")
        XCTAssertTrue(ExpectedOutputCheck.check(b, actual: "accuracy 0.905, epochs 100\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(b, actual: "accuracy 0.89, epochs 100\n").matches)
        // The ± applies to its own number only: the count stays exact.
        XCTAssertFalse(ExpectedOutputCheck.check(b, actual: "accuracy 0.93, epochs 101\n").matches)
        XCTAssertTrue(ExpectedOutputCheck.check(block("x 1.5 +- 0.5\n"), actual: "x 1.9\n").matches)
    }

    func testEllipsisMatchesAnyLinesIncludingNone() {
        let b = block("start\n...\nend\n")
        XCTAssertTrue(ExpectedOutputCheck.check(b, actual: "start\nend\n").matches)
        XCTAssertTrue(ExpectedOutputCheck.check(b, actual: "start\nepoch 1\nepoch 2\nend\n").matches)
        XCTAssertFalse(ExpectedOutputCheck.check(b, actual: "start\nepoch 1\n").matches)
        XCTAssertTrue(ExpectedOutputCheck.check(block("...\nlast\n"), actual: "a\nb\nlast\n").matches)
    }

    func testMismatchIsExplainedWithLineNumberAndDiff() {
        let result = ExpectedOutputCheck.check(block("count 1012\naccuracy 0.93 ± 0.01\n"), actual: "count 1012\naccuracy 0.80\n")
        XCTAssertFalse(result.matches)
        let explanation = result.explanation ?? ""
        XCTAssertTrue(explanation.hasPrefix("line 12: 0.8 is not close to 0.93: |difference| = 0.13 > 0.01"), explanation)
        XCTAssertTrue(explanation.contains("expected: accuracy 0.93 ± 0.01"))
        XCTAssertTrue(explanation.contains("actual:   accuracy 0.80"))
        XCTAssertEqual(result.diff, "--- expected\n+++ actual\n count 1012\n-accuracy 0.93 ± 0.01\n+accuracy 0.80\n")
        // `...` is shown as the lines it stands for; lines within tolerance are context.
        let long = ExpectedOutputCheck.check(block("...\nloss 1.0\nacc 0.5\n", rtol: 0.1), actual: "epoch 1\nloss 1.05\nacc 0.9\n")
        XCTAssertEqual(long.diff, "--- expected\n+++ actual\n epoch 1\n loss 1.05\n-acc 0.5\n+acc 0.9\n")
    }

    func testTextDifferenceInsideANumberedLine() {
        let result = ExpectedOutputCheck.check(block("epoch 1 loss 0.5\n", rtol: 0.5), actual: "epoch 1 cost 0.5\n")
        XCTAssertFalse(result.matches)
        XCTAssertTrue(result.explanation?.contains("the text differs") == true)
    }

    /// A short block against a step that printed 200,000 lines: the diff drops the block's
    /// lines that are not in the output and adds the rest. Swift's Myers diff, quadratic
    /// in the lines that differ, took 51 s for half as many lines (release build), with
    /// `notebook test` silent meanwhile.
    func testADiffAgainstAVeryLongOutputIsQuick() {
        let output = (1...200_000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let start = ContinuousClock.now
        let result = ExpectedOutputCheck.check(block("first\nline 50000\nlast\n"), actual: output)
        // Not a speed figure but a guard against the quadratic diff coming back: this
        // takes about a second; the Myers diff would take minutes. The bound sits far from both.
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(20))
        XCTAssertFalse(result.matches)
        let lines = result.diff.split(separator: "\n").dropFirst(2)
        XCTAssertEqual(lines.count, 2 + 200_000)
        XCTAssertEqual(lines.filter { $0.hasPrefix("-") }, ["-first", "-last"])
        XCTAssertEqual(lines.filter { $0.hasPrefix(" ") }, [" line 50000"])
        XCTAssertEqual(Array(lines.prefix(2)), ["-first", "+line 1"], "removals before insertions")
    }

    /// Two long blocks of as many lines, differing far apart (too many lines to align
    /// exactly): the lines pair one to one, so the diff shows only the two that differ.
    func testLongBlocksOfAsManyLinesDifferOnlyWhereTheyDiffer() {
        let expected = (1...3000).map { "value \($0)" }
        var actual = expected
        actual[9] = "value 10.5"
        actual[2989] = "other 2990"
        let result = ExpectedOutputCheck.check(block(expected.joined(separator: "\n") + "\n"),
                                               actual: actual.joined(separator: "\n") + "\n")
        let changed = result.diff.split(separator: "\n").dropFirst(2).filter { !$0.hasPrefix(" ") }
        XCTAssertEqual(changed, ["-value 10", "+value 10.5", "-value 2990", "+other 2990"])
    }

    /// A block as long as a step's whole output (what `--update` writes when the output's
    /// shape changes) is checked and updated without recursion: one call per block line
    /// overflowed the stack at about 65,000 lines and crashed `notebook test`.
    func testABlockOfAHundredThousandLinesIsCheckedAndUpdated() {
        let expected = (1...100_000).map { "value \($0)" }.joined(separator: "\n") + "\n"
        XCTAssertTrue(ExpectedOutputCheck.check(block(expected), actual: expected).matches)
        XCTAssertTrue(ExpectedOutputCheck.check(block("value 1\n...\n" + expected), actual: "value 1\n" + expected).matches)
        let changed = expected.replacingOccurrences(of: "value 7\n", with: "value 7.5\n")
        let result = ExpectedOutputCheck.check(block(expected), actual: changed)
        XCTAssertFalse(result.matches)
        XCTAssertEqual(result.explanation?.hasPrefix("line 17: 7.5 is not close to 7"), true, result.explanation ?? "")
        let updated = ExpectedBlockUpdater.newContent(old: ExpectedOutputCheck.lines(expected), actual: ExpectedOutputCheck.lines(changed))
        XCTAssertEqual(updated, ExpectedOutputCheck.lines(changed))
    }
}
