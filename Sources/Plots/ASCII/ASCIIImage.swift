/// A dense matrix (a spectrogram, a chromagram) drawn as shade characters, averaged down to
/// fit the terminal, with y (row 0 at the bottom) and x axes labelled from their ranges.
struct ASCIIImage {
    let plot: Plot
    let values: [[Double]]
    let givenXRange: ClosedRange<Double>
    let givenYRange: ClosedRange<Double>
    let width: Int
    let height: Int?

    func lines() -> [String] {
        guard let extent = FiniteExtent(values.joined()) else { return [noDataText] }
        let xRange = FiniteExtent.finite(givenXRange, or: 0...Double(values.map(\.count).max() ?? 1))
        let yRange = FiniteExtent.finite(givenYRange, or: 0...Double(values.count))
        let fixed = (plot.yLabel.isEmpty ? 0 : 1) + 2 + (plot.xLabel.isEmpty ? 0 : 1) + 1
        let rows = min(values.count, max(2, (height ?? (fixed + 16)) - fixed))
        // Row names label every row when each source row gets its own line.
        let names = plot.imageRowNames.flatMap { $0.count == values.count && rows == values.count ? $0 : nil }

        let yTicks = NiceTicks.inside(yRange.lowerBound, yRange.upperBound, count: max(2, rows / 4 + 1))
        let yLabels = yTicks.values.map { NumberFormat.fixed($0, decimals: yTicks.decimals) }
        let margin = min(width / 4, ((names ?? yLabels).map(TerminalWidth.of).max() ?? 1)) + 1
        let columns = min(values.map(\.count).max() ?? 0, max(8, width - margin - 3))
        // Row 0 of the data is the bottom; the canvas draws top down.
        let grid = BlockMean.reduce(values, rows: rows, columns: columns)
        let shownRows = grid.count, shownColumns = grid.first?.count ?? 0

        var canvas = TextCanvas(width: width, height: shownRows)
        for r in 0..<shownRows { canvas[r, margin] = "|" }
        for (r, name) in (names ?? []).reversed().enumerated() {
            canvas.write(TextLayout.padLeft(TextLayout.fitted(name, width: margin - 1), margin - 1), row: r, column: 0)
        }
        for (value, label) in zip(yTicks.values, yLabels) where names == nil {
            // The row whose band contains the tick (top row holds the upper end).
            let fraction = 1 - FiniteExtent.fraction(value, yRange.lowerBound, yRange.upperBound)
            let r = min(shownRows - 1, max(0, Int(fraction * Double(shownRows))))
            canvas.write(TextLayout.padLeft(TextLayout.fitted(label, width: margin - 1), margin - 1), row: r, column: 0)
            canvas[r, margin] = "+"
        }
        var gaps = false
        for r in 0..<shownRows {
            let source = grid[shownRows - 1 - r]
            for c in 0..<shownColumns {
                let v = source[c]
                if !v.isFinite { gaps = true }
                canvas[r, margin + 1 + c] = v.isFinite ? TextLayout.shade(extent.fraction(v)) : "?"
            }
        }

        var out: [String] = []
        if !plot.yLabel.isEmpty { out.append(TextLayout.fitted(plot.yLabel, width: width)) }
        out += canvas.lines
        let xTicks = NiceTicks.inside(xRange.lowerBound, xRange.upperBound, count: max(2, shownColumns / 12 + 1))
        let tickColumns = xTicks.values.map { value in
            let fraction = FiniteExtent.fraction(value, xRange.lowerBound, xRange.upperBound)
            return (column: min(shownColumns - 1, max(0, Int(fraction * Double(shownColumns)))),
                    label: NumberFormat.fixed(value, decimals: xTicks.decimals))
        }
        out += ASCIIXAxis.lines(ticks: tickColumns, axisColumn: margin, columns: shownColumns, width: width, title: plot.xLabel)
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: [extent.lower, extent.upper])
        let sourceColumns = values.map(\.count).max() ?? 0
        var after = gaps ? ", ? = no value" : ""
        if shownRows < values.count || shownColumns < sourceColumns {
            // Said in words: "64x100 averaged to 16x73" read as debug output to a first-time reader.
            after += "; \(values.count) x \(sourceColumns) values averaged into \(shownRows) x \(shownColumns) characters"
        }
        out += TextLayout.shadeScale(lower: extent.lower, upper: extent.upper, decimals: decimals, unit: plot.valueLabel,
                                     after: after, width: width)
        return out
    }
}
