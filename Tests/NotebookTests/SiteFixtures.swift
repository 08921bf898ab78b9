import Foundation
import LessonFormat
import Notebook

/// A small lesson and a run of it, written out as a run report would be, for the site and
/// notebook tests: prose with headings, a step with printed text, a value and a table, one
/// with a plot and a cached value, a failed step and a skipped one.
enum SiteFixtures {
    static let markdown = """
        # Fixture lesson

        Intro with a link to [the next lesson](other.md#start) and one to [a file](../docs/x.md).

        ## Printing

        ```swift step=first
        let a = 1 // one
        print("a is \\(a)")
        ```

        ```expected
        a is 1
        ```

        ### A plot

        ```swift step=plot
        nb.plot(Plot(title: "Loss", content: .line([Plot.Series(name: "train", y: [3, 2, 1])])))
        ```

        Between the step and its expected block.

        ```expected
        ```

        ## Failing

        ```swift step=boom
        throw Boom()
        ```

        ```swift step=after
        print("never")
        ```

        Closing words.
        """

    static func lesson(_ source: String = markdown, path: String = "lessons/fixture.md") throws -> Lesson {
        try Lesson.parse(source, path: path)
    }

    static func report(for lesson: Lesson) -> LessonReport {
        let step = { (id: String) in lesson.step(id)! }
        let table = Table(headers: ["n", "name"], rows: [["1", "one"], ["22", "two"]])
        let plot = Plot(title: "Loss", xLabel: "epoch", yLabel: "loss", content: .line([Plot.Series(name: "train", y: [3, 2, 1])]))
        let steps = [
            StepReport(id: "first", title: "Printing", line: step("first").fenceLine, status: .ok, duration: 0.0123,
                       outputs: [.text("a is 1\n"), .value(text: "[1, 2]", type: "Array<Int>"), .table(table)]),
            StepReport(id: "plot", title: "A plot", line: step("plot").fenceLine, status: .ok, duration: 1.5,
                       outputs: [.plot(plot)], cache: [CacheUse(name: "features", hit: true)]),
            StepReport(id: "boom", title: "Failing", line: step("boom").fenceLine, status: .failed, duration: 0.2,
                       outputs: [.text("before the error\n")],
                       error: StepError(message: "it went boom", location: lesson.location(line: step("boom").codeLine), crashed: false)),
            StepReport(id: "after", title: "Failing", line: step("after").fenceLine, status: .skipped,
                       skipReason: "not run: step 'boom' failed"),
        ]
        return LessonReport(lesson: lesson.name, path: lesson.path, title: lesson.title,
                            startedAt: Date(timeIntervalSince1970: 1_790_000_000), duration: 73.4,
                            parameters: ["epochs": "3"], steps: steps,
                            results: [NamedResult(name: "accuracy", value: .number(0.625), step: "plot"),
                                      NamedResult(name: "UAR", value: .number(0.6), step: "plot")],
                            version: "0.1.0")
    }

    /// A site of the fixture lesson and a second, never-run lesson `other`.
    static func site(generatedAt: Date = Date(timeIntervalSince1970: 1_790_000_500)) throws -> LessonSite {
        let fixture = try lesson()
        let other = try lesson("# Other\n\n## Start\n\n```swift step=start\nprint(1)\n```\n", path: "lessons/other.md")
        return LessonSite(lessons: [RenderedLesson(lesson: fixture, report: report(for: fixture)),
                                    RenderedLesson(lesson: other, report: nil)],
                          introduction: "# The lessons\n\nIntro text.\n\n## What you will learn\n\n- things\n",
                          generatedAt: generatedAt)
    }

    static func page(_ name: String, in site: LessonSite) throws -> String {
        guard let page = site.pages().first(where: { $0.fileName == name }) else {
            throw NSError(domain: "SiteFixtures", code: 1, userInfo: [NSLocalizedDescriptionKey: "no page \(name)"])
        }
        return page.html
    }
}

/// Looks into generated HTML the way a browser would parse tags (enough for tests).
enum HTMLScan {
    /// Every start tag's name and raw attribute text, in order.
    static func tags(_ html: String) -> [(name: String, attributes: String)] {
        let pattern = try! NSRegularExpression(pattern: "<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { match in
            (String(html[Range(match.range(at: 1), in: html)!]).lowercased(), String(html[Range(match.range(at: 2), in: html)!]))
        }
    }

    /// The names of the attributes in a tag's attribute text (quoted values skipped, as a
    /// browser reads them).
    static func attributeNames(_ attributes: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"([^\s=>"'/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?"#)
        let range = NSRange(attributes.startIndex..., in: attributes)
        return pattern.matches(in: attributes, range: range).map { String(attributes[Range($0.range(at: 1), in: attributes)!]) }
    }

    /// The `id` attributes in the page.
    static func ids(_ html: String) -> Set<String> {
        Set(values(of: "id", in: html))
    }

    /// The values of attribute `name` (double-quoted) in every tag.
    static func values(of name: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        return tags(html).flatMap { tag -> [String] in
            let range = NSRange(tag.attributes.startIndex..., in: tag.attributes)
            return pattern.matches(in: tag.attributes, range: range).map { String(tag.attributes[Range($0.range(at: 1), in: tag.attributes)!]) }
        }
    }
}
