/// A heatmap (confusion matrix): square cells coloured by value on the viridis scale with
/// the number written in each (dark text on light cells, light on dark), row labels on the
/// left, column labels below, and a colour bar on the right.
struct SVGHeatmap {
    let plot: Plot
    let rowLabels: [String]
    let columnLabels: [String]
    let values: [[Double]]

    func draw(into doc: inout SVGDocument, top: Double) -> String {
        let rowCount = max(rowLabels.count, values.count)
        let columnCount = max(columnLabels.count, values.map(\.count).max() ?? 0)
        guard rowCount > 0, columnCount > 0, let extent = FiniteExtent(values.joined()) else {
            doc.noData(top: top)
            return "Heatmap with no data."
        }
        func value(_ r: Int, _ c: Int) -> Double {
            r < values.count && c < values[r].count ? values[r][c] : .nan
        }
        func short(_ s: String) -> String { s.count > 18 ? String(s.prefix(15)) + "..." : s }
        let rowNames = (0..<rowCount).map { short($0 < rowLabels.count ? rowLabels[$0] : "\($0)") }
        let columnNames = (0..<columnCount).map { short($0 < columnLabels.count ? columnLabels[$0] : "\($0)") }
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: Array(values.joined()))

        let rowLabelRoom = 14 + (rowNames.map { SVGDocument.textWidth($0) }.max() ?? 0) + (plot.yLabel.isEmpty ? 0 : 20)
        var left = rowLabelRoom
        let colourBarRoom = 80.0
        let widestColumnName = columnNames.map { SVGDocument.textWidth($0) }.max() ?? 0
        // Column names run horizontally when they fit their cell, else slanted at 40 degrees.
        let availableWidth = doc.width - left - colourBarRoom
        let provisionalCell = availableWidth / Double(columnCount)
        let slanted = widestColumnName > provisionalCell - 4
        let columnLabelRoom = slanted ? widestColumnName * 0.65 + 18 : 22
        let bottom = doc.height - columnLabelRoom - (plot.xLabel.isEmpty ? 4 : 20)
        let cell = max(4, min(provisionalCell, (bottom - top) / Double(rowCount)))
        let gridWidth = cell * Double(columnCount), gridHeight = cell * Double(rowCount)
        // Centre the labels, grid and colour bar when the cells are limited by the height.
        left += max(0, (doc.width - rowLabelRoom - gridWidth - colourBarRoom) / 2)
        let yLabelX = left - rowLabelRoom + 14
        let gridBottom = top + gridHeight
        let fontSize = min(12, cell * 0.42)

        for r in 0..<rowCount {
            let y = top + Double(r) * cell
            doc.text(rowNames[r], x: left - 6, y: y + cell / 2 + 4, anchor: .end, fill: SVGStyle.label)
            for c in 0..<columnCount {
                let x = left + Double(c) * cell
                let v = value(r, c)
                guard v.isFinite else {
                    doc.rect(x, y, cell, cell, fill: SVGStyle.missing, stroke: "#ffffff")
                    doc.text("-", x: x + cell / 2, y: y + cell / 2 + fontSize * 0.35, anchor: .middle, size: fontSize, fill: SVGStyle.label)
                    continue
                }
                let colour = ColorMap.viridis(extent.fraction(v))
                doc.rect(x, y, cell, cell, fill: colour.hex, stroke: "#ffffff")
                if fontSize >= 6 {
                    doc.text(NumberFormat.fixed(v, decimals: decimals), x: x + cell / 2, y: y + cell / 2 + fontSize * 0.35,
                             anchor: .middle, size: fontSize, fill: colour.luminance > 0.35 ? "#111111" : "#ffffff")
                }
            }
        }
        for c in 0..<columnCount {
            let x = left + (Double(c) + 0.5) * cell
            if slanted {
                doc.text(columnNames[c], x: x + 4, y: gridBottom + 12, anchor: .end, fill: SVGStyle.label, rotate: -40)
            } else {
                doc.text(columnNames[c], x: x, y: gridBottom + 16, anchor: .middle, fill: SVGStyle.label)
            }
        }
        if !plot.xLabel.isEmpty {
            doc.text(plot.xLabel, x: left + gridWidth / 2, y: doc.height - 8, anchor: .middle, fill: SVGStyle.label, bold: true)
        }
        if !plot.yLabel.isEmpty {
            doc.text(plot.yLabel, x: yLabelX, y: top + gridHeight / 2, anchor: .middle, fill: SVGStyle.label, bold: true, rotate: -90)
        }
        doc.colorBar(x: left + gridWidth + 20, y0: top + 14, y1: gridBottom, lower: extent.lower, upper: extent.upper,
                     label: plot.valueLabel, decimals: decimals)
        return "Heatmap of \(rowCount) rows by \(columnCount) columns, values from \(NumberFormat.fixed(extent.lower, decimals: decimals)) to \(NumberFormat.fixed(extent.upper, decimals: decimals))."
    }
}
