import XCTest
import LessonFormat
import Notebook

/// The lesson pages and the index, rendered from a run: prose, code, outputs in place,
/// failures with their lines, contents, links, and the same bytes for the same run.
final class SiteRenderingTests: XCTestCase {
    func testLessonPageShowsProseCodeAndEachStepsOutputInOrder() throws {
        let html = try SiteFixtures.page("fixture.html", in: SiteFixtures.site())
        let order = ["<h2 id=\"printing\">Printing</h2>", "id=\"step-first\"", "<pre class=\"out\">a is 1\n</pre>",
                     "<pre class=\"out value\" title=\"Array&lt;Int&gt;\">[1, 2]</pre>", "<td class=\"num\">22</td><td>two</td>",
                     "<h3 id=\"a-plot\">A plot</h3>", "id=\"step-plot\"", "<svg", "Between the step and its expected block.",
                     "<h2 id=\"failing\">Failing</h2>", "id=\"step-boom\"", "id=\"step-after\"", "Closing words."]
        var position = html.startIndex
        for piece in order {
            guard let found = html.range(of: piece, range: position..<html.endIndex) else {
                return XCTFail("'\(piece)' is missing or out of order")
            }
            position = found.upperBound
        }
        // Expected blocks are the check, not the output: they are not shown.
        XCTAssertFalse(html.contains("```"))
        // The title is the page's header, not repeated from the prose.
        XCTAssertEqual(html.components(separatedBy: "<h1").count - 1, 1)
    }

    func testStepsShowStatusDurationCacheAndLine() throws {
        let html = try SiteFixtures.page("fixture.html", in: SiteFixtures.site())
        let lesson = try SiteFixtures.lesson()
        XCTAssertTrue(html.contains("<span class=\"badge ok\">✓ ok</span> <span class=\"time\" title=\"run time of this step\">12 ms</span>"))
        XCTAssertTrue(html.contains("<span class=\"time\" title=\"run time of this step\">1.50 s</span> <span class=\"cache\">features from cache</span>"))
        XCTAssertTrue(html.contains("lessons/fixture.md:\(lesson.step("first")!.fenceLine)</span>"))
        // The failure names the lesson file and line, and what the step printed before it stays.
        let boomLine = lesson.step("boom")!.codeLine
        XCTAssertTrue(html.contains("<strong>Error</strong> at <code>lessons/fixture.md:\(boomLine):1</code>: it went boom"))
        XCTAssertTrue(html.contains("<section class=\"step failed\" id=\"step-boom\">"))
        XCTAssertTrue(html.contains("<pre class=\"out\">before the error\n</pre>"))
        XCTAssertTrue(html.contains("<section class=\"step skipped\" id=\"step-after\">"))
        XCTAssertTrue(html.contains("not run: step &#39;boom&#39; failed"))
        // The header sums up the run.
        XCTAssertTrue(html.contains("run time 1 min 13 s · 4 steps: 2 ok, 1 failed, 1 skipped"))
        XCTAssertTrue(html.contains("<dt>accuracy</dt><dd>0.625</dd>"))
        XCTAssertTrue(html.contains("Parameters: epochs = 3"))
    }

    /// A value whose cache entry was there but could not be read is computed again. The
    /// terminal report says so in a note naming the entry and why; the page said only
    /// "computed". It now gives the same note in the step, escaped.
    func testAnUnusableCacheEntryIsNotedAsInTheTerminal() throws {
        let fixture = try SiteFixtures.lesson()
        var report = SiteFixtures.report(for: fixture)
        let plot = try XCTUnwrap(report.steps.firstIndex { $0.id == "plot" })
        report.steps[plot].cache = [CacheUse(name: "features", hit: false, file: "values/fixture/features-<1>.npy",
                                             entryNotUsed: "it holds a float64 array shaped [2], not [Float] & \"more\"")]
        let site = LessonSite(lessons: [RenderedLesson(lesson: fixture, report: report)], introduction: "# The lessons\n",
                              generatedAt: Date(timeIntervalSince1970: 1_790_000_500))
        let html = try SiteFixtures.page("fixture.html", in: site)
        let note = "<p class=\"note\">Note: cache entry values/fixture/features-&lt;1&gt;.npy could not be used, so &#39;features&#39; "
            + "was computed again and stored: it holds a float64 array shaped [2], not [Float] &amp; &quot;more&quot;</p>"
        XCTAssertEqual(html.components(separatedBy: note).count - 1, 1, html)
        // In the plot step's section, between its header (which still says "computed") and its code.
        let section = try XCTUnwrap(html.range(of: "id=\"step-plot\"")), next = try XCTUnwrap(html.range(of: "id=\"step-boom\""))
        let inStep = String(html[section.upperBound..<next.lowerBound])
        let header = try XCTUnwrap(inStep.range(of: "<span class=\"cache\">features computed</span>"), inStep)
        let noted = try XCTUnwrap(inStep.range(of: note), inStep), code = try XCTUnwrap(inStep.range(of: "<pre class=\"code\">"))
        XCTAssertTrue(header.upperBound < noted.lowerBound && noted.upperBound < code.lowerBound, inStep)
        // The same words as the terminal's note.
        let terminal = TerminalReport.step(report.steps[plot], lesson: "fixture", style: TerminalStyle(width: 400, color: false))
        XCTAssertTrue(terminal.contains("note: fixture:plot: cache entry values/fixture/features-<1>.npy could not be used, so 'features' "
                                        + "was computed again and stored: it holds a float64 array shaped [2], not [Float] & \"more\"\n"), terminal)
        // An entry that was used, or none, gets no note.
        XCTAssertFalse(try SiteFixtures.page("fixture.html", in: SiteFixtures.site()).contains("could not be used"))
    }

