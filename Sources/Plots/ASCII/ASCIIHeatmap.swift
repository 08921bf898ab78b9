/// A labelled grid of numbers (a confusion matrix) with each cell shaded by its value:
/// the space left of the number is filled with a ramp character, darker for larger values.
struct ASCIIHeatmap {
    let plot: Plot
    let rowLabels: [String]
    let columnLabels: [String]
    let values: [[Double]]
    let width: Int
    /// Lines for the whole heatmap when given; a heatmap with more rows than fit (or than
    /// 60 without it) is drawn shaded, without its numbers (`shadedLines`).
    let height: Int?

    func lines() -> [String] {
        let rowCount = max(rowLabels.count, values.count)
        let columnCount = max(columnLabels.count, values.map(\.count).max() ?? 0)
        guard rowCount > 0, columnCount > 0, let extent = FiniteExtent(values.joined()) else {
            return [noDataText]
        }
        func value(_ r: Int, _ c: Int) -> Double {
            r < values.count && c < values[r].count ? values[r][c] : .nan
        }
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: Array(values.joined()))
        func text(_ v: Double) -> String { v.isFinite ? NumberFormat.fixed(v, decimals: decimals) : "-" }
        let valueWidth = (0..<rowCount).flatMap { r in (0..<columnCount).map { text(value(r, $0)).count } }.max() ?? 1
        let rowNames = (0..<rowCount).map { $0 < rowLabels.count ? rowLabels[$0] : "\($0)" }
        let columnNames = (0..<columnCount).map { $0 < columnLabels.count ? columnLabels[$0] : "\($0)" }

        let labelWidth = min(max(rowNames.map(TerminalWidth.of).max() ?? 0, TerminalWidth.of(plot.yLabel)), max(6, width / 4))
        // A cell is at least two shade characters, a space and the number; wider when the
        // column names are longer, unless that would not fit the line.
        let minimumCell = valueWidth + 3
        let wanted = max(minimumCell, min(columnNames.map(TerminalWidth.of).max() ?? 0, 12))
        let available = width - labelWidth
        var cellWidth = wanted
        if labelWidth + columnCount * (cellWidth + 1) > width {
            cellWidth = max(minimumCell, available / columnCount - 1)
        }
        let shownColumns = min(columnCount, max(1, available / (cellWidth + 1)))
        // Lines besides the rows: x label, header, shade scale (two when wrapped), a note.
        // Numbers for at least half the columns are worth more than shades for all of them
        // (a confusion matrix in a narrow terminal); fewer, or too many rows, are shaded.
        let rowRoom = height.map { $0 - 5 } ?? 60
        if 2 * shownColumns < columnCount || rowCount > rowRoom {
            return shadedLines(rowNames: rowNames, columnNames: columnNames, extent: extent, decimals: decimals, rowRoom: rowRoom)
        }

        var out: [String] = []
        if !plot.xLabel.isEmpty {
            out.append(String(repeating: " ", count: labelWidth + 1)
                       + TextLayout.centered(plot.xLabel, width: shownColumns * (cellWidth + 1) - 1))
        }
        var header = TextLayout.padRight(TextLayout.fitted(plot.yLabel, width: labelWidth), labelWidth)
        for c in 0..<shownColumns {
            header += " " + TextLayout.padLeft(TextLayout.fitted(columnNames[c], width: cellWidth), cellWidth)
        }
        out.append(header)
        for r in 0..<rowCount {
            var line = TextLayout.padRight(TextLayout.fitted(rowNames[r], width: labelWidth), labelWidth)
            for c in 0..<shownColumns {
                let v = value(r, c)
                let number = text(v)
                let fill = v.isFinite ? TextLayout.shade(extent.fraction(v)) : " "
                line += " " + String(repeating: fill, count: cellWidth - number.count - 1) + " " + number
            }
            out.append(line)
        }
        out += TextLayout.shadeScale(lower: extent.lower, upper: extent.upper, decimals: decimals, unit: plot.valueLabel, width: width)
        if shownColumns < columnCount {
            out += TextLayout.wordWrapped("note: showing \(shownColumns) of \(columnCount) columns (too wide for \(width) characters)", width: width)
        }
        return out
    }
}
