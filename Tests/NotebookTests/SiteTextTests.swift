import XCTest
@testable import Notebook

/// The small text tools of the site: the Swift highlighter, terminal text clean-up,
/// durations, escaping and anchors.
final class SiteTextTests: XCTestCase {
    private func kinds(_ code: String) -> [(SwiftTokenizer.Kind, String)] {
        SwiftTokenizer.tokens(code).map { ($0.kind, $0.text) }
    }

    func testTokensReassembleTheSourceExactly() {
        let samples = [
            "let x = \"a \\(b + \"c\\(d)\") e\" // done\n",
            "/* outer /* inner */ still */ let y = 0x1F_FF + 1e-3 + 1...5",
            "let raw = #\"a \\d \"quoted\" \\#(v)\"# + \"\"\"\n  multi \\(line)\n  \"\"\"",
            "let open = \"unterminated\nnext line",
            "let s = \"\\(unclosed",
            "@MainActor func f<T: Equatable>(_ t: T) async throws -> [T] { #if DEBUG\n return [t]\n#endif }",
            "é = \"ünïcödé\" // ✓ \u{1F600}",
            "",
        ]
        for sample in samples {
            XCTAssertEqual(SwiftTokenizer.tokens(sample).map(\.text).joined(), sample, sample)
        }
    }

    func testClassifiesKeywordsTypesStringsNumbersCommentsAndAttributes() {
        let tokens = kinds("@discardableResult let n: Int = 42 // note")
        XCTAssertTrue(tokens.contains { $0 == (.attribute, "@discardableResult") })
        XCTAssertTrue(tokens.contains { $0 == (.keyword, "let") })
        XCTAssertTrue(tokens.contains { $0 == (.type, "Int") })
        XCTAssertTrue(tokens.contains { $0 == (.number, "42") })
        XCTAssertTrue(tokens.contains { $0 == (.comment, "// note") })
        // A range is two numbers and an operator, not one number.
        XCTAssertEqual(kinds("1...5").map(\.0), [.number, .plain, .number])
        XCTAssertEqual(kinds("1...5").map(\.1), ["1", "...", "5"])
        XCTAssertEqual(kinds("2.5e-3").map(\.1), ["2.5e-3"])
        // Code inside an interpolation is highlighted as code.
        let interpolated = kinds("\"v=\\(try f(1))\"")
        XCTAssertEqual(interpolated.map(\.1), ["\"v=\\(", "try", " f(", "1", ")", ")\""])
        XCTAssertEqual(interpolated.map(\.0), [.string, .keyword, .plain, .number, .plain, .string])
        // Words glued to digits are identifiers.
        XCTAssertEqual(kinds("Conv1D").map(\.0), [.type])
    }

    func testHighlightedHTMLIsEscaped() {
        XCTAssertEqual(SwiftHighlighter.html("a < b && \"<b>\""),
                       "a &lt; b &amp;&amp; <span class=\"s\">&quot;&lt;b&gt;&quot;</span>")
    }

    func testTerminalTextKeepsTheLastStateOfRewrittenLines() {
        XCTAssertEqual(TerminalText.cleaned("epoch 1/3 [==   ]\repoch 1/3 [=====] done\nnext\n"), "epoch 1/3 [=====] done\nnext\n")
        XCTAssertEqual(TerminalText.cleaned("long line\rab\n"), "abng line\n")
        XCTAssertEqual(TerminalText.cleaned("\u{1B}[1;32mgreen\u{1B}[0m text"), "green text")
        XCTAssertEqual(TerminalText.cleaned("windows\r\nline\r\n"), "windows\nline\n")
        XCTAssertEqual(TerminalText.cleaned("plain\n"), "plain\n")
    }

    func testDurations() {
        XCTAssertEqual(DurationText.text(0), "0 ms")
        XCTAssertEqual(DurationText.text(0.0044), "4 ms")
        XCTAssertEqual(DurationText.text(0.9996), "1.00 s")
        XCTAssertEqual(DurationText.text(1.5), "1.50 s")
        XCTAssertEqual(DurationText.text(9.996), "10.00 s")
        XCTAssertEqual(DurationText.text(12.34), "12.3 s")
        XCTAssertEqual(DurationText.text(125), "2 min 05 s")
        XCTAssertEqual(DurationText.text(3 * 3600 + 65), "3 h 01 min")
        XCTAssertEqual(DurationText.text(.nan), "–")
    }

    func testSlugsAndUniqueAnchors() {
        XCTAssertEqual(HTMLText.slug("Train/test splits: why?"), "train-test-splits-why")
        XCTAssertEqual(HTMLText.slug("  Ünïcode only  "), "n-code-only")
        XCTAssertEqual(HTMLText.slug("???"), "section")
        var anchors = AnchorNames(reserved: ["step-a"])
        XCTAssertEqual(anchors.unique("intro"), "intro")
        XCTAssertEqual(anchors.unique("intro"), "intro-2")
        XCTAssertEqual(anchors.unique("step-a"), "step-a-2")
    }

    func testLinkTargets() {
        let names: Set<String> = ["sd_fc", "si_cnn"]
        XCTAssertEqual(LinkTarget("sd_fc.md", lessonNames: names), .page("sd_fc.html"))
        XCTAssertEqual(LinkTarget("../lessons/si_cnn.md#step-fit", lessonNames: names), .page("si_cnn.html#step-fit"))
        XCTAssertEqual(LinkTarget("README.md", lessonNames: names), .page("index.html"))
        XCTAssertEqual(LinkTarget("./README.md#order", lessonNames: names), .page("index.html#order"))
        // The project's README, above the lessons' folder, is not the site's index.
        XCTAssertEqual(LinkTarget("../README.md", lessonNames: names), .drop)
        XCTAssertEqual(LinkTarget("../lessons/README.md", lessonNames: names), .page("index.html"))
        XCTAssertEqual(LinkTarget("https://doi.org/x", lessonNames: names), .keep)
        XCTAssertEqual(LinkTarget("#local", lessonNames: names), .keep)
        XCTAssertEqual(LinkTarget("../docs/lesson-format.md", lessonNames: names), .drop)
        XCTAssertEqual(LinkTarget("data/x.npy", lessonNames: names), .drop)
        // A lesson whose name needs percent-encoding, linked in either spelling.
        let spaced: Set<String> = ["two words"]
        XCTAssertEqual(LinkTarget("two%20words.md#fit", lessonNames: spaced), .page("two%20words.html#fit"))
        XCTAssertEqual(LinkTarget("two words.md", lessonNames: spaced), .page("two%20words.html"))
    }

    func testPathSegmentsArePercentEncodedExceptUnreservedCharacters() {
        XCTAssertEqual(URLText.pathSegment("sd_fc-2.v~1.html"), "sd_fc-2.v~1.html")
        XCTAssertEqual(URLText.pathSegment("two words.html"), "two%20words.html")
        XCTAssertEqual(URLText.pathSegment("a:b?c#d%e&f/g\"'<>.html"), "a%3Ab%3Fc%23d%25e%26f%2Fg%22%27%3C%3E.html")
        XCTAssertEqual(URLText.pathSegment("über"), "%C3%BCber")
    }
}
