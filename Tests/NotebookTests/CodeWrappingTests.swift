import XCTest
import Notebook

final class CodeWrappingTests: XCTestCase {
    func testShortLinesAreLeftAlone() {
        XCTAssertEqual(CodeWrapping.wrap("let x = 1", width: 20), ["let x = 1"])
        XCTAssertEqual(CodeWrapping.wrap("", width: 20), [""])
    }

    func testLongLinesBreakAtSpacesWithAnIndentedContinuation() {
        let line = "    let model = try Models.siCNN(seed: UInt64(seed), inputs: 386)"
        let pieces = CodeWrapping.wrap(line, width: 40)
        XCTAssertEqual(pieces, ["    let model = try Models.siCNN(seed:", "        UInt64(seed), inputs: 386)"])
        XCTAssertTrue(pieces.allSatisfy { $0.count <= 40 })
    }

    func testAWordLongerThanTheWidthIsCutHard() {
        let pieces = CodeWrapping.wrap(String(repeating: "x", count: 50), width: 20)
        XCTAssertTrue(pieces.allSatisfy { $0.count <= 20 }, "\(pieces)")
        XCTAssertEqual(pieces.joined().filter { $0 == "x" }.count, 50, "no character is lost")
    }

    func testIndentationWiderThanTheLineStillTerminates() {
        let pieces = CodeWrapping.wrap(String(repeating: " ", count: 30) + "call(a, b)", width: 20)
        XCTAssertTrue(pieces.allSatisfy { $0.count <= 20 }, "\(pieces)")
        XCTAssertTrue(pieces.joined().contains("call(a,"))
    }
}
