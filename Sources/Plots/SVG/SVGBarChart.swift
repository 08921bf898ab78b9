/// A horizontal bar chart: category names on the left, bars from the zero line, the value
/// at the end of each bar, and a value axis with nice ticks below.
struct SVGBarChart {
    let plot: Plot
    let categories: [String]
    let values: [Double]

    func draw(into doc: inout SVGDocument, top: Double) -> String {
        let count = max(categories.count, values.count)
        guard count > 0, let extent = FiniteExtent(values) else {
            doc.noData(top: top)
            return "Bar chart with no data."
        }
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: values)
        let names = (0..<count).map { i -> String in
            // At most 24 characters, fewer when they would take over a third of a narrow figure.
            let limit = min(24, max(4, SVGDocument.characters(fitting: doc.width * 0.35 - 16)))
            return SVGDocument.shortened(i < categories.count ? categories[i] : "", to: limit)
        }
        let top = top + (plot.xLabel.isEmpty ? 0 : 16)
        let left = 16 + (names.map { SVGDocument.textWidth($0) }.max() ?? 0)
        let valueRoom = 12 + (values.map { SVGDocument.textWidth(NumberFormat.fixed($0, decimals: decimals)) }.max() ?? 0)
        // The values' room is capped too, so that a narrow figure keeps at least 30% of its
        // width for the bars (the bars never turn negative). Values longer than the room
        // are drawn smaller, as long tick labels are, and none starts so far right that it
        // would leave the figure (before, "1999999.875" ran 13 px past a 200 px figure).
        let valueCap = doc.width * 0.35
        let right = doc.width - min(max(16, valueRoom), valueCap)
        let valueSize = valueRoom > valueCap ? max(6, SVGDocument.fontSize * (valueCap - 12) / (valueRoom - 12)) : nil
        func valueX(_ text: String, after x: Double) -> Double {
            guard let valueSize else { return x }
            return max(0, min(x, doc.width - 2 - SVGDocument.textWidth(text, size: valueSize)))
        }
        let bottom = doc.height - (plot.yLabel.isEmpty ? 26 : 42)
        let lower = plot.yRange?.lowerBound ?? min(0, extent.lower)
        let upper = plot.yRange?.upperBound ?? max(0, extent.upper)
        let ticks = SVGDocument.horizontalTicks(lower, upper, covering: plot.yRange == nil, length: right - left,
                                                start: left, figureWidth: doc.width)
        let (axisLower, axisUpper) = plot.yRange == nil ? ticks.axisEnds(lower, upper) : (lower, upper)
        func px(_ v: Double) -> Double {
            left + min(max(FiniteExtent.fraction(v, axisLower, axisUpper), 0), 1) * (right - left)
        }

        doc.bottomAxis(y: bottom, x0: left, x1: right, gridTop: top, ticks: ticks, position: px)
        let band = (bottom - top) / Double(count)
        let barHeight = min(28, band * 0.7)
        let colour = ColorMap.series[0].hex
        // With thousands of categories the bands are thinner than a line of text: names and
        // values are written for every k-th bar only (all of them overlapped before).
        let labelStep = SVGDocument.labelStep(pitch: band, needed: 12)
        for i in 0..<count {
            let centre = top + (Double(i) + 0.5) * band
            let labelled = i % labelStep == 0
            if labelled { doc.text(names[i], x: left - 8, y: centre + 4, anchor: .end, fill: SVGStyle.label) }
            guard i < values.count, values[i].isFinite else {
                if labelled { doc.labelInside("no value", x: px(0) + 4, y: centre + 4, size: 11, fill: "#666666") }
                continue
            }
            let a = px(0), b = px(values[i])
            doc.rect(min(a, b), centre - barHeight / 2, abs(b - a), barHeight, fill: colour)
            if labelled {
                let text = NumberFormat.fixed(values[i], decimals: decimals)
                doc.text(text, x: valueX(text, after: max(a, b) + 4), y: centre + 4, size: valueSize, fill: SVGStyle.label)
            }
        }
        doc.line(px(0), top, px(0), bottom, stroke: SVGStyle.axis)
        if !plot.xLabel.isEmpty {
            doc.labelInside(plot.xLabel, x: left - 8, y: top - 6, anchor: .end, fill: SVGStyle.label, bold: true)
        }
        if !plot.yLabel.isEmpty {
            doc.labelInside(plot.yLabel, x: (left + right) / 2, y: doc.height - 8, anchor: .middle, fill: SVGStyle.label)
        }
        let items = (0..<min(count, values.count)).map { "\(names[$0]) \(NumberFormat.fixed(values[$0], decimals: decimals))" }
        return "Bar chart: " + items.joined(separator: ", ") + "."
    }
}
