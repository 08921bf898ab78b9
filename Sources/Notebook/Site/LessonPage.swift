import LessonFormat

/// The page of one lesson: a header with the run's summary and named results, a table of
/// contents, the prose (cmark) with each step's code and output in place, and links to the
/// previous and next lessons.
struct LessonPage {
    let lesson: Lesson
    /// The run the page shows; nil when the lesson has not been run.
    let report: LessonReport?
    let previous: SiteLink?
    let next: SiteLink?
    /// Every lesson that has a page (for links between lessons in the prose).
    let lessonNames: Set<String>

    var title: String { lesson.title ?? lesson.name }

    func html() -> String {
        let sections = LessonSection.sections(of: lesson)
        let stepReports = Dictionary((report?.steps ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var anchors = AnchorNames(reserved: lesson.steps.map { StepHTML.anchor($0.id) } + ["contents", "top"])
        // The page's header shows the title: leave out the lesson's first level-1 heading
        // only, not the later ones that head its parts.
        var prose = ProseHTML(lessonNames: lessonNames, dropTitle: true)
        var main = ""
        var contents: [TableOfContents.Entry] = []
        for section in sections {
            switch section {
            case .prose(let markdown, _):
                let rendered = prose.render(markdown, anchors: &anchors)
                if rendered.droppedTitle { prose.dropTitle = false }
                main += "<div class=\"prose\">\n" + rendered.html + "</div>\n"
                contents += rendered.headings.map { TableOfContents.Entry.heading($0) }
            case .step(let step):
                let stepReport = stepReports[step.id]
                main += StepHTML.html(step: step, report: stepReport, lessonPath: lesson.path)
                if stepReport?.status == .failed { contents.append(.failedStep(step.id)) }
            }
        }
        let body = "<div class=\"wrap layout\">\n" + TableOfContents.html(contents)
            + "<main>\n" + main + pager() + "</main>\n</div>\n"
        return PageTemplate.document(title: title, head: header(), body: body)
    }

    private func header() -> String {
        var out = "<header class=\"page-head\" id=\"top\"><div class=\"wrap\">\n"
        out += "<nav class=\"crumbs\"><a href=\"index.html\">All lessons</a></nav>\n"
        out += "<h1>" + HTMLText.escaped(title) + "</h1>\n"
        out += "<p class=\"meta\">" + HTMLText.escaped(RunSummary.text(report, path: lesson.path, stepCount: lesson.steps.count)) + "</p>\n"
        if let report {
            if !report.parameters.isEmpty {
                let given = Set(report.givenParameters ?? [])
                let list = report.parameters.sorted { $0.key < $1.key }
                    .map { "\($0.key) = \($0.value)" + (given.contains($0.key) ? " (--param)" : "") }.joined(separator: ", ")
                out += "<p class=\"meta\">Parameters: " + HTMLText.escaped(list) + "</p>\n"
            }
            out += RunSummary.resultsHTML(report.results)
        }
        return out + "</div></header>\n"
    }

    private func pager() -> String {
        guard previous != nil || next != nil else { return "" }
        var out = "<nav class=\"pager\" aria-label=\"Lessons\">"
        if let previous {
            out += "<a class=\"prev\" rel=\"prev\" href=\"\(HTMLText.escaped(previous.href))\">← " + HTMLText.escaped(previous.title) + "</a>"
        }
        if let next {
            out += "<a class=\"next\" rel=\"next\" href=\"\(HTMLText.escaped(next.href))\">" + HTMLText.escaped(next.title) + " →</a>"
        }
        return out + "</nav>\n"
    }
}

/// A link to another page of the site.
struct SiteLink: Equatable {
    var href: String
    var title: String
}

/// A page's table of contents: its headings (levels 1 to 3; a level-1 heading after the
/// title starts a part of the lesson, shown in bold) and its failed steps.
enum TableOfContents {
    enum Entry: Equatable {
        case heading(PageHeading)
        case failedStep(String)
    }

    static func html(_ entries: [Entry]) -> String {
        let shown = entries.filter {
            if case .heading(let heading) = $0 { return heading.level <= 3 }
            return true
        }
        guard !shown.isEmpty else { return "" }
        // Level-3 headings and failed steps nest under the level-2 heading before them.
        var items: [(link: String, children: [String])] = []
        for entry in shown {
            let nested: Bool
            let link: String
            switch entry {
            case .heading(let heading):
                nested = heading.level == 3
                let text = HTMLText.escaped(heading.text)
                link = "<a href=\"#\(heading.id)\">" + (heading.level == 1 ? "<strong>\(text)</strong>" : text) + "</a>"
            case .failedStep(let id):
                nested = true
                link = "<a class=\"failed-mark\" href=\"#\(HTMLText.escaped(StepHTML.anchor(id)))\">✗ step "
                    + HTMLText.escaped(id) + " failed</a>"
            }
            if nested, !items.isEmpty {
                items[items.count - 1].children.append(link)
            } else {
                items.append((link, []))
            }
        }
        var out = "<nav class=\"toc\" id=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        for item in items {
            out += "<li>" + item.link
            if !item.children.isEmpty {
                out += "\n<ol>\n" + item.children.map { "<li>" + $0 + "</li>\n" }.joined() + "</ol>\n"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n</nav>\n"
    }
}
