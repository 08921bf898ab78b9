import XCTest
@testable import Notebook

/// Lesson prose in a terminal (`notebook step`).
final class ProseRendererTests: XCTestCase {
    private let plain = TerminalStyle(width: 80, color: false)

    func testParagraphsWrapToTheWidth() {
        let text = ProseRenderer.render(String(repeating: "word ", count: 40), style: plain)
        let lines = text.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 }, text)
    }

    /// A pipe table is laid out in columns (numbers right-aligned, as `--:` asks), not
    /// run together as one paragraph the way CommonMark reads it.
    func testPipeTableThatFitsIsAligned() {
        let markdown = "Before.\n\n| seed | accuracy |\n|---:|---:|\n| 0 | 0.7216 |\n| 12 | `0.7` |\n\nAfter.\n"
        let text = ProseRenderer.render(markdown, style: plain)
        XCTAssertEqual(text, """
            Before.

            seed  accuracy
            ----  --------
               0    0.7216
              12       0.7

            After.

            """)
    }

    /// Wider than the terminal: one record per row, every line within the width, and a
    /// `±` kept with its figure.
    func testPipeTableWiderThanTheTerminalBecomesRecords() {
        let markdown = """
            | run | seeds 0-4 | all ten: mean (standard deviation of one seed) |
            |---|---:|---:|
            | this library, a new order every epoch (as this lesson trains) | 0.741 | 0.736 (± 0.039) |
            | Keras seeded, one order | 0.764 | 0.752 (± 0.021) |

            """
        let text = ProseRenderer.render(markdown, style: TerminalStyle(width: 60, color: false))
        XCTAssertEqual(text, """
            run: this library, a new order every epoch (as this lesson
            trains)
              seeds 0-4: 0.741
              all ten: mean (standard deviation of one seed): 0.736
              (± 0.039)
            run: Keras seeded, one order
              seeds 0-4: 0.764
              all ten: mean (standard deviation of one seed): 0.752
              (± 0.021)

            """)
        XCTAssertTrue(text.split(separator: "\n").allSatisfy { $0.count <= 60 }, text)
    }
}
