import ArgumentParser
import Foundation
import Notebook

/// `notebook site`: the lessons as web pages, rendered from their runs.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Render the lessons as HTML pages (an index and one page per lesson) from their runs.",
        usage: UsageText.wrapped(["notebook site", "[<lessons> ...]", "[--out <dir>]"] + LessonRunSourceOptions.usagePieces),
        discussion: """
            Each lesson's page shows its last stored run (.cache/runs/NAME.json). A lesson with no \
            stored run, or whose run is out of date (another version, changed steps, an incomplete \
            run, a lesson file modified since), is run first, with the value cache, so only what \
            changed is computed. Pages are self-contained: they open from file:// with no network. \
            The index page states the generation time ($SOURCE_DATE_EPOCH sets it); everything \
            else depends only on the lessons and their runs.
            """
    )

    @Argument(help: "Lessons to include (default: all, in reading order).")
    var lessons: [String] = []

    @Option(help: ArgumentHelp("The folder to write the pages to.", valueName: "dir"))
    var out: String = "site"

    @OptionGroup var source: LessonRunSourceOptions

    func run() throws {
        let entries = try LessonSelection.entries(named: lessons, all: lessons.isEmpty)
        try OutputPaths.checkFolder("--out", out, protected: [("the cache folder", source.cacheDir)])
        try OutputPaths.checkFiles("--out", out, names: LessonSite.fileNames(lessons: entries.map(\.name)))
        let runs = try source.runs(for: entries)
        let start = Date()
        let site = LessonSite(lessons: runs, introduction: source.introduction(), generatedAt: GenerationTime.now())
        let pages = site.pages()
        let urls = try site.write(pages, to: URL(fileURLWithPath: out, isDirectory: true))
        let seconds = Date().timeIntervalSince(start)
        print("wrote \(urls.count) pages to \(out)/ in \(String(format: "%.2f", seconds)) s; open \(out)/index.html")
        let leftOut = Set(LessonSelection.entriesOrEmpty().map(\.name)).subtracting(entries.map(\.name))
        for link in site.brokenLinks(in: pages, leftOut: leftOut) { FileHandle.standardError.write(Data("warning: \(link)\n".utf8)) }
        let failed = runs.filter { $0.report.map { !$0.succeeded } ?? false }.map(\.lesson.name)
        if !failed.isEmpty { print("note: steps failed in \(failed.joined(separator: ", ")); their pages show the failures") }
    }
}

/// The time a site or notebook states it was made: now, or `$SOURCE_DATE_EPOCH` (seconds
/// since 1970) for a reproducible build.
enum GenerationTime {
    static func now() -> Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(text) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }
}
