import Foundation
import LessonFormat

/// A lesson and the run a page or notebook shows.
public struct RenderedLesson: Sendable {
    public var lesson: Lesson
    /// The run to show; nil when the lesson has never run (its page says so).
    public var report: LessonReport?

    public init(lesson: Lesson, report: LessonReport?) {
        self.lesson = lesson
        self.report = report
    }
}

/// One file of the site.
public struct SitePage: Equatable, Sendable {
    /// The file name, e.g. `index.html` or `sd_fc.html`.
    public var fileName: String
    public var html: String
}

/// The lesson site: an index page and one page per lesson, rendered from runs. Pages are
/// self-contained HTML (inline style, inline SVG plots, no script) that work from `file://`.
///
/// The same lessons and runs render the same bytes; the only thing that changes between
/// renderings of one run is the generation time printed on the index page.
public struct LessonSite: Sendable {
    /// The lessons in reading order (the order of previous/next links).
    public var lessons: [RenderedLesson]
    /// The Markdown of the lessons' README, shown on the index page.
    public var introduction: String?
    /// When the site was made, printed on the index page.
    public var generatedAt: Date

    public init(lessons: [RenderedLesson], introduction: String?, generatedAt: Date) {
        self.lessons = lessons
        self.introduction = introduction
        self.generatedAt = generatedAt
    }

    /// The page file of lesson `name`.
    public static func fileName(_ name: String) -> String { name + ".html" }

    /// The index page's file.
    public static let indexFileName = "index.html"

    /// The files a site of lessons `names` writes.
    public static func fileNames(lessons names: [String]) -> [String] { [indexFileName] + names.map(fileName) }

    /// A link to lesson `name`'s page from another page of the site: its file name
    /// percent-encoded (`two%20words.html` for `lessons/two words.md`).
    static func href(_ name: String) -> String { URLText.pathSegment(fileName(name)) }

    /// Every page, the index first.
    public func pages() -> [SitePage] {
        let names = Set(lessons.map(\.lesson.name))
        func link(_ index: Int) -> SiteLink? {
            guard lessons.indices.contains(index) else { return nil }
            let lesson = lessons[index].lesson
            return SiteLink(href: Self.href(lesson.name), title: lesson.title ?? lesson.name)
        }
        var pages = [SitePage(fileName: Self.indexFileName,
                              html: IndexPage(lessons: lessons, introduction: introduction, generatedAt: generatedAt).html())]
        for (index, item) in lessons.enumerated() {
            let page = LessonPage(lesson: item.lesson, report: item.report, previous: link(index - 1),
                                  next: link(index + 1), lessonNames: names)
            pages.append(SitePage(fileName: Self.fileName(item.lesson.name), html: page.html()))
        }
        return pages
    }

    /// Writes every page into `directory` (created if needed), all or none (see `FileSet`),
    /// and returns their URLs.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        try write(pages(), to: directory)
    }

    /// Writes `pages` (this site's `pages()`, rendered by the caller) into `directory`.
    @discardableResult
    public func write(_ pages: [SitePage], to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = pages.map { FileSet.File(url: directory.appendingPathComponent($0.fileName), contents: Data($0.html.utf8)) }
        try FileSet.write(files)
        return files.map(\.url)
    }
}
