/// A dense matrix drawn as an image: averaged down to at most 160 x 96 cells, quantised to
/// 64 viridis colours, and written as one path per colour whose horizontal strokes cover
/// runs of equal cells, which keeps a 128 x 400 spectrogram to at most about 150 kB (less
/// when smooth) without a PNG encoder. 160 x 96 cells is finer than the 2-3 pixels per cell
/// a 640 x 360 figure can show anyway. Row 0 is at the bottom.
struct SVGImage {
    let plot: Plot
    let values: [[Double]]
    let givenXRange: ClosedRange<Double>
    let givenYRange: ClosedRange<Double>

    static let maxColumns = 160
    static let maxRows = 96
    static let levels = 64

    func draw(into doc: inout SVGDocument, top: Double) -> String {
        guard let extent = FiniteExtent(values.joined()) else {
            doc.noData(top: top)
            return "Image with no data."
        }
        let xRange = FiniteExtent.finite(givenXRange, or: 0...Double(values.map(\.count).max() ?? 1))
        let yRange = FiniteExtent.finite(givenYRange, or: 0...Double(values.count))
        let grid = BlockMean.reduce(values, rows: Self.maxRows, columns: Self.maxColumns)
        let rows = grid.count, columns = grid.first?.count ?? 0
        let yTicks = NiceTicks.inside(yRange.lowerBound, yRange.upperBound, count: 6)
        // Row names label every row when no rows were averaged together and each is tall enough.
        let names = plot.imageRowNames.flatMap { names -> [String]? in
            names.count == values.count && rows == values.count && (doc.height - top - 42) / Double(rows) >= 10 ? names : nil
        }
        // Labels get at most two-fifths of the width (less the axis title): longer names are cut,
        // longer ticks drawn smaller (not so small that they leave the figure), so a narrow
        // figure keeps room for the image.
        let titleRoom = plot.yLabel.isEmpty ? 0.0 : 20
        let labelRoom = doc.width * 0.4 - 12 - titleRoom
        let nameLimit = min(16, max(4, SVGDocument.characters(fitting: labelRoom)))
        let shortNames = names?.map { SVGDocument.shortened($0, to: nameLimit) }
        let naturalLabelWidth = shortNames.map { $0.map { SVGDocument.textWidth($0) }.max() ?? 10 }
            ?? yTicks.values.map { SVGDocument.textWidth(NumberFormat.fixed($0, decimals: yTicks.decimals)) }.max() ?? 10
        let yLabelWidth = SVGDocument.leftAxisLabelWidth(natural: naturalLabelWidth, room: labelRoom, before: 6 + titleRoom)
        let left = 12 + yLabelWidth + titleRoom
        // The colour bar, 14 px right of the image, and its labels take the last 90 px, and
        // more where the labels need more even at 6 px (the image gives it).
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: [extent.lower, extent.upper])
        let right = doc.width - 90 - SVGDocument.colorBarShortfall(lower: extent.lower, upper: extent.upper, decimals: decimals,
                                                                   room: 90 - 14 - SVGDocument.colorBarLabelOffset)
        let bottom = doc.height - (plot.xLabel.isEmpty ? 26 : 42)
        let width = right - left, height = bottom - top
        guard width > 10, height > 10, rows > 0, columns > 0 else {
            doc.noData(top: top)
            return "Image too small to draw."
        }

        // Gaps (no finite value) show the grey background.
        doc.rect(left, top, width, height, fill: SVGStyle.missing)
        var paths = [String](repeating: "", count: Self.levels)
        for r in 0..<rows {
            let y = rows - 1 - r
            var c = 0
            while c < columns {
                let v = grid[r][c]
                guard v.isFinite else { c += 1; continue }
                let level = Self.level(extent.fraction(v))
                var end = c + 1
                while end < columns, grid[r][end].isFinite, Self.level(extent.fraction(grid[r][end])) == level { end += 1 }
                paths[level] += "M\(c) \(y)h\(end - c).05"  // a twentieth of a cell over the next run (below)
                c = end
            }
        }
        let sx = width / Double(columns), sy = height / Double(rows)
        // Strokes are one cell thick, centred on the cell's middle: shift by half a row so the
        // path can use whole-number rows. A twentieth of a cell thicker and longer, so
        // neighbouring cells overlap: scaled by a fraction of a pixel, edges that only touch leave hairline
        // seams in some renderers (and crispEdges, snapping each edge, made them worse).
        doc.raw("<g transform=\"translate(\(SVGDocument.n(left)) \(NumberFormat.compact(top + sy / 2, decimals: 2))) scale(\(NumberFormat.compact(sx, decimals: 4)) \(NumberFormat.compact(sy, decimals: 4)))\" fill=\"none\" stroke-width=\"1.05\">")
        for (level, d) in paths.enumerated() where !d.isEmpty {
            let colour = ColorMap.viridis((Double(level) + 0.5) / Double(Self.levels)).hex
            doc.raw("<path stroke=\"\(colour)\" d=\"\(d)\"/>")
        }
        doc.raw("</g>")

        if let shortNames {
            for (r, name) in shortNames.enumerated() {
                doc.text(name, x: left - 6, y: bottom - (Double(r) + 0.5) * sy + 4, anchor: .end, fill: SVGStyle.label)
            }
            doc.line(left, top, left, bottom, stroke: SVGStyle.axis)
        } else {
            doc.leftAxis(x: left, y0: top, y1: bottom, gridEnd: left, ticks: yTicks, labelRoom: yLabelWidth) { v in
                bottom - FiniteExtent.fraction(v, yRange.lowerBound, yRange.upperBound) * height
            }
        }
        let xTicks = SVGDocument.horizontalTicks(xRange.lowerBound, xRange.upperBound, covering: false, length: width,
                                                 start: left, figureWidth: doc.width)
        doc.bottomAxis(y: bottom, x0: left, x1: right, gridTop: bottom, ticks: xTicks) { v in
            left + FiniteExtent.fraction(v, xRange.lowerBound, xRange.upperBound) * width
        }
        if !plot.yLabel.isEmpty {
            doc.uprightLabelInside(plot.yLabel, x: 14, y: (top + bottom) / 2, fill: SVGStyle.label)
        }
        if !plot.xLabel.isEmpty {
            doc.labelInside(plot.xLabel, x: (left + right) / 2, y: doc.height - 8, anchor: .middle, fill: SVGStyle.label)
        }
        doc.colorBar(x: right + 14, y0: top + 14, y1: bottom, lower: extent.lower, upper: extent.upper,
                     label: plot.valueLabel, decimals: decimals)
        let sourceColumns = values.map(\.count).max() ?? 0
        return "Image of \(values.count) rows by \(sourceColumns) columns (drawn as \(rows) by \(columns)), values from \(NumberFormat.fixed(extent.lower, decimals: decimals)) to \(NumberFormat.fixed(extent.upper, decimals: decimals))."
    }

    static func level(_ fraction: Double) -> Int {
        guard fraction.isFinite else { return levels / 2 }
        return min(levels - 1, max(0, Int(fraction * Double(levels))))
    }
}
