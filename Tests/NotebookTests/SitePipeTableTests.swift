import XCTest
@testable import Notebook

/// GitHub-style pipe tables in lesson prose, on top of cmark's CommonMark.
final class SitePipeTableTests: XCTestCase {
    func testParsesHeaderAlignmentsAndRows() throws {
        let table = try XCTUnwrap(PipeTable(lines: ["| a | b | c |", "|:--|--:|:-:|", "| 1 | x \\| y |", "2 | 3 | 4 | 5"]))
        XCTAssertEqual(table.header, ["a", "b", "c"])
        XCTAssertEqual(table.alignments, [.left, .right, .center])
        XCTAssertEqual(table.rows, [["1", "x | y", ""], ["2", "3", "4"]])
    }

    func testParagraphsThatAreNotTablesStayParagraphs() {
        XCTAssertNil(PipeTable(lines: ["a | b"]))
        XCTAssertNil(PipeTable(lines: ["a | b", "c | d"]))
        XCTAssertNil(PipeTable(lines: ["| a | b |", "|---|"]))
        XCTAssertNil(PipeTable(lines: ["| a | b |", "| - | x |"]))
    }

    func testProseTablesRenderWithCmarkCellsAndRewrittenLinks() {
        let markdown = "Before.\n\n| lesson | note |\n|---|--:|\n| [`sd_fc`](sd_fc.md) | *yes* <script>x</script> |\n\nAfter.\n"
        var anchors = AnchorNames()
        let html = ProseHTML(lessonNames: ["sd_fc"]).render(markdown, anchors: &anchors).html
        XCTAssertTrue(html.contains("<p>Before.</p>\n<div class=\"table-wrap\"><table>"), html)
        XCTAssertTrue(html.contains("<th>lesson</th><th class=\"num\">note</th>"), html)
        XCTAssertTrue(html.contains("<td><a href=\"sd_fc.html\"><code>sd_fc</code></a></td><td class=\"num\"><em>yes</em> <!-- raw HTML omitted -->x<!-- raw HTML omitted --></td>"), html)
        XCTAssertTrue(html.hasSuffix("<p>After.</p>\n"), html)
    }
}
