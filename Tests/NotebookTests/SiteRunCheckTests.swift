import XCTest
import LessonFormat
import Notebook

/// When a stored run can be shown, and when the site must run the lesson again.
final class SiteRunCheckTests: XCTestCase {
    func testAStoredRunOfTheSameLessonAndVersionIsCurrent() throws {
        let lesson = try SiteFixtures.lesson()
        let report = SiteFixtures.report(for: lesson)
        // A failed step is a result to show, not a reason to run again.
        XCTAssertNil(StoredRunCheck.staleness(of: report, for: lesson, version: "0.1.0"))
    }

    func testAnotherVersionIsOutOfDate() throws {
        let lesson = try SiteFixtures.lesson()
        let reason = StoredRunCheck.staleness(of: SiteFixtures.report(for: lesson), for: lesson, version: "0.2.0")
        XCTAssertEqual(reason, "it was made by version 0.1.0, this is 0.2.0")
    }

    func testChangedStepsAreOutOfDate() throws {
        let lesson = try SiteFixtures.lesson()
        let report = SiteFixtures.report(for: lesson)
        let moved = try SiteFixtures.lesson("Added a line.\n" + SiteFixtures.markdown)
        XCTAssertEqual(StoredRunCheck.staleness(of: report, for: moved, version: "0.1.0"), "the lesson's steps changed since it ran")
        let renamed = try SiteFixtures.lesson(SiteFixtures.markdown.replacingOccurrences(of: "step=after", with: "step=later"))
        XCTAssertNotNil(StoredRunCheck.staleness(of: report, for: renamed, version: "0.1.0"))
    }

    func testARunStoppedEarlyIsOutOfDate() throws {
        let lesson = try SiteFixtures.lesson()
        var report = SiteFixtures.report(for: lesson)
        report.steps[2] = StepReport(id: "boom", title: nil, line: report.steps[2].line, status: .skipped, skipReason: "stopped after 'plot' (--until)")
        report.steps[3].skipReason = "stopped after 'plot' (--until)"
        XCTAssertEqual(StoredRunCheck.staleness(of: report, for: lesson, version: "0.1.0"),
                       "it stopped before step 'boom' (stopped after 'plot' (--until))")
    }

    func testALessonFileModifiedAfterTheRunIsOutOfDate() throws {
        let lesson = try SiteFixtures.lesson()
        var report = SiteFixtures.report(for: lesson)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(lesson.source.utf8).write(to: file)
        report.startedAt = Date(timeIntervalSinceNow: -60)
        XCTAssertEqual(StoredRunCheck.staleness(of: report, for: lesson, version: "0.1.0", lessonFile: file),
                       "\(file.lastPathComponent) was modified after it ran")
        report.startedAt = Date(timeIntervalSinceNow: 60)
        XCTAssertNil(StoredRunCheck.staleness(of: report, for: lesson, version: "0.1.0", lessonFile: file))
    }
}
