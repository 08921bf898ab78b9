import Foundation
import XCTest
@testable import LessonFormat

/// The lesson format: what is a step, an expected block and prose, and each malformed case
/// reported as `file:line:col: error:`.
final class LessonParserTests: XCTestCase {
    let path = "lessons/t.md"

    func testStepsExpectedBlocksAndProse() throws {
        let source = """
            # Title

            Intro with `code`.

            ## First part

            ```swift step=load hidden
            let a = 1
            ```

            ```expected rtol=0.02 atol=0.5
            1
            ```

            ```python
            not a step
            ```

            ```swift example
            shown only
            ```

            ```swift step=next no-check
            print(a)
            ```

            """
        let lesson = try Lesson.parse(source, path: path)
        XCTAssertEqual(lesson.name, "t")
        XCTAssertEqual(lesson.title, "Title")
        XCTAssertEqual(lesson.steps.map(\.id), ["load", "next"])
        let load = lesson.steps[0]
        XCTAssertEqual(load.code, "let a = 1\n")
        XCTAssertEqual(load.fenceLine, 7)
        XCTAssertEqual(load.codeLine, 8)
        XCTAssertEqual(load.closingFenceLine, 9)
        XCTAssertTrue(load.hidden)
        XCTAssertFalse(load.noCheck)
        XCTAssertEqual(load.title, "First part")
        XCTAssertEqual(load.proseBefore, "# Title\n\nIntro with `code`.\n\n## First part\n\n")
        XCTAssertEqual(load.expected?.text, "1\n")
        XCTAssertEqual(load.expected?.relativeTolerance, 0.02)
        XCTAssertEqual(load.expected?.absoluteTolerance, 0.5)
        XCTAssertEqual(load.expected?.fenceLine, 11)
        let next = lesson.steps[1]
        XCTAssertTrue(next.noCheck)
        XCTAssertNil(next.expected)
        // The python and `swift example` blocks stay in the prose before the next step.
        XCTAssertTrue(next.proseBefore.contains("not a step"))
        XCTAssertTrue(next.proseBefore.contains("shown only"))
        XCTAssertEqual(next.proseLine, 14)
        // After the last step: the closing prose (here, the final empty line).
        XCTAssertEqual(lesson.closingProseLine, 26)
        XCTAssertEqual(lesson.closingProse, "")
        let withEnding = try Lesson.parse("```swift step=a\n1\n```\n\n## What next\nTry it.\n", path: path)
        XCTAssertEqual(withEnding.closingProse, "\n## What next\nTry it.\n")
        XCTAssertEqual(withEnding.closingProseLine, 4)
    }

