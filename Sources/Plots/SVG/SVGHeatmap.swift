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
        let titleRoom = plot.yLabel.isEmpty ? 0.0 : 20
        // Row names take at most 18 characters, fewer when they would take more than 30% of a
        // narrow figure; column names, slanted below the grid, also at most 35% of its height
        // (at 200 x 120 the grid and colour bar had negative sizes).
        let rowLimit = min(18, max(4, SVGDocument.characters(fitting: doc.width * 0.3 - 14 - titleRoom)))
        let slantedRoom = (doc.height - top - (plot.xLabel.isEmpty ? 4 : 20)) * 0.35
        let columnLimit = min(rowLimit, max(4, SVGDocument.characters(fitting: (slantedRoom - 18) / 0.65)))
        let rowNames = (0..<rowCount).map { SVGDocument.shortened($0 < rowLabels.count ? rowLabels[$0] : "\($0)", to: rowLimit) }
        let columnNames = (0..<columnCount).map { SVGDocument.shortened($0 < columnLabels.count ? columnLabels[$0] : "\($0)", to: columnLimit) }
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: Array(values.joined()))

        let rowLabelRoom = 14 + (rowNames.map { SVGDocument.textWidth($0) }.max() ?? 0) + titleRoom
        var left = rowLabelRoom
        let colourBarRoom = 80.0
        let widestColumnName = columnNames.map { SVGDocument.textWidth($0) }.max() ?? 0
        // Column names run horizontally when they fit their cell, else slanted at 40 degrees.
        let availableWidth = max(0, doc.width - left - colourBarRoom)
        let provisionalCell = availableWidth / Double(columnCount)
        let slanted = widestColumnName > provisionalCell - 4
        let columnLabelRoom = slanted ? widestColumnName * 0.65 + 18 : 22
        let bottom = doc.height - columnLabelRoom - (plot.xLabel.isEmpty ? 4 : 20)
        let availableHeight = max(0, bottom - top)
        var cell = min(provisionalCell, availableHeight / Double(rowCount))
        // Cells stay at least 4 px: more rows or columns than fit at that size (80 x 125 cells
        // ran off a 640 x 360 canvas) are averaged in blocks, as an image is.
        var grid = (0..<rowCount).map { r in (0..<columnCount).map { value(r, $0) } }
        if cell < Self.minimumCell {
            let fitRows = min(rowCount, max(1, Int(availableHeight / Self.minimumCell)))
            let fitColumns = min(columnCount, max(1, Int(availableWidth / Self.minimumCell)))
            grid = BlockMean.reduce(grid, rows: fitRows, columns: fitColumns)
            cell = min(availableWidth / Double(fitColumns), availableHeight / Double(fitRows))
        }
        let shownRows = grid.count, shownColumns = grid.first?.count ?? 0
        let gridWidth = cell * Double(shownColumns), gridHeight = cell * Double(shownRows)
        // Centre the labels, grid and colour bar when the cells are limited by the height.
        left += max(0, (doc.width - rowLabelRoom - gridWidth - colourBarRoom) / 2)
        let yLabelX = left - rowLabelRoom + 14
        let gridBottom = top + gridHeight
        let fontSize = min(12, cell * 0.42)

        // Names are placed by their own row or column (several share a cell once averaged)
        // and thinned to every k-th when closer than a line of text.
        let rowPitch = shownRows == rowCount ? cell : gridHeight / Double(rowCount)
        let columnPitch = shownColumns == columnCount ? cell : gridWidth / Double(columnCount)
        let rowStep = SVGDocument.labelStep(pitch: rowPitch, needed: 12)
        let columnStep = slanted ? SVGDocument.labelStep(pitch: columnPitch, needed: 18) : 1
        func rowName(_ r: Int) {
            let y = top + Double(r) * rowPitch
            doc.text(rowNames[r], x: left - 6, y: y + rowPitch / 2 + 4, anchor: .end, fill: SVGStyle.label)
        }
        for r in 0..<shownRows {
            let y = top + Double(r) * cell
            if shownRows == rowCount && r % rowStep == 0 { rowName(r) }
            for c in 0..<shownColumns {
                let x = left + Double(c) * cell
                let v = grid[r][c]
                guard v.isFinite else {
                    doc.rect(x, y, cell, cell, fill: SVGStyle.missing, stroke: "#ffffff")
                    if fontSize >= 6 {
                        doc.text("-", x: x + cell / 2, y: y + cell / 2 + fontSize * 0.35, anchor: .middle, size: fontSize, fill: SVGStyle.label)
                    }
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
        if shownRows < rowCount {
            for r in stride(from: 0, to: rowCount, by: rowStep) { rowName(r) }
        }
        for c in stride(from: 0, to: columnCount, by: columnStep) {
            let x = left + (Double(c) + 0.5) * columnPitch
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
        let averaged = shownRows < rowCount || shownColumns < columnCount ? " (averaged to \(shownRows) by \(shownColumns) cells)" : ""
        return "Heatmap of \(rowCount) rows by \(columnCount) columns\(averaged), values from \(NumberFormat.fixed(extent.lower, decimals: decimals)) to \(NumberFormat.fixed(extent.upper, decimals: decimals))."
    }

    /// The smallest cell drawn: below it, cells are averaged in blocks.
    static let minimumCell = 4.0
}
