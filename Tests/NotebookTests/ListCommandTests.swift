import TestSupport
import XCTest

/// `notebook list` through the built binary.
final class ListCommandTests: XCTestCase {
    /// Every lesson with its file, and each step under its section, within 80 columns.
    func testListNamesEachLessonsFileAndFitsEightyColumns() throws {
        let result = try TestEnvironment.notebook(["list"])
        XCTAssertEqual(result.status, 0, result.output)
        for lesson in ["sd_fc", "sd_lstm", "si_lstm", "si_cnn"] {
            XCTAssertNotNil(result.output.firstMatch(of: try Regex("(^|\n)\(lesson) — [^\n]+\n  \\(lessons/\(lesson)\\.md\\)\n")),
                            result.output)
        }
        XCTAssertTrue(result.output.contains("\n    train  line "), result.output)
        // The flags after the line numbers are explained once, at the end.
        XCTAssertTrue(result.output.contains("\nchecked: `notebook test` compares the step's output with its expected block.\n"),
                      result.output)
        XCTAssertTrue(result.output.contains("\nno-check: "), result.output)
        XCTAssertTrue(result.output.hasSuffix("Follow a lesson with `notebook step NAME`, run it with `notebook run NAME`.\n"),
                      result.output)
        let wide = result.output.split(separator: "\n").filter { $0.count > 80 }
        XCTAssertEqual(wide, [], "lines wider than 80 columns")
    }
}
