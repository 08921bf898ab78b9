/// The form of a terminal heatmap too large to print its numbers: one shade character a
/// cell (two when there is room), blocks of cells averaged when even that does not fit
/// (before, an 80 x 125 matrix printed 80 lines showing 9 of its 125 columns), every row
/// name and as many column names as fit on an axis below.
extension ASCIIHeatmap {
    func shadedLines(rowNames: [String], columnNames: [String], extent: FiniteExtent, decimals: Int, rowRoom: Int) -> [String] {
        let rowCount = rowNames.count, columnCount = columnNames.count
        let labelWidth = min(max(rowNames.map(TerminalWidth.of).max() ?? 0, TerminalWidth.of(plot.yLabel)), max(6, width / 4))
        // Name, the axis, the cells.
        let available = max(1, width - labelWidth - 1)
        let cellWidth = 2 * columnCount <= available ? 2 : 1
        // Lines besides the rows: y label, x axis, column names, x label, scale and note.
        let rows = min(rowCount, max(2, rowRoom - 2))
        let padded = (0..<rowCount).map { r in
            (0..<columnCount).map { c in r < values.count && c < values[r].count ? values[r][c] : Double.nan }
        }
        let grid = BlockMean.reduce(padded, rows: rows, columns: min(columnCount, available / cellWidth))
        let shownRows = grid.count, shownColumns = grid.first?.count ?? 0

        var out: [String] = []
        if !plot.yLabel.isEmpty { out.append(TextLayout.fitted(plot.yLabel, width: width)) }
        var gaps = false
        for r in 0..<shownRows {
            // A line of averaged rows is named by its first row.
            let name = rowNames[r * rowCount / shownRows]
            var line = TextLayout.padRight(TextLayout.fitted(name, width: labelWidth), labelWidth) + "|"
            for v in grid[r] {
                if !v.isFinite { gaps = true }
                line += String(repeating: v.isFinite ? TextLayout.shade(extent.fraction(v)) : "?", count: cellWidth)
            }
            out.append(line)
        }
        let chartColumns = shownColumns * cellWidth
        // Each column's name under its middle; ASCIIXAxis drops a name that would overlap the last.
        let ticks = (0..<columnCount).map { c in
            (column: Int((Double(c) + 0.5) * Double(chartColumns) / Double(columnCount)), label: TextLayout.fitted(columnNames[c], width: 8))
        }
        out += ASCIIXAxis.lines(ticks: ticks, axisColumn: labelWidth, columns: chartColumns, width: width, title: plot.xLabel)
        out += TextLayout.shadeScale(lower: extent.lower, upper: extent.upper, decimals: decimals, unit: plot.valueLabel,
                                     after: gaps ? ", ? = no value" : "", width: width)
        var note = "note: \(rowCount)x\(columnCount) cells shaded without their values (too many for \(width) characters"
        note += height == nil ? ")" : " by \(height ?? 0) lines)"
        if shownRows < rowCount || shownColumns < columnCount { note += ", averaged to \(shownRows)x\(shownColumns)" }
        out += TextLayout.wordWrapped(note, width: width)
        return out
    }
}
