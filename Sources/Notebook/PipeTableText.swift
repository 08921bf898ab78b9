/// A pipe table in a terminal (`notebook step`'s prose): aligned columns when they fit
/// the width, else one record per row (a `header: cell` line for each cell, those after
/// the first indented under it), which stays readable at 80 columns however wide the
/// table is.
extension PipeTable {
    /// The table as text lines; `inline` renders one cell's Markdown (possibly with ANSI
    /// styles, which do not count towards the width).
    func text(width: Int, inline: (String) -> String) -> String {
        let header = self.header.map(inline)
        let rows = self.rows.map { $0.map(inline) }
        var widths = header.map(ProseRenderer.visibleLength)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], ProseRenderer.visibleLength(cell)) }
        }
        let gap = 2
        guard widths.reduce(0, +) + gap * (widths.count - 1) <= width else { return records(header, rows, width: width) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - ProseRenderer.visibleLength(cell))
                switch alignments[column] {
                case .right: return padding + cell
                case .center:
                    let left = padding.count / 2
                    return String(padding.prefix(left)) + cell + String(padding.dropFirst(left))
                case .left, .none: return cell + padding
                }
            }.joined(separator: String(repeating: " ", count: gap)).trimmingTrailingSpaces()
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: gap))]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    private func records(_ header: [String], _ rows: [[String]], width: Int) -> String {
        let indent = "  "
        return rows.map { row -> String in
            var lines = [ProseRenderer.wrap(header[0].isEmpty ? row[0] : "\(header[0]): \(row[0])", width: width)]
            for column in row.indices.dropFirst() {
                let wrapped = ProseRenderer.wrap("\(header[column]): \(row[column])", width: width - indent.count)
                lines += wrapped.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }
}
