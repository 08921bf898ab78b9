internal import CCmark
import Foundation
import LessonFormat

/// Links between lessons as exported notebooks need them. The notebooks are written side
/// by side, without the Markdown files, so a link to `sd_lstm.md` opened 404 in Jupyter:
/// it becomes `sd_lstm.ipynb`. A fragment naming a heading in the site's (and GitHub's)
/// form, `#how-the-expected-figures-were-set`, becomes the id Jupyter and nbconvert give
/// that heading, its text with spaces as `-`: `#How-the-expected-figures-were-set`.
/// Everything else in the Markdown is left byte for byte as written.
public struct NotebookLinks: Sendable {
    /// For each lesson, its headings' site ids mapped to their Jupyter ids.
    private var anchors: [String: [String: String]] = [:]

    /// Links to `lessons` are rewritten; links to anything else are kept.
    public init(lessons: [Lesson]) {
        for lesson in lessons {
            var ids: [String: String] = [:]
            for heading in Self.headingTexts(in: lesson.source) {
                let slug = HTMLText.slug(heading)
                if ids[slug] == nil { ids[slug] = heading.replacingOccurrences(of: " ", with: "-") }
            }
            anchors[lesson.name] = ids
        }
    }

    /// `markdown`, a piece of lesson `current`'s prose, with each link to a lesson pointed at
    /// its notebook and each heading fragment (`#results`) at Jupyter's id for the heading.
    func rewritten(_ markdown: String, in current: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for link in Self.links(in: markdown) {
            guard let target = notebookTarget(link.url, in: current), link.lines.upperBound <= lines.count else { continue }
            // The link's own source columns are unreliable when it wraps inside an indented
            // block, so its destination is replaced wherever `](destination` is followed by
            // `)` or a title in the lines of the block holding it.
            for index in link.lines {
                for end in [")", " ", "\t"] {
                    lines[index] = lines[index].replacingOccurrences(of: "](\(link.url)\(end)", with: "](\(target)\(end)")
                }
                if lines[index].hasSuffix("](\(link.url)") { lines[index] = String(lines[index].dropLast(link.url.count)) + target }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The notebook (and heading) a lesson link leads to, or nil for any other link.
    private func notebookTarget(_ url: String, in current: String) -> String? {
        guard !url.contains(":") else { return nil }
        if url.hasPrefix("#") {
            let fragment = String(url.dropFirst())
            return anchors[current]?[fragment.removingPercentEncoding ?? fragment].map { "#" + URLText.pathSegment($0) }
        }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = parts[0].split(separator: "/").last.map(String.init) ?? ""
        guard file.hasSuffix(".md") else { return nil }
        let stem = String(file.dropLast(3))
        let name = stem.removingPercentEncoding ?? stem
        guard let ids = anchors[name] else { return nil }
        var target = URLText.pathSegment(name + ".ipynb")
        if parts.count == 2 {
            let fragment = String(parts[1])
            target += "#" + (ids[fragment.removingPercentEncoding ?? fragment].map(URLText.pathSegment) ?? fragment)
        }
        return target
    }

    /// A link's destination and the lines (from 0) of the block that holds it.
    private struct Link {
        var url: String
        var lines: Range<Int>
    }

    /// The links cmark finds (none in code), each with the lines of its paragraph, heading
    /// or other block: cmark's block positions are exact.
    private static func links(in markdown: String) -> [Link] {
        var links: [Link] = []
        MarkdownNodes.visit(markdown) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_LINK else { return }
            var block = cmark_node_parent(node)
            while let inline = block, isInline(inline) { block = cmark_node_parent(inline) }
            guard let block else { return }
            let first = Int(cmark_node_get_start_line(block)), last = Int(cmark_node_get_end_line(block))
            guard first >= 1, last >= first else { return }
            links.append(Link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", lines: first - 1..<last))
        }
        return links
    }

    private static func isInline(_ node: OpaquePointer) -> Bool {
        let type = cmark_node_get_type(node)
        return type.rawValue >= CMARK_NODE_FIRST_INLINE.rawValue && type.rawValue <= CMARK_NODE_LAST_INLINE.rawValue
    }

    /// The plain text of each heading in `markdown`, in order.
    private static func headingTexts(in markdown: String) -> [String] {
        var texts: [String] = []
        MarkdownNodes.visit(markdown) { node in
            if cmark_node_get_type(node) == CMARK_NODE_HEADING { texts.append(ProseHTML.plainText(of: node)) }
        }
        return texts
    }
}
