/// Text cut into screens, for `notebook step`: a step's prose and code, or a lesson's
/// closing prose, taller than the terminal would scroll its start out of sight before
/// the reader got to it (si_lstm's longest step brings about 70 rows, its closing prose
/// about 150; a terminal shows 24 to 50).
public enum TerminalPages {
    /// `text`'s lines in pages of at most `height` rows of a terminal `columns` wide, in
    /// order; the pages joined with newlines give `text` back. A line longer than the
    /// terminal takes a row for each `columns` characters it spans, and a line that
    /// alone is taller than `height` is a page of its own. A page that is full ends after
    /// its last blank line when that lies in its second half, so that a paragraph or a
    /// step's code moves whole to the next page rather than being cut. Blank lines at the
    /// end of `text` (rendered prose ends with one) stay on the last page, which would
    /// otherwise be a screen of nothing.
    public static func pages(_ text: String, height: Int, columns: Int) -> [String] {
        let height = max(1, height), columns = max(1, columns)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var trailing: [Substring] = []
        while lines.count > 1, let last = lines.last, isBlank(last) { trailing.insert(lines.removeLast(), at: 0) }
        var pages: [String] = []
        var page: [(line: Substring, rows: Int)] = [], pageRows = 0
        for line in lines {
            let lineRows = rows(of: line, columns: columns)
            while !page.isEmpty, pageRows + lineRows > height {
                let blank = page.lastIndex { isBlank($0.line) }
                let end = blank.map { $0 >= page.count / 2 ? $0 + 1 : page.count } ?? page.count
                pages.append(page[..<end].map(\.line).joined(separator: "\n"))
                pageRows -= page[..<end].reduce(0) { $0 + $1.rows }
                page.removeFirst(end)
            }
            page.append((line, lineRows))
            pageRows += lineRows
        }
        pages.append((page.map(\.line) + trailing).joined(separator: "\n"))
        return pages
    }

    /// Whether `line` shows nothing but spaces.
    private static func isBlank(_ line: Substring) -> Bool { shown(line).allSatisfy(\.isWhitespace) }

    /// The terminal rows `line` (no newline in it) takes: one for each `columns`
    /// characters shown, at least one. Escape sequences (the styles) show nothing.
    public static func rows(of line: Substring, columns: Int) -> Int {
        max(1, (shown(line).count + columns - 1) / columns)
    }

    /// What the terminal shows of `line`: the line without its escape sequences.
    private static func shown(_ line: Substring) -> Substring {
        line.contains("\u{1B}") ? Substring(TerminalText.withoutEscapes(String(line))) : line
    }
}
