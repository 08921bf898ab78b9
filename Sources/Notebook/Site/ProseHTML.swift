internal import CCmark
import Foundation

/// A heading of a page, for its table of contents.
public struct PageHeading: Equatable, Sendable {
    public var level: Int
    public var text: String
    /// The fragment identifier of the heading (`#id`).
    public var id: String
}

/// Renders a lesson's Markdown prose as HTML with cmark in its default, safe mode: raw HTML
/// in the Markdown is not passed through (cmark writes `<!-- raw HTML omitted -->`) and
/// `javascript:`-style link targets are dropped. On top of cmark's own output it
///
/// - gives top-level headings unique `id`s and collects them for the table of contents,
/// - turns links to another lesson's Markdown (`sd_lstm.md`) into links to its page and
///   unlinks other relative targets, which do not exist in the site (their text stays),
/// - highlights `swift` code samples,
/// - renders GitHub-style pipe tables (`PipeTable`), which CommonMark reads as paragraphs.
struct ProseHTML {
    /// The lessons that have pages; links to `NAME.md` become `NAME.html`.
    var lessonNames: Set<String>
    /// Leave out the first level-1 heading (the page shows the title in its header).
    var dropTitle: Bool = false

    /// The HTML of `markdown`, and its headings in order. `anchors` keeps ids unique across
    /// the several prose pieces of one page.
    func render(_ markdown: String, anchors: inout AnchorNames) -> (html: String, headings: [PageHeading], droppedTitle: Bool) {
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return ("<pre>" + HTMLText.escaped(markdown) + "</pre>\n", [], false)
        }
        defer { cmark_node_free(document) }
        rewriteLinks(in: document)
        var html = ""
        var headings: [PageHeading] = []
        var droppedTitle = !dropTitle
        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(node))
                if level == 1 && !droppedTitle {
                    droppedTitle = true
                    continue
                }
                let text = Self.plainText(of: node)
                let id = anchors.unique(HTMLText.slug(text))
                headings.append(PageHeading(level: level, text: text, id: id))
                // cmark writes a bare `<hN>`: give it the id.
                let rendered = Self.renderHTML(node)
                html += rendered.replacingOccurrences(of: "<h\(level)>", with: "<h\(level) id=\"\(id)\">",
                                                      options: .anchored)
            case CMARK_NODE_PARAGRAPH:
                html += PipeTable(paragraph: node, in: markdown)?.html(inline: inlineHTML) ?? Self.renderHTML(node)
            case CMARK_NODE_CODE_BLOCK where Self.isSwift(node):
                let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                html += "<pre class=\"code\"><code>" + SwiftHighlighter.html(code) + "</code></pre>\n"
            default:
                html += Self.renderHTML(node)
            }
        }
        return (html, headings, dropTitle && droppedTitle)
    }

    /// One table cell's Markdown as inline HTML (cmark, links rewritten, no paragraph).
    private func inlineHTML(_ markdown: String) -> String {
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return HTMLText.escaped(markdown)
        }
        defer { cmark_node_free(document) }
        rewriteLinks(in: document)
        var html = Self.renderHTML(document).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    /// Points lesson links at pages and unlinks relative targets that are not pages.
    private func rewriteLinks(in document: OpaquePointer) {
        var unlink: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_LINK else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            switch LinkTarget(url, lessonNames: lessonNames) {
            case .keep: break
            case .page(let page): _ = cmark_node_set_url(node, page)
            case .drop: unlink.append(node)
            }
        }
        cmark_iter_free(iterator)
        for link in unlink {
            while let inner = cmark_node_first_child(link) {
                cmark_node_unlink(inner)
                _ = cmark_node_insert_before(link, inner)
            }
            cmark_node_unlink(link)
            cmark_node_free(link)
        }
    }

    static func renderHTML(_ node: OpaquePointer) -> String {
        guard let pointer = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func isSwift(_ node: OpaquePointer) -> Bool {
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        return info.split(separator: " ").first == "swift"
    }

    /// The text of a node's inline content (text and code spans).
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }
}

/// What to do with a link's target in the site.
enum LinkTarget: Equatable {
    /// An absolute address (`https:`, `mailto:`) or a fragment on the same page.
    case keep
    /// Another lesson's Markdown: its page.
    case page(String)
    /// A relative file that is not part of the site.
    case drop

    init(_ url: String, lessonNames: Set<String>) {
        if url.isEmpty || url.hasPrefix("#") || url.contains(":") {
            self = .keep
            return
        }
        let fragment = url.firstIndex(of: "#").map { String(url[$0...]) } ?? ""
        let path = url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if file.hasSuffix(".md") {
            // The Markdown may spell `two words.md` as `two%20words.md`.
            let stem = String(file.dropLast(3))
            let name = stem.removingPercentEncoding ?? stem
            if lessonNames.contains(name) { self = .page(LessonSite.href(name) + fragment); return }
            // The lessons' own README is the index; another folder's (`../README.md`, the
            // project's) is not part of the site.
            if name == "README", Self.isInLessonsFolder(path) { self = .page("index.html\(fragment)"); return }
        }
        self = .drop
    }

    /// Whether a relative `path` written in a lesson names a file of the lessons' own
    /// folder: `x.md`, `./x.md` or `../lessons/x.md`, not `../README.md`.
    static func isInLessonsFolder(_ path: String) -> Bool {
        var rest = Substring(path)
        for prefix in ["./", "../lessons/"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        return !rest.contains("/")
    }
}
