import XCTest
import LessonFormat
import Notebook

/// Nothing a lesson's prose contains or a step prints becomes live markup in a page: raw HTML
/// in prose is dropped by cmark's safe mode, everything from a run is escaped.
final class SiteSafetyTests: XCTestCase {
    static let script = "<script>alert('x')</script>"
    static let image = "<img src=x onerror=alert(1)>"

    private func hostilePage() throws -> String {
        let markdown = """
            # Title \(Self.script)

            Prose with \(Self.image) inline and a [link](javascript:alert(2)).

            \(Self.script)

            <div onclick="alert(3)">a raw HTML block</div>

            ## Heading \(Self.image)

            ```swift step=evil
            print("\(Self.script)")
            ```
            """
        let lesson = try Lesson.parse(markdown, path: "lessons/evil.md")
        let hostile = Self.script + Self.image
        let plot = Plot(title: hostile, xLabel: hostile, content: .bar(categories: [hostile], values: [1]))
        let step = StepReport(id: "evil", title: nil, line: lesson.steps[0].fenceLine, status: .failed, duration: 0.1,
                              outputs: [.text(hostile + "\n"), .value(text: hostile, type: hostile),
                                        .table(Table(headers: [hostile], rows: [[hostile]])), .plot(plot)],
                              error: StepError(message: hostile, location: lesson.location(line: 3), crashed: true, details: hostile),
                              cache: [CacheUse(name: hostile, hit: true)])
        let report = LessonReport(lesson: "evil", path: lesson.path, title: lesson.title, startedAt: Date(timeIntervalSince1970: 0),
                                  duration: 1, parameters: [hostile: hostile], steps: [step],
                                  results: [NamedResult(name: hostile, value: .text(hostile), step: "evil")], version: "0.1.0")
        let site = LessonSite(lessons: [RenderedLesson(lesson: lesson, report: report)],
                              introduction: "# Intro \(Self.script)\n\n\(Self.image)\n", generatedAt: Date(timeIntervalSince1970: 0))
        return site.pages().map(\.html).joined(separator: "\n")
    }

    func testScriptsAndEventHandlersFromProseAndOutputsAreNotLive() throws {
        let html = try hostilePage()
        let tags = HTMLScan.tags(html)
        XCTAssertFalse(tags.contains { $0.name == "script" }, "a live <script> tag")
        XCTAssertFalse(tags.contains { $0.name == "img" }, "a live <img> tag")
        for tag in tags where HTMLScan.attributeNames(tag.attributes).contains(where: { $0.lowercased().hasPrefix("on") }) {
            XCTFail("an event-handler attribute: <\(tag.name)\(tag.attributes)>")
        }
        XCTAssertFalse(html.lowercased().contains("javascript:"), "a javascript: link")
        XCTAssertFalse(html.contains("<div onclick"), "raw HTML passed through")
    }

    func testHostileTextIsShownEscapedNotDropped() throws {
        let html = try hostilePage()
        // The output and the error are still readable, as text.
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
        // cmark's safe mode replaces raw HTML in prose with a comment.
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"))
        // SVG text is XML-escaped by the plot renderer.
        XCTAssertTrue(html.contains("<title>&lt;script&gt;"))
    }

    /// Control characters and noncharacters are parse errors in HTML: what a step prints
    /// shows a replacement for each, while colour codes are still removed and tab, newline and
    /// form feed kept.
    func testCharactersHTMLForbidsAreShownAsReplacements() throws {
        let fdd0 = String(Unicode.Scalar(0xFDD0)!)  // Swift string literals refuse U+FDD0-U+FDEF
        let forbidden = "\u{0}\u{1}\u{7}\u{8}\u{B}\u{7F}\u{85}\u{9F}" + fdd0 + "\u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}"
        let printed = "[" + forbidden + "]\t\u{C}\u{1B}[1;32mgreen\u{1B}[0m text\n"
        let lesson = try Lesson.parse("# Odd\n\n```swift step=odd\nprint(1)\n```\n", path: "lessons/odd.md")
        let step = StepReport(id: "odd", title: nil, line: lesson.steps[0].fenceLine, status: .ok, duration: 0.1,
                              outputs: [.text(printed), .value(text: forbidden, type: "String")])
        let report = LessonReport(lesson: "odd", path: lesson.path, title: lesson.title, startedAt: Date(timeIntervalSince1970: 0),
                                  duration: 1, parameters: [:], steps: [step],
                                  results: [NamedResult(name: "odd" + forbidden, value: .text(forbidden), step: "odd")], version: "0.1.0")
        let site = LessonSite(lessons: [RenderedLesson(lesson: lesson, report: report)], introduction: nil,
                              generatedAt: Date(timeIntervalSince1970: 0))
        let html = site.pages().map(\.html).joined(separator: "\n")
        let replaced = String(repeating: "\u{FFFD}", count: forbidden.unicodeScalars.count)
        XCTAssertTrue(html.contains("<pre class=\"out\">[" + replaced + "]\t\u{C}green text\n</pre>"), html)
        XCTAssertTrue(html.contains(">" + replaced + "</pre>"))
        let allowedControls: Set<Unicode.Scalar> = ["\t", "\n", "\u{C}"]
        let bad = html.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && !allowedControls.contains(scalar)) || (0x7F...0x9F).contains(v)
                || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
        }
        XCTAssertEqual(bad.map { String($0.value, radix: 16) }, [])
    }

    func testPagesForbidScriptsThroughTheirContentSecurityPolicy() throws {
        let html = try SiteFixtures.page("fixture.html", in: SiteFixtures.site())
        XCTAssertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), html)
        XCTAssertFalse(html.contains("script-src"))
    }
}