    func testCodeIsHighlighted() throws {
        let html = try SiteFixtures.page("fixture.html", in: SiteFixtures.site())
        XCTAssertTrue(html.contains("<span class=\"k\">let</span> a = <span class=\"n\">1</span> <span class=\"c\">// one</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"s\">&quot;a is \\(</span>a<span class=\"s\">)&quot;</span>"))
    }

    func testContentsLinksResolveToHeadingsAndFailedSteps() throws {
        let html = try SiteFixtures.page("fixture.html", in: SiteFixtures.site())
        let ids = HTMLScan.ids(html)
        let fragments = HTMLScan.values(of: "href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        XCTAssertEqual(Set(fragments), ["printing", "a-plot", "failing", "step-boom"])
        for fragment in fragments { XCTAssertTrue(ids.contains(fragment), "#\(fragment) has no target") }
        XCTAssertEqual(ids.count, HTMLScan.values(of: "id", in: html).count, "ids are unique")
        XCTAssertTrue(html.contains("<li><a href=\"#printing\">Printing</a>\n<ol>\n<li><a href=\"#a-plot\">A plot</a></li>\n</ol>\n</li>"))
    }

    /// Only the lesson's title is left out of the page body (the header shows it): a
    /// later level-1 heading that starts a part of the lesson stays, in the contents too.
    func testLaterLevelOneHeadingsStay() throws {
        let source = "# Title\n\nIntro.\n\n```swift step=a\nprint(1)\n```\n\n# Part 2: the test\n\nMore.\n\n"
            + "```swift step=b\nprint(2)\n```\n"
        let lesson = try SiteFixtures.lesson(source, path: "lessons/parts.md")
        let site = LessonSite(lessons: [RenderedLesson(lesson: lesson, report: nil)], introduction: nil, generatedAt: Date())
        let html = try SiteFixtures.page("parts.html", in: site)
        XCTAssertTrue(html.contains("<h1 id=\"part-2-the-test\">Part 2: the test</h1>"), html)
        XCTAssertTrue(html.contains("<a href=\"#part-2-the-test\"><strong>Part 2: the test</strong></a>"), html)
        XCTAssertEqual(html.components(separatedBy: "<h1").count - 1, 2, "the header's title and Part 2")
    }

    func testLinksBetweenLessonsPointAtPagesAndOtherRelativeLinksAreDropped() throws {
        let site = try SiteFixtures.site()
        let html = try SiteFixtures.page("fixture.html", in: site)
        XCTAssertTrue(html.contains("<a href=\"other.html#start\">the next lesson</a>"))
        XCTAssertTrue(html.contains("one to a file."))
        XCTAssertTrue(html.contains("<a class=\"next\" rel=\"next\" href=\"other.html\">Other →</a>"))
        let other = try SiteFixtures.page("other.html", in: site)
        XCTAssertTrue(other.contains("<a class=\"prev\" rel=\"prev\" href=\"fixture.html\">← Fixture lesson</a>"))
        XCTAssertFalse(other.contains("rel=\"next\""))
        // A lesson never run still gets its page, saying so.
        XCTAssertTrue(other.contains("not run yet"))
        XCTAssertTrue(other.contains("the lesson has not been run since it was added"))
        // Every page links only to pages of the site, or to absolute addresses.
        let files = Set(site.pages().map(\.fileName))
        for page in site.pages() {
            for href in HTMLScan.values(of: "href", in: page.html) where !href.hasPrefix("#") && !href.hasPrefix("https://") {
                XCTAssertTrue(files.contains(String(href.split(separator: "#")[0])), "\(page.fileName) links to \(href)")
            }
        }
    }

    /// A lesson file like `lessons/two words.md` gets links that resolve: percent-encoded in
    /// the index, in previous/next and in prose links to it.
    func testLinksToLessonsWithUnusualNamesArePercentEncoded() throws {
        let lessons = try ["two words", "a:b", "über"].map { name in
            RenderedLesson(lesson: try SiteFixtures.lesson("# \(name)\n\nSee [it](two%20words.md#start) or [it](<two words.md>).\n",
                                                           path: "lessons/\(name).md"), report: nil)
        }
        let site = LessonSite(lessons: lessons, introduction: nil, generatedAt: Date(timeIntervalSince1970: 0))
        let index = try SiteFixtures.page("index.html", in: site)
        XCTAssertEqual(HTMLScan.values(of: "href", in: index).filter { $0.hasSuffix(".html") },
                       ["two%20words.html", "a%3Ab.html", "%C3%BCber.html"])
        let middle = try SiteFixtures.page("a:b.html", in: site)
        XCTAssertTrue(middle.contains("rel=\"prev\" href=\"two%20words.html\""), middle)
        XCTAssertTrue(middle.contains("rel=\"next\" href=\"%C3%BCber.html\""), middle)
        XCTAssertTrue(middle.contains("<a href=\"two%20words.html#start\">it</a> or <a href=\"two%20words.html\">it</a>"), middle)
        // Decoded, as a browser does, every relative link names a page of the site.
        let files = Set(site.pages().map(\.fileName))
        for page in site.pages() {
            for href in HTMLScan.values(of: "href", in: page.html) where !href.hasPrefix("#") && !href.hasPrefix("https://") {
                let file = String(href.split(separator: "#")[0])
                XCTAssertTrue(files.contains(file.removingPercentEncoding ?? file), "\(page.fileName) links to \(href)")
            }
        }
    }

    func testIndexListsLessonsWithResultsRunTimesAndTheCorpusCredit() throws {
        let html = try SiteFixtures.page("index.html", in: SiteFixtures.site())
        XCTAssertTrue(html.contains("<h1>The lessons</h1>"))
        XCTAssertTrue(html.contains("<a href=\"fixture.html\">Fixture lesson</a><br><code>notebook run fixture</code>"))
        XCTAssertTrue(html.contains("<td data-label=\"Results\">accuracy <b>0.625</b><br>UAR <b>0.6</b></td>"))
        XCTAssertTrue(html.contains("<td class=\"num\" data-label=\"Run time\">1 min 13 s</td>"))
        XCTAssertTrue(html.contains("✗ 4 steps: 2 ok, 1 failed, 1 skipped"))
        XCTAssertTrue(html.contains("<span class=\"status-missing\">not run</span>"))
        XCTAssertTrue(html.contains("How to run them"))
        // The results table comes after the introduction and before the README's sections.
        let intro = try XCTUnwrap(html.range(of: "Intro text."))
        let table = try XCTUnwrap(html.range(of: "The lessons and their results"))
        let learn = try XCTUnwrap(html.range(of: "What you will learn"))
        XCTAssertTrue(intro.upperBound < table.lowerBound && table.upperBound < learn.lowerBound)
        for credit in ["CC BY-NC-SA 4.0", "Livingstone SR, Russo FA (2018)", "13(5): e0196391",
                       "https://doi.org/10.1371/journal.pone.0196391", "https://zenodo.org/record/1188976"] {
            XCTAssertTrue(html.contains(credit), credit)
        }
    }

    func testPagesAreSelfContained() throws {
        for page in try SiteFixtures.site().pages() {
            let tags = HTMLScan.tags(page.html)
            XCTAssertFalse(tags.contains { ["script", "link", "iframe", "img"].contains($0.name) }, page.fileName)
            XCTAssertTrue(page.html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
            XCTAssertTrue(page.html.contains("@media print"))
            for reference in HTMLScan.values(of: "href", in: page.html) + HTMLScan.values(of: "src", in: page.html) {
                XCTAssertFalse(reference.hasPrefix("http://"), "a plain-http link in \(page.fileName): \(reference)")
            }
        }
    }

    func testTheSameRunRendersTheSameBytesExceptTheGenerationTime() throws {
        let first = try SiteFixtures.site().pages()
        XCTAssertEqual(first, try SiteFixtures.site().pages())
        let later = try SiteFixtures.site(generatedAt: Date(timeIntervalSince1970: 1_800_000_000)).pages()
        XCTAssertEqual(first.map(\.fileName), later.map(\.fileName))
        for (a, b) in zip(first, later) where a.fileName != "index.html" { XCTAssertEqual(a, b) }
        let linesA = first[0].html.split(separator: "\n"), linesB = later[0].html.split(separator: "\n")
        let differing = zip(linesA, linesB).filter { $0 != $1 }
        XCTAssertEqual(differing.count, 1)
        XCTAssertTrue(differing.first?.0.contains("id=\"generated\"") ?? false)
    }

    func testWritesEveryPage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try SiteFixtures.site()
        let urls = try site.write(to: folder)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["index.html", "fixture.html", "other.html"])
        XCTAssertEqual(try String(contentsOf: urls[1], encoding: .utf8), try SiteFixtures.page("fixture.html", in: site))
    }
}
