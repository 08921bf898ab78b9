import Foundation
import LessonFormat
import XCTest
@testable import Notebook

/// A step that prints megabytes makes neither a page nor an exported notebook of as many
/// megabytes: the start and the end are shown, with a line saying what was left out.
final class SiteLongOutputTests: XCTestCase {
    private let printed = (1...100_000).map { "line \($0) of a debugging loop left in" }.joined(separator: "\n") + "\n"

    private func lessonAndReport() throws -> (Lesson, LessonReport) {
        let lesson = try Lesson.parse("# Long\n\n```swift step=loud\nprint(1)\n```\n", path: "lessons/long.md")
        let step = StepReport(id: "loud", title: nil, line: lesson.steps[0].fenceLine, status: .ok, duration: 0.1,
                              outputs: [.text(printed)])
        let report = LessonReport(lesson: "long", path: lesson.path, title: lesson.title, startedAt: Date(timeIntervalSince1970: 0),
                                  duration: 1, parameters: [:], steps: [step], results: [], version: "0.1.0")
        return (lesson, report)
    }

    func testAPageShowsTheStartAndTheEndOfALongOutput() throws {
        XCTAssertGreaterThan(printed.utf8.count, 3_000_000)
        let (lesson, report) = try lessonAndReport()
        let site = LessonSite(lessons: [RenderedLesson(lesson: lesson, report: report)], introduction: nil,
                              generatedAt: Date(timeIntervalSince1970: 0))
        let page = try XCTUnwrap(site.pages().first { $0.fileName == "long.html" }).html
        XCTAssertLessThan(page.utf8.count, 300_000)
        XCTAssertTrue(page.contains("line 1 of a debugging loop left in\n"))
        XCTAssertTrue(page.contains("line 99999 of a debugging loop left in\nline 100000 of a debugging loop left in\n"))
        XCTAssertNotNil(page.firstMatch(of: #/\[… 9[0-9]{4} lines \([0-9.]+ MB\) not shown here: `notebook run` prints the whole output\]/#))
    }

    func testAnExportedNotebookShowsTheSame() throws {
        let (lesson, report) = try lessonAndReport()
        let data = try JupyterNotebook(lesson: lesson, report: report).json()
        XCTAssertLessThan(data.count, 400_000)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("not shown here"))
        XCTAssertTrue(text.contains("line 100000 of a debugging loop left in"))
    }

    func testShortOutputIsUntouchedAndOneHugeLineIsCut() {
        XCTAssertEqual(LongOutput.shortened("a\nb\n"), "a\nb\n")
        let huge = String(repeating: "x", count: 1_000_000)
        let cut = LongOutput.shortened(huge)
        XCTAssertLessThan(cut.utf8.count, LongOutput.maximumBytes + 200)
        XCTAssertTrue(cut.hasSuffix("not shown here: `notebook run` prints the whole output]"), String(cut.suffix(200)))
    }
}
