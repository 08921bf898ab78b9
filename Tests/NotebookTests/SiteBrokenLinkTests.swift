import XCTest
import LessonFormat
@testable import Notebook

/// Links that lead nowhere in the site are found, and the real lessons have none.
final class SiteBrokenLinkTests: XCTestCase {
    func testLinksToMissingLessonsAndHeadingsAreReported() throws {
        let source = "# Broken\n\n## Here\n\nSee [fine](#here), [gone](#nowhere), [other](other.md#start), "
            + "[renamed](other.md#old-heading), [typo](othr.md), [web](https://example.org/x.md#y), "
            // A file outside the lessons' folder is no misspelt lesson: unlinked, unreported.
            + "[the project](../README.md), [typo too](../lessons/othr.md) "
            + "and `[code](nope.md)`.\n\n```swift step=a\n// [in code](nope.md)\nprint(1)\n```\n"
        let broken = try SiteFixtures.lesson(source, path: "lessons/broken.md")
        let other = try SiteFixtures.lesson("# Other\n\n## Start\n\nText.\n", path: "lessons/other.md")
        let site = LessonSite(lessons: [RenderedLesson(lesson: broken, report: nil), RenderedLesson(lesson: other, report: nil)],
                              introduction: "# Lessons\n\nStart with [the broken one](broken.md#here) or [this](#not-here).\n",
                              generatedAt: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(site.brokenLinks(in: site.pages()).map(\.description), [
            "lessons/README.md: link to '#not-here': index.html has no heading or step with the id 'not-here'",
            "lessons/broken.md: link to '#nowhere': broken.html has no heading or step with the id 'nowhere'",
            "lessons/broken.md: link to 'other.md#old-heading': other.html has no heading or step with the id 'old-heading'",
            "lessons/broken.md: link to 'othr.md': not a lesson of the site: its page keeps the text without the link",
            "lessons/broken.md: link to '../lessons/othr.md': not a lesson of the site: its page keeps the text without the link",
        ])
        // A site of some lessons: links to the others lose their link as asked, unreported.
        XCTAssertEqual(site.brokenLinks(in: site.pages(), leftOut: ["othr"]).map(\.description).last,
                       "lessons/broken.md: link to 'other.md#old-heading': other.html has no heading or step with the id 'old-heading'")
    }

    /// The lessons link to each other's sections (si_cnn to the end of si_lstm, say); a
    /// renamed heading must not leave such a link opening the page at its top.
    func testTheLessonsLinksAllResolve() throws {
        let folder = TestEnvironment.packageRoot.appendingPathComponent("lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        XCTAssertTrue(files.contains("si_cnn.md") && files.contains("sd_fc.md"), "\(files)")
        let lessons = try files.map { file in
            RenderedLesson(lesson: try Lesson.parse(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
                                                    path: "lessons/" + file),
                           report: nil)
        }
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let site = LessonSite(lessons: lessons, introduction: readme, generatedAt: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(site.brokenLinks(in: site.pages()).map(\.description), [])
        XCTAssertGreaterThan(lessons.map { LessonSite.linkTargets(in: $0.lesson.source).count }.reduce(0, +), 5,
                             "the lessons' cross-links were read")
    }
}
