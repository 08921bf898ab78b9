internal import CCmark
import Foundation

/// The site's front page: the introduction (the lessons' README), a table of the lessons
/// with their headline results and run times, how to run them, and when the site was made.
struct IndexPage {
    let lessons: [RenderedLesson]
    /// The Markdown of `lessons/README.md`, if there is one.
    let introduction: String?
    let generatedAt: Date

    static let defaultTitle = "Song emotion recognition in Swift lessons"

    static let howToRun = """
        ## How to run them

        Build once with `swift build`; then, in the package folder:

        - `swift run notebook run sd_fc` runs a lesson and prints each step's output (`--all` runs every lesson);
        - `swift run notebook step sd_fc` walks through a lesson step by step in a terminal;
        - `swift run notebook test --all` checks each step's output against the lesson's expected blocks;
        - `swift run notebook site` renders these pages from the last run of each lesson (kept in
          `.cache/runs/`), running the lessons that have no current run; cached values (features,
          trained models) are reused, so only what changed is computed again;
        - `swift run notebook export --ipynb --out notebooks` writes the same runs as Jupyter notebooks.

        """

    func html() -> String {
        let names = Set(lessons.map(\.lesson.name))
        var prose = ProseHTML(lessonNames: names, dropTitle: true)
        var anchors = AnchorNames(reserved: ["lessons", "top", "generated"])
        let (intro, rest) = Self.split(introduction ?? "")
        let title = introduction.flatMap(Self.title(of:)) ?? Self.defaultTitle

        let opening = prose.render(intro, anchors: &anchors)
        if opening.droppedTitle { prose.dropTitle = false }  // the header shows it; later ones stay
        var main = "<div class=\"prose\">\n" + opening.html
        main += "<h2 id=\"lessons\">The lessons and their results</h2>\n" + lessonTable()
        main += prose.render(rest, anchors: &anchors).html
        main += prose.render(Self.howToRun, anchors: &anchors).html
        main += "<p class=\"meta\" id=\"generated\">Generated <time datetime=\"\(PageDate.iso(generatedAt))\">"
            + PageDate.text(generatedAt) + "</time> from the runs listed above.</p>\n</div>\n"
        let head = "<header class=\"page-head\" id=\"top\"><div class=\"wrap\">\n<h1>" + HTMLText.escaped(title)
            + "</h1>\n</div></header>\n"
        return PageTemplate.document(title: title, head: head, body: "<div class=\"wrap\">\n<main>\n" + main + "</main>\n</div>\n")
    }

    private func lessonTable() -> String {
        var out = "<div class=\"table-wrap\"><table class=\"lessons\">\n<thead><tr><th>Lesson</th><th>Headline results</th>"
            + "<th class=\"num\">Run time</th><th>Last run</th></tr></thead>\n<tbody>\n"
        for item in lessons {
            let lesson = item.lesson
            out += "<tr><td><a href=\"\(HTMLText.escaped(LessonSite.href(lesson.name)))\">"
                + HTMLText.escaped(lesson.title ?? lesson.name) + "</a><br><code>notebook run "
                + HTMLText.escaped(lesson.name) + "</code></td>"
            guard let report = item.report else {
                out += "<td data-label=\"Results\">–</td><td class=\"num\" data-label=\"Run time\">–</td>"
                    + "<td data-label=\"Last run\"><span class=\"status-missing\">not run</span></td></tr>\n"
                continue
            }
            let results = report.results.map { HTMLText.escaped(RunSummary.label($0)) + " <b>" + HTMLText.escaped(RunSummary.value($0)) + "</b>" }
            out += "<td data-label=\"Results\">" + (results.isEmpty ? "–" : results.joined(separator: "<br>")) + "</td>"
            out += "<td class=\"num\" data-label=\"Run time\">" + DurationText.text(report.duration) + "</td>"
            let status = report.succeeded
                ? "<span class=\"status-ok\">✓ " + HTMLText.escaped(RunSummary.stepCounts(report)) + "</span>"
                : "<span class=\"status-failed\">✗ " + HTMLText.escaped(RunSummary.stepCounts(report)) + "</span>"
            // A run with --param values is not the lesson's own result: say which.
            let given = report.givenParameterList
            let with = given.isEmpty ? "" : "<br>with " + HTMLText.escaped(given.joined(separator: ", "))
            out += "<td data-label=\"Last run\">" + status + "<br>" + PageDate.text(report.startedAt) + with + "</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// The text of the first level-1 heading.
    static func title(of markdown: String) -> String? {
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else { return nil }
        defer { cmark_node_free(document) }
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) == 1 {
                return ProseHTML.plainText(of: node)
            }
            child = cmark_node_next(node)
        }
        return nil
    }

    /// The Markdown before the first top-level level-2 heading, and the rest.
    static func split(_ markdown: String) -> (String, String) {
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return (markdown, "")
        }
        defer { cmark_node_free(document) }
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) == 2 {
                let line = Int(cmark_node_get_start_line(node))
                let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
                return (lines.prefix(line - 1).joined(separator: "\n") + "\n", lines.dropFirst(line - 1).joined(separator: "\n"))
            }
            child = cmark_node_next(node)
        }
        return (markdown, "")
    }
}
