internal import CCmark
import Foundation

/// A link in the lessons' prose that leads nowhere in the site. Browsers are silent about
/// both kinds: a `.md` target naming no lesson is unlinked (its text stays), and a
/// `#fragment` naming no heading opens the page at its top. Renaming a heading breaks
/// every link to it this way, so `notebook site` reports them.
public struct BrokenLink: Equatable, Sendable, CustomStringConvertible {
    /// The Markdown file the link is in, e.g. `lessons/si_cnn.md`.
    public var file: String
    /// The link's target as written, e.g. `si_lstm.md#how-the-expected-figures-were-set`.
    public var target: String
    /// Why it leads nowhere.
    public var reason: String

    public var description: String { "\(file): link to '\(target)': \(reason)" }
}

extension LessonSite {
    /// The links of the lessons and of the index's introduction (`lessons/README.md`)
    /// whose lesson or heading the rendered site does not have, in file order. `pages`
    /// are this site's `pages()`, rendered once for writing and for this check. A link to
    /// one of `leftOut`, lessons that exist but were not chosen for this site, is no
    /// mistake (its text stays, unlinked, as the reader who chose the lessons asked).
    public func brokenLinks(in pages: [SitePage], leftOut: Set<String> = []) -> [BrokenLink] {
        let names = Set(lessons.map(\.lesson.name))
        var idsByPage: [String: Set<String>] = [:]
        for page in pages { idsByPage[page.fileName] = Self.ids(in: page.html) }
        var sources = [(file: "lessons/README.md", page: "index.html", markdown: introduction ?? "")]
        sources += lessons.map { ($0.lesson.path, Self.fileName($0.lesson.name), $0.lesson.source) }
        var broken: [BrokenLink] = []
        for source in sources {
            for url in Self.linkTargets(in: source.markdown) {
                let problem: String?
                switch LinkTarget(url, lessonNames: names) {
                case .drop:
                    // A Markdown file in the lessons' folder that is no lesson is likely a
                    // misspelt one; one outside it (`../README.md`) is simply not in the site.
                    let file = url.split(separator: "#").first.map(String.init) ?? ""
                    let name = String((file.split(separator: "/").last ?? "").dropLast(3))
                    problem = file.hasSuffix(".md") && LinkTarget.isInLessonsFolder(file) && !leftOut.contains(name)
                        ? "not a lesson of the site: its page keeps the text without the link" : nil
                case .page(let href):
                    problem = Self.missingFragment(href, ids: idsByPage)
                case .keep:
                    problem = url.hasPrefix("#") ? Self.missingFragment(source.page + url, ids: idsByPage) : nil
                }
                if let problem { broken.append(BrokenLink(file: source.file, target: url, reason: problem)) }
            }
        }
        return broken
    }

    /// Why `href` (`page.html#fragment`, percent-encoded as the site writes it) has no
    /// target, or nil when it has one or names no fragment.
    private static func missingFragment(_ href: String, ids: [String: Set<String>]) -> String? {
        guard let hash = href.firstIndex(of: "#") else { return nil }
        let fragment = String(href[href.index(after: hash)...])
        let encodedPage = String(href[..<hash])
        let page = encodedPage.removingPercentEncoding ?? encodedPage
        guard !fragment.isEmpty, let pageIDs = ids[page] else { return nil }
        let id = fragment.removingPercentEncoding ?? fragment
        return pageIDs.contains(id) ? nil : "\(page) has no heading or step with the id '\(id)'"
    }

    /// The `id` attributes of a rendered page. The site writes every attribute double-quoted,
    /// and its ids are slugs (`HTMLText.slug`), which need no unescaping.
    private static func ids(in html: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            let value = rest[start.upperBound...]
            guard let end = value.firstIndex(of: "\"") else { break }
            ids.insert(String(value[..<end]))
            rest = value[end...]
        }
        return ids
    }

    /// Every link target in `markdown`, as cmark reads it: code blocks and code spans hold
    /// none, and reference-style links are resolved.
    static func linkTargets(in markdown: String) -> [String] {
        var targets: [String] = []
        MarkdownNodes.visit(markdown) { node in
            if cmark_node_get_type(node) == CMARK_NODE_LINK { targets.append(cmark_node_get_url(node).map { String(cString: $0) } ?? "") }
        }
        return targets
    }
}
