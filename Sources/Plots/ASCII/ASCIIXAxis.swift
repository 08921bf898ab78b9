/// The bottom axis of a terminal chart: a line of dashes with '+' at each tick, the tick
/// labels centred under their ticks (a label that would overlap its left neighbour is
/// dropped), and the axis title centred under the chart.
enum ASCIIXAxis {
    /// - Parameters:
    ///   - ticks: each tick's chart column (0 is the first data column) and label.
    ///   - axisColumn: the column of the y axis; data columns start right after it.
    static func lines(ticks: [(column: Int, label: String)], axisColumn: Int, columns: Int,
                      width: Int, title: String) -> [String] {
        var axis = [Character](repeating: "-", count: columns + 1)
        axis[0] = "+"
        var labelLine = TextCanvas(width: width, height: 1)
        var nextFree = 0
        for (c, fullLabel) in ticks where c >= 0 && c < columns {
            axis[c + 1] = "+"
            // A label longer than the line would start before column 0.
            let label = TextLayout.fitted(fullLabel, width: width)
            let columnsTaken = TerminalWidth.of(label)
            let start = min(max(axisColumn + 1 + c - columnsTaken / 2, 0), width - columnsTaken)
            guard start >= nextFree else { continue }
            labelLine.write(label, row: 0, column: start)
            nextFree = start + columnsTaken + 1
        }
        var out = [String(repeating: " ", count: axisColumn) + String(axis), labelLine.lines[0]]
        if !title.isEmpty {
            out.append(String(repeating: " ", count: axisColumn + 1) + TextLayout.centered(title, width: columns))
        }
        return out
    }
}
