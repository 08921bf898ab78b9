internal import CCmark
import Foundation

/// A GitHub-style pipe table (`| a | b |` / `|---|--:|` / rows), which the lessons' Markdown
/// uses and cmark (CommonMark, no extensions) reads as a plain paragraph. `ProseHTML` (the
/// site) and `ProseRenderer` (the terminal) ask this type whether a top-level paragraph is
/// such a table; cell contents are still rendered by cmark, so they stay CommonMark and safe.
///
/// Rules (those of GitHub's spec that matter here): the first line is the header row, the
/// second the delimiter row with one `---` cell (optionally `:` on either side for the
/// alignment) per header cell; every further line is a row, padded or cut to the header's
/// width; `\|` is a pipe inside a cell.
struct PipeTable: Equatable {
    enum Alignment: Equatable { case none, left, center, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    init?(lines: [Substring]) {
        guard lines.count >= 2, lines.allSatisfy({ $0.contains("|") }) else { return nil }
        let header = Self.cells(lines[0])
        let delimiters = Self.cells(lines[1])
        guard !header.isEmpty, delimiters.count == header.count else { return nil }
        var alignments: [Alignment] = []
        for cell in delimiters {
            let dashes = cell.trimmingCharacters(in: [":"])
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
            case (true, true): alignments.append(.center)
            case (true, false): alignments.append(.left)
            case (false, true): alignments.append(.right)
            case (false, false): alignments.append(.none)
            }
        }
        self.header = header
        self.alignments = alignments
        self.rows = lines.dropFirst(2).map { line in
            let cells = Self.cells(line)
            return Array((cells + Array(repeating: "", count: max(0, header.count - cells.count))).prefix(header.count))
        }
    }

    /// The table a top-level cmark paragraph of `markdown` is written as, if it is one.
    init?(paragraph: OpaquePointer, in markdown: String) {
        let first = Int(cmark_node_get_start_line(paragraph)), last = Int(cmark_node_get_end_line(paragraph))
        guard first >= 1, last > first else { return nil }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard last <= lines.count else { return nil }
        self.init(lines: Array(lines[(first - 1)..<last]))
    }

    /// The cells of one row: split at unescaped pipes, the outer pipes dropped, trimmed.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line.trimmingCharacters(in: .whitespaces) {
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current)
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("|") { cells.removeFirst() }
        if trimmed.hasSuffix("|") && !trimmed.hasSuffix("\\|") && !cells.isEmpty { cells.removeLast() }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The table as HTML; `inline` renders one cell's Markdown.
    func html(inline: (String) -> String) -> String {
        func attributes(_ column: Int) -> String {
            switch alignments[column] {
            case .none: return ""
            case .left: return " style=\"text-align:left\""
            case .center: return " style=\"text-align:center\""
            case .right: return " class=\"num\""
            }
        }
        var out = "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for (column, cell) in header.enumerated() { out += "<th\(attributes(column))>" + inline(cell) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (column, cell) in row.enumerated() { out += "<td\(attributes(column))>" + inline(cell) + "</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
