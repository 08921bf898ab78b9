/// A line chart drawn with one marker character per series, a y axis with tick labels on
/// the left, an x axis with tick labels below, and a legend.
struct ASCIILineChart {
    let plot: Plot
    let series: [Plot.Series]
    let width: Int
    let height: Int?

    /// Marker characters, one per series in order (repeating after the last).
    static let markers: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]

    func lines() -> [String] {
        let legendItems = series.enumerated().map { index, s in
            "\(Self.markers[index % Self.markers.count]) \(s.name.isEmpty ? "series \(index + 1)" : s.name)"
        }
        // Fixed lines around the plotting rows: y label, x axis, x tick labels, x label, legend.
        let axes = (plot.yLabel.isEmpty ? 0 : 1) + 2 + (plot.xLabel.isEmpty ? 0 : 1)
        // The legend keeps to a third of the lines (of the whole chart when no height is
        // given), as the SVG legend keeps to a third of the room, its last line ending in
        // "and N more": 300 series printed a 60-line legend under a chart given 24 lines.
        let legendLines = height.map { $0 / 3 } ?? (axes + 18) / 2
        let showLegend = series.count > 1 || series.contains { !$0.name.isEmpty }
        let legend = showLegend ? TextLayout.wrapped(legendItems, separator: "   ", width: width, indent: "  ", maxLines: legendLines) : []
        let fixed = axes + legend.count
        let rows = max(3, (height ?? (fixed + 18)) - fixed)

        // The y tick labels decide the left margin, which decides the columns; the x ticks
        // depend on the columns, so they are recomputed once the columns are known.
        let yTickCount = max(2, rows / 4 + 1)
        guard let first = LineChartModel(series: series, yRange: plot.yRange, xTickCount: 5, yTickCount: yTickCount) else {
            return [noDataText]
        }
        // Tick labels take at most a third of the line, cut with "~" beyond it: 24-character
        // ticks (1e-300 apart) left no room for the chart in 24 columns.
        let fullLabels = first.yTicks.values.map { NumberFormat.fixed($0, decimals: first.yTicks.decimals) }
        let margin = min((fullLabels.map(\.count).max() ?? 1) + 1, max(7, width / 3))
        let yLabels = fullLabels.map { TextLayout.fitted($0, width: margin - 1) }
        let axisColumn = margin
        let columns = max(8, width - margin - 3)
        let xTickCount = max(2, columns / 12 + 1)
        var model = first
        model.xTicks = model.wholeWhereNeeded(NiceTicks.inside(model.xLower, model.xUpper, count: xTickCount))

        // Fractional cell coordinates: column 0 is the first data column, row 0 the top.
        func column(_ x: Double) -> Double { model.xFraction(x) * Double(columns - 1) }
        func row(_ y: Double) -> Double { (1 - model.yFraction(y)) * Double(rows - 1) }

        var canvas = TextCanvas(width: width, height: rows)
        for r in 0..<rows { canvas[r, axisColumn] = "|" }
        for (value, label) in zip(model.yTicks.values, yLabels) {
            let r = Int(row(value).rounded())
            guard r >= 0 && r < rows else { continue }
            canvas.write(TextLayout.padLeft(label, margin - 1), row: r, column: 0)
            canvas[r, axisColumn] = "+"
        }
        for (index, line) in model.lines.enumerated() {
            let marker = Self.markers[index % Self.markers.count]
            for run in line.runs {
                var previous: (Double, Double)?
                // Half a column shift makes the envelope's buckets the rounded columns.
                let cells = Decimation.thinned(run.map { (column($0.x) + 0.5, row($0.y)) }, columns: columns)
                for cell in cells {
                    let here = (cell.0 - 0.5, cell.1)
                    plotSegment(from: previous ?? here, to: here, marker: marker, columnOffset: axisColumn + 1, rows: rows, canvas: &canvas)
                    previous = here
                }
            }
        }

        var out: [String] = []
        if !plot.yLabel.isEmpty { out.append(TextLayout.fitted(plot.yLabel, width: width)) }
        out += canvas.lines

        let xTicks = model.xTicks.values.map { value in
            (column: Int(column(value).rounded()), label: NumberFormat.fixed(value, decimals: model.xTicks.decimals))
        }
        out += ASCIIXAxis.lines(ticks: xTicks, axisColumn: axisColumn, columns: columns, width: width, title: plot.xLabel)
        out += legend
        out += model.notes.flatMap { TextLayout.wordWrapped($0, width: width) }
        return out
    }

    /// Marks the cells on the straight line between two points (both ends included), so
    /// steep and sparse lines stay connected. The segment is first clipped to the rows (a
    /// fixed `yRange` may cut a line, and a far outlier must not make the loop huge).
    private func plotSegment(from a: (Double, Double), to b: (Double, Double), marker: Character,
                             columnOffset: Int, rows: Int, canvas: inout TextCanvas) {
        guard a.0.isFinite, a.1.isFinite, b.0.isFinite, b.1.isFinite,
              let (p, q) = Self.clipped(a, b, rows: rows) else { return }
        let steps = Int(min(max(abs(q.0 - p.0), abs(q.1 - p.1)), 100_000).rounded(.up))
        for k in 0...max(steps, 0) {
            let t = steps == 0 ? 1 : Double(k) / Double(steps)
            let c = Int((p.0 + (q.0 - p.0) * t).rounded())
            let r = Int((p.1 + (q.1 - p.1) * t).rounded())
            guard r >= 0 && r < rows else { continue }
            canvas[r, columnOffset + c] = marker
        }
    }

    /// The part of segment a-b whose row coordinate rounds into 0..<rows (columns are
    /// always inside, the x axis fits the data); `nil` when none of it does.
    static func clipped(_ a: (Double, Double), _ b: (Double, Double), rows: Int) -> ((Double, Double), (Double, Double))? {
        // Just inside the half-row margins, so that a cut end still rounds onto the edge row.
        let topRow = -0.49, bottomRow = Double(rows) - 0.51
        var t0 = 0.0, t1 = 1.0
        let dr = b.1 - a.1
        // Liang-Barsky for the two horizontal edges.
        for (p, q) in [(-dr, a.1 - topRow), (dr, bottomRow - a.1)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            }
        }
        guard t0 <= t1, t0.isFinite, t1.isFinite else { return nil }
        // A cut end is put exactly on its edge: interpolating the row from a far outlier
        // (1e300) would lose every digit to cancellation.
        let entryRow = dr > 0 ? topRow : bottomRow, exitRow = dr > 0 ? bottomRow : topRow
        let start = t0 > 0 ? (a.0 + (b.0 - a.0) * t0, entryRow) : a
        let end = t1 < 1 ? (a.0 + (b.0 - a.0) * t1, exitRow) : b
        return (start, end)
    }
}
