internal import CCmark
import Foundation

/// Renders a lesson's Markdown prose for a terminal (`notebook step`): headings in bold,
/// paragraphs wrapped to the width, lists with bullets, code indented, links with their
/// address, pipe tables aligned (`PipeTable`). The Markdown is parsed by cmark; raw HTML is
/// shown as text, never interpreted.
public enum ProseRenderer {
    public static func render(_ markdown: String, style: TerminalStyle) -> String {
        guard let document = markdown.withCString({ cmark_parse_document($0, markdown.utf8.count, CMARK_OPT_DEFAULT) }) else {
            return markdown
        }
        defer { cmark_node_free(document) }
        var blocks: [String] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, let table = PipeTable(paragraph: node, in: markdown) {
                blocks.append(table.text(width: style.width) { inlineText($0, style: style) })
            } else {
                blocks.append(block(node, style: style, width: style.width, listDepth: 0))
            }
            child = cmark_node_next(node)
        }
        return blocks.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private static func block(_ node: OpaquePointer, style: TerminalStyle, width: Int, listDepth: Int) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            let text = inline(node, style: style)
            let level = Int(cmark_node_get_heading_level(node))
            let rule = level <= 2 ? "\n" + String(repeating: level == 1 ? "═" : "─", count: min(width, text.count)) : ""
            return style.bold(text) + rule + "\n"
        case CMARK_NODE_PARAGRAPH:
            return wrap(inline(node, style: style), width: width) + "\n"
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            return literal.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                .map { "    " + style.cyan(String($0)) }.joined(separator: "\n") + "\n"
        case CMARK_NODE_BLOCK_QUOTE:
            return children(node, style: style, width: width - 2, listDepth: listDepth)
                .split(separator: "\n", omittingEmptySubsequences: false).map { "│ " + $0 }.joined(separator: "\n") + "\n"
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            var number = Int(cmark_node_get_list_start(node))
            var items: [String] = []
            var item = cmark_node_first_child(node)
            while let current = item {
                let marker = ordered ? "\(number). " : (listDepth % 2 == 0 ? "• " : "◦ ")
                let body = children(current, style: style, width: width - marker.count, listDepth: listDepth + 1)
                let lines = body.split(separator: "\n", omittingEmptySubsequences: true)
                items.append(lines.enumerated().map { ($0.offset == 0 ? marker : String(repeating: " ", count: marker.count)) + $0.element }.joined(separator: "\n"))
                number += 1
                item = cmark_node_next(current)
            }
            return items.joined(separator: "\n") + "\n"
        case CMARK_NODE_THEMATIC_BREAK:
            return String(repeating: "─", count: min(width, 40)) + "\n"
        default:
            return children(node, style: style, width: width, listDepth: listDepth)
        }
    }

    private static func children(_ node: OpaquePointer, style: TerminalStyle, width: Int, listDepth: Int) -> String {
        var parts: [String] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            parts.append(block(current, style: style, width: width, listDepth: listDepth))
            child = cmark_node_next(current)
        }
        return parts.joined()
    }

    /// One table cell's Markdown as styled text on one line.
    private static func inlineText(_ markdown: String, style: TerminalStyle) -> String {
        guard let document = markdown.withCString({ cmark_parse_document($0, markdown.utf8.count, CMARK_OPT_DEFAULT) }) else {
            return markdown
        }
        defer { cmark_node_free(document) }
        guard let paragraph = cmark_node_first_child(document) else { return "" }
        return inline(paragraph, style: style).replacingOccurrences(of: "\n", with: " ")
    }

    /// The inline content of a block as styled text.
    private static func inline(_ node: OpaquePointer, style: TerminalStyle) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE: out += literal
            case CMARK_NODE_CODE: out += style.cyan(literal)
            case CMARK_NODE_SOFTBREAK: out += " "
            case CMARK_NODE_LINEBREAK: out += "\n"
            case CMARK_NODE_EMPH: out += inline(current, style: style)
            case CMARK_NODE_STRONG: out += style.bold(inline(current, style: style))
            case CMARK_NODE_LINK:
                let text = inline(current, style: style)
                let url = cmark_node_get_url(current).map { String(cString: $0) } ?? ""
                out += url.isEmpty || url == text ? text : "\(text) <\(url)>"
            case CMARK_NODE_IMAGE:
                out += "[image: \(inline(current, style: style))]"
            default: out += inline(current, style: style)
            }
            child = cmark_node_next(current)
        }
        return out
    }

    /// Greedy word wrap; ANSI escapes do not count towards the width. A `±` stays on the
    /// line of the figure after it (`(± 0.039)` never breaks in two).
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph -> String in
            var lines: [String] = []
            var line = "", visible = 0
            for word in unbreakableRuns(paragraph) {
                let length = visibleLength(word)
                if visible > 0 && visible + 1 + length > width {
                    lines.append(line)
                    line = ""; visible = 0
                }
                if visible > 0 { line += " "; visible += 1 }
                line += word; visible += length
            }
            lines.append(line)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The paragraph's words, each word ending in `±` joined to the next by a space.
    private static func unbreakableRuns(_ paragraph: Substring) -> [Substring] {
        var runs: [Substring] = []
        for word in paragraph.split(separator: " ") {
            if let last = runs.last, last.hasSuffix("±") {
                runs[runs.count - 1] = Substring(last + " " + word)
            } else {
                runs.append(word)
            }
        }
        return runs
    }

    static func visibleLength<S: StringProtocol>(_ text: S) -> Int {
        var count = 0, inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true } else if inEscape { if character == "m" { inEscape = false } } else { count += 1 }
        }
        return count
    }
}