    /// The errors reported for `source`, as `line:col: message` strings.
    private func errors(_ source: String) -> [LessonFormatError] {
        do {
            _ = try Lesson.parse(source, path: path)
            XCTFail("expected a format error")
            return []
        } catch let errors as LessonFormatErrors {
            return errors.errors
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    /// The parameters a lesson reads, and their types where the code states them.
    func testParameterNamesAndTypesComeFromTheSteps() throws {
        let source = """
            # P

            ```swift step=a
            let seed: UInt64 = try nb.param("seed", default: 0)
            let epochs = try nb.param("epochs", default: 100, in: 1...)
            let rate = try nb.param("rate", default: -1.5e-3)
            let scale = try nb.param("scale", default: 1, in: 0.5...)
            let label = try nb.param("label", default: "a,b")
            ```

            ```swift step=b
            if try nb.param("compare", default: true) { print(try nb.param("name", default: "x")) }
            let folder = try locate(try nb.param("features", default: Folder.standard))
            ```
            """
        let lesson = try Lesson.parse(source, path: path)
        XCTAssertEqual(lesson.parameterNames, ["seed", "epochs", "rate", "scale", "label", "compare", "name", "features"])
        XCTAssertEqual(lesson.parameterTypeNames, ["seed": "UInt64", "epochs": "Int", "rate": "Double", "scale": "Double",
                                                   "compare": "Bool", "name": "String"],
                       "features: an expression, type not stated; label: a comma in the string, not read")
    }

    /// An nb.param call with long runs of spaces is read in time linear in its length. The
    /// pattern once let a literal and the `\s*` beside it share the spaces in every way,
    /// and tried each: 3,000 spaces after `default: 1` with no closing parenthesis took
    /// seconds, and these lines 44 s in a release build (found while fuzzing the lessons).
    func testParameterTypesOfLinesOfSpacesAreReadQuickly() throws {
        let spaces = String(repeating: " ", count: 10_000)
        let source = """
            ```swift step=a
            let a = try nb.param("a", default: 1\(spaces)
            let b = try nb.param("b", default: 1, in: 1\(spaces)
            let c = try nb.param("c", default:\(spaces)2\(spaces), in:\(spaces)0.5\(spaces)...\(spaces))
            ```
            """
        let lesson = try Lesson.parse(source, path: path)
        let start = ContinuousClock.now
        let types = lesson.parameterTypeNames
        let bounds = lesson.parameterLowerBounds
        // Not a speed figure but a guard against the backtracking coming back: read
        // linearly this takes about 0.04 s; the backtracking pattern took 44 s. The bound
        // sits far from both, so a loaded machine cannot fail it.
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(10))
        XCTAssertEqual(types, ["c": "Double"], "a and b have no closing parenthesis; c's bound makes it a Double")
        XCTAssertEqual(bounds, ["c": "0.5"])
    }

    func testUnclosedFence() {
        let found = errors("# T\n\n```swift step=a\nlet x = 1\n")
        XCTAssertEqual(found.map(\.kind), [.unclosedFence])
        XCTAssertEqual(found.first?.description.hasPrefix("lessons/t.md:3:1: error: unclosed code fence"), true)
    }

    func testUnclosedFenceOfLongerOpening() {
        // A closing fence shorter than the opening one does not close it.
        let found = errors("````swift step=a\nlet x = 1\n```\n")
        XCTAssertEqual(found.map(\.kind), [.unclosedFence])
    }

    func testDuplicateStepID() {
        let found = errors("```swift step=a\n1\n```\n\n```swift step=a\n2\n```\n")
        XCTAssertEqual(found.map(\.kind), [.duplicateStepID("a", firstLine: 1)])
        XCTAssertEqual(found.first?.location, SourceLocation(file: path, line: 5, column: 1))
    }

    func testMissingStepID() {
        XCTAssertEqual(errors("```swift\nlet x = 1\n```\n").map(\.kind), [.missingStepID])
        let empty = errors("text\n\n```swift step= hidden\nlet x = 1\n```\n")
        XCTAssertEqual(empty.map(\.kind), [.missingStepID])
        XCTAssertEqual(empty.first?.location, SourceLocation(file: path, line: 3, column: 10))
    }

    func testInvalidStepID() {
        XCTAssertEqual(errors("```swift step=a.b\n1\n```\n").map(\.kind), [.invalidStepID("a.b")])
    }

    func testExpectedWithoutStep() {
        let found = errors("# T\n\n```expected\n1\n```\n")
        XCTAssertEqual(found.map(\.kind), [.expectedWithoutStep])
        XCTAssertEqual(found.first?.description, "lessons/t.md:3:1: error: expected block with no step before it: put it after the ```swift step=ID block whose output it shows")
    }

    /// A second expected block for one step names the step and its first block: "no step
    /// before it" was said of a block right under a step, sending the author to look for one.
    func testASecondExpectedBlockNamesTheStepAndTheFirstBlock() {
        let twice = errors("```swift step=a\n1\n```\n```expected\n1\n```\n```expected\n1\n```\n")
        XCTAssertEqual(twice.map(\.kind), [.secondExpected(step: "a", firstLine: 4)])
        XCTAssertEqual(twice.first?.description,
                       "lessons/t.md:7:1: error: step 'a' already has an expected block (line 4): a step has one; merge the two")
    }

    /// A step right under `<details>` (no blank line) is HTML to Markdown: it vanished from
    /// the lesson without a word, neither run nor shown. Now it is an error at the fence;
    /// with a blank line it is a step, and a step commented out stays out.
    func testAFenceInsideAnHTMLBlockIsAnError() throws {
        let found = errors("# T\n\n<details>\n```swift step=a\nprint(1)\n```\n```expected\n1\n```\n</details>\n")
        XCTAssertEqual(found.map(\.kind), [.fenceInHTML(language: "swift", htmlLine: 3), .fenceInHTML(language: "expected", htmlLine: 3)])
        XCTAssertEqual(found.first?.description, "lessons/t.md:4:1: error: this ```swift fence is inside the HTML block that "
                       + "starts on line 3, so Markdown reads it as HTML and this step would never run: put a blank line between the HTML and the fence")
        let separated = try Lesson.parse("<details>\n\n```swift step=a\nprint(1)\n```\n</details>\n", path: path)
        XCTAssertEqual(separated.steps.map(\.id), ["a"])
        let commented = try Lesson.parse("<!--\n```swift step=a\nprint(1)\n```\n-->\n<div>Use ```swift step=ID.</div>\n", path: path)
        XCTAssertEqual(commented.steps.map(\.id), [])
    }

    func testUnknownOptionPointsAtItsColumn() {
        let found = errors("```swift step=a hiden\n1\n```\n")
        XCTAssertEqual(found.map(\.kind), [.unknownOption("hiden", blockKind: "step")])
        XCTAssertEqual(found.first?.location, SourceLocation(file: path, line: 1, column: 17))
        let expected = errors("```swift step=a\n1\n```\n```expected tol=1\n1\n```\n")
        XCTAssertEqual(expected.map(\.kind), [.unknownOption("tol=1", blockKind: "expected")])
        XCTAssertEqual(expected.first?.location, SourceLocation(file: path, line: 4, column: 13))
    }

    func testInvalidTolerance() {
        XCTAssertEqual(errors("```swift step=a\n1\n```\n```expected rtol=-1\n1\n```\n").map(\.kind), [.invalidTolerance("rtol=-1")])
        XCTAssertEqual(errors("```swift step=a\n1\n```\n```expected rtol=2\n1\n```\n").map(\.kind), [.invalidTolerance("rtol=2")])
    }

    func testAllErrorsReportedInFileOrder() {
        let found = errors("```swift step=a bad\n1\n```\n```swift step=a\n2\n```\n```expected\n")
        XCTAssertEqual(found.map(\.location.line), [1, 4, 7])
    }

    /// Windows line ends: the same steps, lines and prose as LF, and a source with LF
    /// only (the text compiled into the module). Each "\r\n" is one Character in Swift.
    func testCRLFLessonParsesLikeLF() throws {
        let lf = "# T\n\nIntro.\n\n```swift step=a\nprint(1)\n```\n\n```expected\n1\n```\n\nEnd.\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let expected = try Lesson.parse(lf, path: path)
        let parsed = try Lesson.parse(crlf, path: path)
        XCTAssertEqual(parsed.steps.map(\.id), ["a"])
        XCTAssertEqual(parsed.steps, expected.steps)
        XCTAssertEqual(parsed.closingProse, expected.closingProse)
        XCTAssertEqual(parsed.source, lf)
        XCTAssertEqual(Lesson.normalizingLineEnds("a\r\nb\rc\n"), "a\nb\nc\n")
    }

    /// A block indented by four spaces is an indented code block in CommonMark, prose,
    /// however much its text looks like a fence.
    func testAnIndentedBlockThatLooksLikeAFenceIsProse() throws {
        let lesson = try Lesson.parse("Text.\n\n    ```swift step=a\n    print(1)\n    ```\n\n```swift step=b\n2\n```\n", path: path)
        XCTAssertEqual(lesson.steps.map(\.id), ["b"])
        XCTAssertTrue(lesson.steps[0].proseBefore.contains("    ```swift step=a"))
    }

    /// A bare ``` fence that is never closed is still an error: it swallows every step after it.
    func testAnUnclosedBareFenceIsAnError() {
        let found = errors("```\nsample\n\n~~~swift step=a\nprint(1)\n~~~\n")
        XCTAssertEqual(found.map(\.kind), [.unclosedFence])
        XCTAssertEqual(found.first?.location.line, 1)
    }

    func testRepeatedOptionAndWrongCaseLanguage() {
        let repeated = errors("```swift step=a step=b\n1\n```\n")
        XCTAssertEqual(repeated.map(\.kind), [.repeatedOption("step")])
        XCTAssertEqual(repeated.first?.location, SourceLocation(file: path, line: 1, column: 17))
        XCTAssertEqual(errors("```swift step=a\n1\n```\n```expected rtol=0.1 rtol=0.2\n1\n```\n").map(\.kind), [.repeatedOption("rtol")])
        // Another language's block is prose, whatever its info string says.
        XCTAssertNoThrow(try Lesson.parse("```console a a\n$ ls\n```\n", path: path))
        let upper = errors("text\n\n```Swift step=a\n1\n```\n")
        XCTAssertEqual(upper.map(\.kind), [.languageCase("Swift")])
        XCTAssertEqual(upper.first?.description, "lessons/t.md:3:4: error: 'Swift' is not a block language the runner knows: write 'swift' (lower case)")
    }

    /// Control characters would reach the module the lesson is compiled into, where the
    /// compiler refuses them and names the generated file; here they name the lesson line.
    func testControlCharactersAreNamedByLineAndColumn() {
        let found = errors("# T\n\nsome\u{1}text\n\n```swift step=a\nprint(\"\u{7F}\")\n```\n")
        XCTAssertEqual(found.map(\.kind), [.controlCharacter(1), .controlCharacter(0x7F)])
        XCTAssertEqual(found.map(\.location), [SourceLocation(file: path, line: 3, column: 5), SourceLocation(file: path, line: 6, column: 8)])
        XCTAssertEqual(found.first?.message, "control character U+0001 in the lesson: remove it (lessons are plain text)")
        XCTAssertNoThrow(try Lesson.parse("tab\there\n", path: path))
    }

    /// A file that is not UTF-8: the first bad byte by line and column.
    func testBytesThatAreNotUTF8AreNamedByLineAndColumn() throws {
        XCTAssertEqual(try Lesson.text(of: Data("caf\u{E9}\n".utf8), path: path), "caf\u{E9}\n")
        let latin1 = Data([0x23, 0x20, 0x54, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A])  // "# T\ncaf\xE9\n"
        XCTAssertThrowsError(try Lesson.text(of: latin1, path: path)) { error in
            XCTAssertEqual("\(error)", "lessons/t.md:2:4: error: byte 0xE9 is not UTF-8: save the lesson as UTF-8")
        }
        // An editor's byte order mark is not part of the text (whatever Foundation does with it).
        XCTAssertEqual(try Lesson.text(of: Lesson.byteOrderMark + Data("# T\n".utf8), path: path), "# T\n")
        XCTAssertThrowsError(try Lesson.text(of: Lesson.byteOrderMark + latin1, path: path)) { error in
            XCTAssertEqual("\(error)", "lessons/t.md:2:4: error: byte 0xE9 is not UTF-8: save the lesson as UTF-8")
        }
    }
}
