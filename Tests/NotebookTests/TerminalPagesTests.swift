import XCTest
@testable import Notebook

/// `notebook step` shows text taller than the terminal a screen at a time.
final class TerminalPagesTests: XCTestCase {
    private func rows(_ page: String, columns: Int) -> Int {
        page.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) {
            $0 + TerminalPages.rows(of: $1, columns: columns)
        }
    }

    func testTextThatFitsIsOnePage() {
        let text = "one\n\ntwo\nthree"
        XCTAssertEqual(TerminalPages.pages(text, height: 4, columns: 80), [text])
        XCTAssertEqual(TerminalPages.pages("", height: 4, columns: 80), [""])
    }

    func testPagesKeepEveryLineInOrderAndFitTheScreen() {
        let text = (1...40).map { $0 % 7 == 0 ? "" : "line \($0) " + String(repeating: "x", count: $0 * 3) }
            .joined(separator: "\n")
        for (height, columns) in [(5, 20), (11, 60), (23, 80), (2, 7)] {
            let pages = TerminalPages.pages(text, height: height, columns: columns)
            XCTAssertEqual(pages.joined(separator: "\n"), text, "height \(height), columns \(columns)")
            XCTAssertGreaterThan(pages.count, 1)
            for page in pages where page.split(separator: "\n", omittingEmptySubsequences: false).count > 1 {
                XCTAssertLessThanOrEqual(rows(page, columns: columns), height, page)
            }
        }
    }

    /// A line wider than the terminal takes a row per `columns` characters; the styles'
    /// escape sequences take none.
    func testRowsCountWrappingButNotEscapes() {
        XCTAssertEqual(TerminalPages.rows(of: "", columns: 10), 1)
        XCTAssertEqual(TerminalPages.rows(of: String(repeating: "a", count: 10)[...], columns: 10), 1)
        XCTAssertEqual(TerminalPages.rows(of: String(repeating: "a", count: 21)[...], columns: 10), 3)
        let dim = "\u{1B}[2m" + String(repeating: "─", count: 10) + "\u{1B}[0m"
        XCTAssertEqual(TerminalPages.rows(of: dim[...], columns: 10), 1)
        XCTAssertEqual(TerminalPages.pages(dim + "\n" + dim, height: 2, columns: 10), [dim + "\n" + dim])
        let wide = "12345678901234567890\nnext"
        XCTAssertEqual(TerminalPages.pages(wide, height: 2, columns: 10), ["12345678901234567890", "next"])
    }

    /// A full page ends after its last blank line when that is in its second half, so a
    /// paragraph (or a step's code) goes whole to the next page.
    func testAFullPageEndsAtABlankLineInItsSecondHalf() {
        let text = ["a1", "a2", "a3", "a4", "a5", "", "b1", "b2", "b3", "b4"].joined(separator: "\n")
        XCTAssertEqual(TerminalPages.pages(text, height: 8, columns: 80),
                       ["a1\na2\na3\na4\na5\n", "b1\nb2\nb3\nb4"])
        // A blank line in the first half would leave most of the screen empty: the page is filled.
        let early = ["a1", "", "b1", "b2", "b3", "b4", "b5", "b6", "b7"].joined(separator: "\n")
        XCTAssertEqual(TerminalPages.pages(early, height: 6, columns: 80),
                       ["a1\n\nb1\nb2\nb3\nb4", "b5\nb6\nb7"])
        // A line that shows nothing but holds a style's escape sequences is blank too.
        let styledBlank = "\u{1B}[0m"
        let styled = ["a1", "a2", "a3", "a4", styledBlank, "b1", "b2"].joined(separator: "\n")
        XCTAssertEqual(TerminalPages.pages(styled, height: 6, columns: 80),
                       ["a1\na2\na3\na4\n" + styledBlank, "b1\nb2"])
    }

    /// Rendered prose ends with a blank line: it stays on the last page rather than
    /// making a screen of nothing after a prompt for more.
    func testBlankLinesAtTheEndStayOnTheLastPage() {
        XCTAssertEqual(TerminalPages.pages("a\nb\nc\n", height: 3, columns: 80), ["a\nb\nc\n"])
        XCTAssertEqual(TerminalPages.pages("a\nb\nc\nd\n\n", height: 3, columns: 80), ["a\nb\nc", "d\n\n"])
        XCTAssertEqual(TerminalPages.pages("\n\n", height: 1, columns: 80), ["\n\n"])
    }

    func testALineTallerThanTheScreenIsAPageOfItsOwn() {
        let tall = String(repeating: "t", count: 50)
        XCTAssertEqual(TerminalPages.pages("a\n\(tall)\nb", height: 3, columns: 10), ["a", tall, "b"])
    }
}
