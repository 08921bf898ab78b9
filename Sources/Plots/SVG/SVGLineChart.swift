/// A line chart: one coloured, dashed-per-series path for each run of finite points, point
/// markers when points are few, a legend row under the title, grid lines at the y ticks.
struct SVGLineChart {
    let plot: Plot
    let series: [Plot.Series]

    /// Returns a one-sentence description for the `<desc>` element.
    func draw(into doc: inout SVGDocument, top: Double) -> String {
        var top = top
        let names = series.enumerated().map { $1.name.isEmpty ? "series \($0 + 1)" : $1.name }
        if series.count > 1 || series.contains(where: { !$0.name.isEmpty }) {
            top = legend(names, into: &doc, top: top)
        }
        let bottom = doc.height - (plot.xLabel.isEmpty ? 26 : 42)
        let plotHeight = bottom - top
        guard let probe = LineChartModel(series: series, yRange: plot.yRange, xTickCount: 5,
                                         yTickCount: max(2, Int(plotHeight / 45) + 1)) else {
            doc.noData(top: top)
            return "Line chart with no data."
        }
        // A title, legend and axis title leave 20 px of a 120 px figure; below 10 px there is
        // no chart to draw, which is not the same as no data (it said so before).
        guard plotHeight >= 10 else {
            return "Line chart of \(names.joined(separator: ", ")), too small to draw at \(SVGDocument.n(doc.width)) x \(SVGDocument.n(doc.height)) px."
        }
        let yLabels = probe.yTicks.values.map { NumberFormat.fixed($0, decimals: probe.yTicks.decimals) }
        // Tick labels get at most two-fifths of the width (less the axis title); longer ones are
        // drawn smaller (at 200 px, 20-character ticks left the plot a negative width), but
        // not so small that they leave the figure.
        let titleRoom = plot.yLabel.isEmpty ? 0.0 : 20
        let labelWidth = SVGDocument.leftAxisLabelWidth(natural: yLabels.map { SVGDocument.textWidth($0) }.max() ?? 10,
                                                        room: doc.width * 0.4 - 12 - titleRoom, before: 6 + titleRoom)
        let left = 12 + labelWidth + titleRoom
        let right = doc.width - 16
        let plotWidth = right - left
        var model = probe
        model.xTicks = model.wholeWhereNeeded(SVGDocument.horizontalTicks(model.xLower, model.xUpper, covering: false,
                                                                          length: plotWidth, start: left, figureWidth: doc.width))
        // Far outliers beyond a fixed yRange are pulled in to just outside the clip area, so
        // coordinates stay printable (no "1e+300" in a path) and the line leaves at the right angle
        // closely enough.
        func px(_ x: Double) -> Double { left + model.xFraction(x) * plotWidth }
        func py(_ y: Double) -> Double { bottom - min(max(model.yFraction(y), -1000), 1000) * plotHeight }

        doc.leftAxis(x: left, y0: top, y1: bottom, gridEnd: right, ticks: model.yTicks, labelRoom: labelWidth, position: py)
        doc.bottomAxis(y: bottom, x0: left, x1: right, gridTop: bottom, ticks: model.xTicks, position: px)
        if !plot.yLabel.isEmpty {
            doc.uprightLabelInside(plot.yLabel, x: 14, y: (top + bottom) / 2, fill: SVGStyle.label)
        }
        if !plot.xLabel.isEmpty {
            doc.labelInside(plot.xLabel, x: (left + right) / 2, y: doc.height - 8, anchor: .middle, fill: SVGStyle.label)
        }

        // A nested <svg> clips lines to the plot area (a fixed yRange may cut them) without
        // needing a clipPath id; a few pixels of slack keep edge markers whole.
        let pad = 4.0
        doc.raw("<svg x=\"\(SVGDocument.n(left - pad))\" y=\"\(SVGDocument.n(top - pad))\" width=\"\(SVGDocument.n(plotWidth + 2 * pad))\" height=\"\(SVGDocument.n(plotHeight + 2 * pad))\" viewBox=\"\(SVGDocument.n(left - pad)) \(SVGDocument.n(top - pad)) \(SVGDocument.n(plotWidth + 2 * pad)) \(SVGDocument.n(plotHeight + 2 * pad))\" overflow=\"hidden\">")
        for (index, line) in model.lines.enumerated() {
            let colour = ColorMap.series[index % ColorMap.series.count].hex
            let dash = SVGStyle.dash(forSeries: index)
            let pointCount = line.runs.reduce(0) { $0 + $1.count }
            for run in line.runs {
                let pixels = Decimation.thinned(run.map { (px($0.x), py($0.y)) }, columns: Int(plotWidth))
                if pixels.count > 1 {
                    let d = pixels.enumerated().map { k, p in
                        (k == 0 ? "M" : "L") + SVGDocument.n(p.0) + " " + SVGDocument.n(p.1)
                    }.joined(separator: " ")
                    var path = "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\""
                    if let dash { path += " stroke-dasharray=\"\(dash)\"" }
                    doc.raw(path + "/>")
                }
                // Markers show individual points when there are few, and isolated points always.
                if pointCount <= 60 || pixels.count == 1 {
                    for p in pixels {
                        doc.raw("<circle cx=\"\(SVGDocument.n(p.0))\" cy=\"\(SVGDocument.n(p.1))\" r=\"2.5\" fill=\"\(colour)\"/>")
                    }
                }
            }
        }
        doc.raw("</svg>")
        var notes = model.notes
        if !notes.isEmpty {
            notes = [notes.joined(separator: "; ")]
            // Within the plot's width; the <desc> below says it whole.
            doc.labelInside(notes[0], x: left + 4, y: top + 12, size: 10, fill: "#aa0000", between: left + 4, doc.width)
        }
        // Whole-number ticks say nothing of the ends' decimals (one epoch: 0.9 to 1.1).
        let decimals = model.xIsWhole ? NumberFormat.decimals(forValues: [model.xLower, model.xUpper]) : model.xTicks.decimals
        let xText = "x from \(NumberFormat.fixed(model.xLower, decimals: decimals)) to \(NumberFormat.fixed(model.xUpper, decimals: decimals))"
        return "Line chart of \(names.joined(separator: ", ")); \(xText)." + (notes.first.map { " " + $0 } ?? "")
    }

