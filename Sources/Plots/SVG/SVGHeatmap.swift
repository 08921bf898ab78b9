/// A heatmap (confusion matrix): square cells coloured by value on the viridis scale with
/// the number written in each where it fits (dark text on light cells, light on dark;
/// else the number is the cell's tooltip), row labels on the left, column labels below,
/// and a colour bar on the right.
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
        func geometry(colourBarRoom: Double) -> SVGHeatmapGeometry {
            SVGHeatmapGeometry(figureWidth: doc.width, figureHeight: doc.height, top: top, rows: rowCount, columns: columnCount,
                               rowLabelRoom: rowLabelRoom, widestColumnName: columnNames.map { SVGDocument.textWidth($0) }.max() ?? 0,
                               xLabelRoom: plot.xLabel.isEmpty ? 4 : 20, colourBarRoom: colourBarRoom)
        }
        var layout = geometry(colourBarRoom: 80)
        // The colour bar's labels start 40 px right of the grid. Where even at 6 px they would
        // run past the figure, the grid gives up twice what they lack: when the height limits
        // the cells, half of what it gives goes to centring it.
        let shortfall = SVGDocument.colorBarShortfall(lower: extent.lower, upper: extent.upper, decimals: decimals,
                                                      room: doc.width - layout.left - layout.gridWidth - 40)
        if shortfall > 0 { layout = geometry(colourBarRoom: 80 + 2 * shortfall) }
        let left = layout.left, cell = layout.cell, slanted = layout.slanted
        var grid = (0..<rowCount).map { r in (0..<columnCount).map { value(r, $0) } }
        if layout.averaged { grid = BlockMean.reduce(grid, rows: layout.shownRows, columns: layout.shownColumns) }
        let shownRows = grid.count, shownColumns = grid.first?.count ?? 0
        let gridWidth = cell * Double(shownColumns), gridHeight = cell * Double(shownRows)
        let yLabelX = left - rowLabelRoom + 14
        let gridBottom = top + gridHeight
        let numbers = grid.map { $0.map { $0.isFinite ? NumberFormat.fixed($0, decimals: decimals) : "-" } }
        let fontSize = SVGDocument.cellNumberSize(numbers, cell: cell)

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
                // A number that would be wider than its cell even at 6 px is left out, as
                // all are in cells under 14 px; the colour still gives it, and the cell's
                // <title> (a tooltip) gives the number. Averaged blocks get none: theirs
                // would be a mean, not a value of the matrix.
                let written = SVGDocument.cellNumberFits(numbers[r][c], cell: cell, size: fontSize)
                guard v.isFinite else {
                    doc.rect(x, y, cell, cell, fill: SVGStyle.missing, stroke: "#ffffff")
                    if written {
                        doc.text("-", x: x + cell / 2, y: y + cell / 2 + fontSize * 0.35, anchor: .middle, size: fontSize, fill: SVGStyle.label)
                    }
                    continue
                }
                let colour = ColorMap.viridis(extent.fraction(v))
                doc.rect(x, y, cell, cell, fill: colour.hex, stroke: "#ffffff", title: written || layout.averaged ? nil : numbers[r][c])
                if written {
                    doc.text(numbers[r][c], x: x + cell / 2, y: y + cell / 2 + fontSize * 0.35,
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
                guard let name = SVGDocument.slantedName(columnNames[c], endingAt: x + 4) else { continue }
                doc.text(name.text, x: x + 4, y: gridBottom + 12, anchor: .end, size: name.size, fill: SVGStyle.label, rotate: -40)
            } else {
                doc.text(columnNames[c], x: x, y: gridBottom + 16, anchor: .middle, fill: SVGStyle.label)
            }
        }
        if !plot.xLabel.isEmpty {
            doc.labelInside(plot.xLabel, x: left + gridWidth / 2, y: doc.height - 8, anchor: .middle, fill: SVGStyle.label, bold: true)
        }
        if !plot.yLabel.isEmpty {
            doc.uprightLabelInside(plot.yLabel, x: yLabelX, y: top + gridHeight / 2, fill: SVGStyle.label, bold: true)
        }
        doc.colorBar(x: left + gridWidth + 20, y0: top + 14, y1: gridBottom, lower: extent.lower, upper: extent.upper,
                     label: plot.valueLabel, decimals: decimals)
        let averaged = shownRows < rowCount || shownColumns < columnCount ? " (averaged to \(shownRows) by \(shownColumns) cells)" : ""
        return "Heatmap of \(rowCount) rows by \(columnCount) columns\(averaged), values from \(NumberFormat.fixed(extent.lower, decimals: decimals)) to \(NumberFormat.fixed(extent.upper, decimals: decimals))."
    }

    /// The smallest cell drawn: below it, cells are averaged in blocks.
    static let minimumCell = 4.0
}
