import XCTest
import LessonFormat
import Notebook
import Plots

/// A lesson and its run as an nbformat 4 notebook: cells in order, outputs of each step.
final class SiteNotebookExportTests: XCTestCase {
    private func notebook() throws -> [String: Any] {
        let lesson = try SiteFixtures.lesson()
        let data = try JupyterNotebook(lesson: lesson, report: SiteFixtures.report(for: lesson)).json()
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func cells() throws -> [[String: Any]] {
        try XCTUnwrap(notebook()["cells"] as? [[String: Any]])
    }

    func testHeaderIsNbformat4WithSwiftAsTheLanguage() throws {
        let json = try notebook()
        XCTAssertEqual(json["nbformat"] as? Int, 4)
        XCTAssertEqual(json["nbformat_minor"] as? Int, 5)
        let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
        XCTAssertEqual((metadata["language_info"] as? [String: Any])?["name"] as? String, "swift")
        XCTAssertEqual((metadata["kernelspec"] as? [String: Any])?["language"] as? String, "swift")
    }

    func testProseBecomesMarkdownCellsAndStepsCodeCellsInOrder() throws {
        let cells = try cells()
        XCTAssertEqual(cells.map { $0["cell_type"] as? String },
                       ["markdown", "code", "markdown", "code", "markdown", "markdown", "code", "code", "markdown", "markdown"])
        let sources = cells.map { ($0["source"] as? [String])?.joined() ?? "" }
        XCTAssertTrue(sources[0].hasPrefix("# Fixture lesson\n"))
        XCTAssertEqual(sources[1], "let a = 1 // one\nprint(\"a is \\(a)\")")
        XCTAssertEqual(sources[4], "Between the step and its expected block.")
        XCTAssertFalse(sources.joined().contains("```expected"), "expected blocks are not cells")
        // The corpus's licence and citation close the notebook, as they close every page.
        XCTAssertTrue(sources[9].contains("[CC BY-NC-SA 4.0](https://creativecommons.org/licenses/by-nc-sa/4.0/)"), sources[9])
        XCTAssertTrue(sources[9].contains("https://doi.org/10.1371/journal.pone.0196391"), sources[9])
        // Cell ids are unique and of the allowed characters.
        let ids = cells.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, cells.count)
        XCTAssertTrue(ids.allSatisfy { $0.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil })
    }

