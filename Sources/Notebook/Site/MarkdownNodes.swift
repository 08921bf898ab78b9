internal import CCmark
import Foundation

/// Walks the nodes cmark parses from Markdown, for the passes that read a lesson's prose
/// without rendering it (its links, its headings).
enum MarkdownNodes {
    /// Calls `visit` with each node of `markdown`'s document, parents before children.
    static func visit(_ markdown: String, _ visit: (OpaquePointer) -> Void) {
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }),
              let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator); cmark_node_free(document) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }
}