    /// Draws the legend as rows of (line sample, name) items under the title; returns the
    /// new top of the plot area. The rows take at most a third of the room below the title,
    /// the last ending in "and N more" (100 series took the whole figure, and the chart said
    /// it had no data).
    private func legend(_ names: [String], into doc: inout SVGDocument, top: Double) -> Double {
        let rows = max(1, Int((doc.height - top) / 3 / 18))
        let lastRow = top + 8 + 18 * Double(rows - 1)
        var items: [(label: String, x: Double, y: Double)] = []
        var x = 16.0, y = top + 8
        for name in names {
            let room = SVGDocument.characters(fitting: doc.width - 32 - 46)
            let label = SVGDocument.shortened(name, to: min(40, max(4, room)))
            let itemWidth = 30 + SVGDocument.textWidth(label) + 16
            if x > 16 && x + itemWidth > doc.width - 16 {
                if y >= lastRow { break }
                x = 16
                y += 18
            }
            items.append((label, x, y))
            x += itemWidth
        }
        // "and N more" follows the last item shown; where it would run off the figure, the
        // items before it on its row make way, one at a time (at 240 px, 300 series ended
        // the legend in "and 296 more" 62 px past the right edge).
        func more(_ shown: Int) -> String { "and \(names.count - shown) more" }
        if items.count < names.count && x + SVGDocument.textWidth(more(items.count), size: 11) > doc.width {
            while let last = items.last, last.y == y, x + SVGDocument.textWidth(more(items.count), size: 11) > doc.width - 16 {
                items.removeLast()
                x = last.x
            }
        }
        for (index, item) in items.enumerated() {
            let colour = ColorMap.series[index % ColorMap.series.count].hex
            doc.line(item.x, item.y, item.x + 24, item.y, stroke: colour, width: 2, dash: SVGStyle.dash(forSeries: index))
            doc.text(item.label, x: item.x + 30, y: item.y + 4, fill: SVGStyle.label)
        }
        if items.count < names.count {
            doc.text(more(items.count), x: x, y: y + 4, size: 11, fill: "#666666")
        }
        return y + 16
    }
}