    func testOutputsAreStreamsDisplayDataSVGAndErrors() throws {
        let code = try cells().filter { $0["cell_type"] as? String == "code" }
        let first = try XCTUnwrap(code[0]["outputs"] as? [[String: Any]])
        XCTAssertEqual(first.map { $0["output_type"] as? String }, ["stream", "display_data", "display_data"])
        XCTAssertEqual(first[0]["text"] as? [String], ["a is 1\n"])
        let table = try XCTUnwrap(first[2]["data"] as? [String: Any])
        XCTAssertTrue(((table["text/html"] as? [String])?.joined() ?? "").contains("<td>two</td>"))
        XCTAssertEqual((table["text/plain"] as? [String])?.first, " n  name\n")

        let plot = try XCTUnwrap((code[1]["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])
        XCTAssertTrue(((plot["image/svg+xml"] as? [String])?.first ?? "").hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Without SVG (an untrusted notebook), the plot as the terminal draws it.
        let fallback = (plot["text/plain"] as? [String])?.joined() ?? ""
        let shown = try XCTUnwrap(SiteFixtures.report(for: SiteFixtures.lesson()).steps[1].outputs.first.flatMap {
            if case .plot(let p) = $0 { return p } else { return nil }
        })
        XCTAssertEqual(fallback, shown.ascii(width: 80) + "\n")
        XCTAssertTrue(fallback.contains("Loss"), fallback)

        let failed = try XCTUnwrap(code[2]["outputs"] as? [[String: Any]])
        XCTAssertEqual(failed.map { $0["output_type"] as? String }, ["stream", "error"])
        let line = try SiteFixtures.lesson().step("boom")!.codeLine
        XCTAssertEqual(failed[1]["traceback"] as? [String], ["lessons/fixture.md:\(line):1: error: it went boom"])

        // Steps that ran are numbered; the skipped one is not, and has no outputs.
        XCTAssertEqual(code.map { $0["execution_count"] as? Int }, [1, 2, 3, nil])
        XCTAssertTrue(code[3]["execution_count"] is NSNull)
        XCTAssertEqual((code[3]["outputs"] as? [Any])?.count, 0)
        XCTAssertEqual(((code[3]["metadata"] as? [String: Any])?["step"] as? [String: Any])?["status"] as? String, "skipped")
    }

    /// JSON has no NaN or infinity: such results are written as run reports write them,
    /// not as a 0 that would pass for a real figure.
    func testNonFiniteResultsAreWrittenAsNanAndInfStrings() throws {
        let lesson = try SiteFixtures.lesson()
        var report = SiteFixtures.report(for: lesson)
        report.results = [NamedResult(name: "nanres", value: .number(.nan), step: "plot"),
                          NamedResult(name: "up", value: .number(.infinity), step: "plot"),
                          NamedResult(name: "down", value: .number(-.infinity), step: "plot"),
                          NamedResult(name: "zero", value: .number(0), step: "plot")]
        let data = try JupyterNotebook(lesson: lesson, report: report).json()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let lessonMetadata = try XCTUnwrap((json["metadata"] as? [String: Any])?["lesson"] as? [String: Any])
        let results = try XCTUnwrap(lessonMetadata["results"] as? [String: Any])
        XCTAssertEqual(results["nanres"] as? String, "nan")
        XCTAssertEqual(results["up"] as? String, "inf")
        XCTAssertEqual(results["down"] as? String, "-inf")
        XCTAssertEqual(results["zero"] as? Double, 0)
    }

    func testTheSameRunGivesTheSameBytes() throws {
        let lesson = try SiteFixtures.lesson()
        let report = SiteFixtures.report(for: lesson)
        XCTAssertEqual(try JupyterNotebook(lesson: lesson, report: report).json(),
                       try JupyterNotebook(lesson: lesson, report: report).json())
    }

    func testALessonWithoutARunExportsItsCellsWithoutOutputs() throws {
        let lesson = try SiteFixtures.lesson()
        let data = try JupyterNotebook(lesson: lesson, report: nil).json()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let code = try XCTUnwrap(json["cells"] as? [[String: Any]]).filter { $0["cell_type"] as? String == "code" }
        XCTAssertEqual(code.count, 4)
        XCTAssertTrue(code.allSatisfy { ($0["outputs"] as? [Any])?.isEmpty ?? false && $0["execution_count"] is NSNull })
    }

    /// The notebooks are written side by side without the Markdown files: a link to another
    /// lesson leads to its notebook, and a heading fragment to the id Jupyter gives the
    /// heading (its text, spaces as `-`). Everything else stays as written.
    func testLinksToLessonsLeadToTheirNotebooks() throws {
        let prose = """
            # Links

            See [the start](other.md#start-here), [other](../lessons/other.md) and [a step](other.md#step-x),
            [the web](https://example.org/other.md), [no lesson](missing.md), `[code](other.md)` and
            [the top](#links).

            - a list item whose link wraps onto the next line: [the end of the other
              lesson](other.md#what-comes-next)

            ```swift step=a
            // [in code](other.md)
            print(1)
            ```
            """
        let lesson = try SiteFixtures.lesson(prose, path: "lessons/links.md")
        let other = try SiteFixtures.lesson("# Other\n\n## Start here\n\nText.\n\n## What comes next?\n\nMore.\n",
                                            path: "lessons/other.md")
        let data = try JupyterNotebook(lesson: lesson, report: nil, links: NotebookLinks(lessons: [lesson, other])).json()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        XCTAssertEqual((cells[0]["source"] as? [String])?.joined(), """
            # Links

            See [the start](other.ipynb#Start-here), [other](other.ipynb) and [a step](other.ipynb#step-x),
            [the web](https://example.org/other.md), [no lesson](missing.md), `[code](other.md)` and
            [the top](#Links).

            - a list item whose link wraps onto the next line: [the end of the other
              lesson](other.ipynb#What-comes-next%3F)
            """)
        XCTAssertEqual((cells[1]["source"] as? [String])?.joined(), "// [in code](other.md)\nprint(1)")
    }
}
