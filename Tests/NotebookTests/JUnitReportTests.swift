import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonFormat
import Notebook

/// `notebook test --junit`: the report is XML that parses whatever the steps printed.
final class JUnitReportTests: XCTestCase {
    /// XML 1.0 has no place for U+FFFE, U+FFFF or control characters other than tab, newline
    /// and carriage return; a step that prints them still gives a report that parses, with
    /// the rest of its output kept.
    func testCharactersXMLForbidsAreDroppedFromTheReport() throws {
        let forbidden = "\u{0}\u{1}\u{B}\u{1B}\u{7F}\u{85}\u{FFFE}\u{FFFF}\u{10FFFF}"
        let markdown = "# Odd\n\n```swift step=odd\nprint(1)\n```\n\n```expected\nplain\n```\n"
        let lesson = try Lesson.parse(markdown, path: "lessons/odd.md")
        let step = StepReport(id: "odd", title: nil, line: lesson.steps[0].fenceLine, status: .ok, duration: 0.1,
                              outputs: [.text("a" + forbidden + "b\tc\n")])
        let report = LessonReport(lesson: "odd", path: lesson.path, title: lesson.title, startedAt: Date(timeIntervalSince1970: 0),
                                  duration: 1, parameters: [:], steps: [step], results: [], version: "0.1.0")
        let check = LessonCheck(lesson: lesson, report: report)
        XCTAssertFalse(check.passed)
        let xml = JUnitReport.xml([check])
        let parser = XMLParser(data: Data(xml.utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        XCTAssertTrue(xml.contains("+ab\tc"), xml)
    }
}
