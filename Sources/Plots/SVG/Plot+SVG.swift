extension Plot {
    /// The plot as a standalone SVG element for an HTML page (or an `.svg` file): axes with
    /// nice ticks and labels, a legend or colour scale, a `<title>` for screen readers, all
    /// text XML-escaped, no scripts, fonts or ids, and the same bytes for the same plot.
    /// It shrinks to its container under CSS (`max-width:100%`).
    ///
    /// - Parameters:
    ///   - width: natural width in pixels (200 to 100,000).
    ///   - height: natural height in pixels (120 to 100,000).
    public func svg(width: Int = 640, height: Int = 360) -> String {
        var document = SVGDocument(width: Double(min(max(width, 200), 100_000)), height: Double(min(max(height, 120), 100_000)))
        var top = 10.0
        if !title.isEmpty {
            // A long title first gets a smaller font, then is cut; <title> keeps all of it.
            let room = document.width - 20
            let size = max(11, min(15, room / (Double(TerminalWidth.of(title)) * 0.62)))
            let fitting = max(4, Int(room / (size * 0.62)))
            let shown = SVGDocument.shortened(title, to: fitting)
            document.text(shown, x: document.width / 2, y: 22, anchor: .middle, size: size, fill: SVGStyle.label, bold: true)
            top = 34
        }
        let description: String
        switch content {
        case .line(let series):
            description = SVGLineChart(plot: self, series: series).draw(into: &document, top: top)
        case .bar(let categories, let values):
            description = SVGBarChart(plot: self, categories: categories, values: values).draw(into: &document, top: top)
        case .heatmap(let rowLabels, let columnLabels, let values):
            description = SVGHeatmap(plot: self, rowLabels: rowLabels, columnLabels: columnLabels, values: values)
                .draw(into: &document, top: top)
        case .image(let values, let xRange, let yRange):
            description = SVGImage(plot: self, values: values, givenXRange: xRange, givenYRange: yRange)
                .draw(into: &document, top: top)
        }
        return document.finished(label: title.isEmpty ? "Plot" : title, description: description)
    }
}

extension SVGDocument {
    /// The message drawn instead of a chart whose data has no finite value.
    mutating func noData(top: Double) {
        text(noDataText, x: width / 2, y: (top + height) / 2, anchor: .middle, size: 14, fill: SVGStyle.label)
    }

    /// A left axis at `x` from `y0` (top) to `y1` with tick labels and horizontal grid lines
    /// reaching to `gridEnd`; `position` maps a value to its y coordinate.
    /// A label wider than `labelRoom` pixels is drawn in a smaller font (down to 6 px).
    mutating func leftAxis(x: Double, y0: Double, y1: Double, gridEnd: Double, ticks: NiceTicks,
                           labelRoom: Double = .infinity, position: (Double) -> Double) {
        for value in ticks.values {
            let y = position(value)
            guard y >= y0 - 0.5 && y <= y1 + 0.5 else { continue }
            if gridEnd > x { line(x, y, gridEnd, y, stroke: SVGStyle.grid) }
            line(x - 4, y, x, y, stroke: SVGStyle.axis)
            let label = NumberFormat.fixed(value, decimals: ticks.decimals)
            let natural = Self.textWidth(label)
            let size = natural > labelRoom ? max(6, Self.fontSize * max(labelRoom, 0) / natural) : nil
            text(label, x: x - 6, y: y + 4, anchor: .end, size: size, fill: SVGStyle.label)
        }
        line(x, y0, x, y1, stroke: SVGStyle.axis)
    }

    /// A bottom axis at `y` from `x0` to `x1` with tick labels and vertical grid lines
    /// reaching up to `gridTop` (none when `gridTop >= y`).
    mutating func bottomAxis(y: Double, x0: Double, x1: Double, gridTop: Double, ticks: NiceTicks, position: (Double) -> Double) {
        for value in ticks.values {
            let x = position(value)
            guard x >= x0 - 0.5 && x <= x1 + 0.5 else { continue }
            if gridTop < y { line(x, gridTop, x, y, stroke: SVGStyle.grid) }
            line(x, y, x, y + 4, stroke: SVGStyle.axis)
            text(NumberFormat.fixed(value, decimals: ticks.decimals), x: x, y: y + 17, anchor: .middle, fill: SVGStyle.label)
        }
        line(x0, y, x1, y, stroke: SVGStyle.axis)
    }

    /// A vertical colour bar for `lower...upper` at `x` between `y0` (top, upper) and `y1`,
    /// labelled at nice ticks with at least `decimals` places.
    mutating func colorBar(x: Double, y0: Double, y1: Double, lower: Double, upper: Double, label: String?, decimals: Int) {
        // A heatmap squeezed into a small figure can leave less than that: no bar, rather
        // than bands of negative height.
        guard y1 - y0 >= 8 else { return }
        let steps = 32
        let h = (y1 - y0) / Double(steps)
        for k in 0..<steps {
            let t = 1 - (Double(k) + 0.5) / Double(steps)
            // Overlap by half a pixel so no hairline seams show between the bands.
            rect(x, y0 + Double(k) * h, 14, h + 0.5, fill: ColorMap.viridis(t).hex)
        }
        raw("<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y0))\" width=\"14\" height=\"\(Self.n(y1 - y0))\" fill=\"none\" stroke=\"\(SVGStyle.axis)\"/>")
        var ticks = NiceTicks.inside(lower, upper, count: 5)
        if upper <= lower { ticks = NiceTicks(values: [lower], step: 1) }
        for value in ticks.values {
            let f = FiniteExtent.fraction(value, lower, upper)
            let y = y1 - f * (y1 - y0)
            line(x + 14, y, x + 18, y, stroke: SVGStyle.axis)
            text(NumberFormat.fixed(value, decimals: max(decimals, ticks.decimals)), x: x + 20, y: y + 4, fill: SVGStyle.label)
        }
        if let label, !label.isEmpty {
            // Starting at the bar and running right, into the room kept for the bar and
            // its ticks: centred on the bar, a word like "recordings" reached over the
            // plot to its left.
            text(label, x: x, y: y0 - 6, fill: SVGStyle.label)
        }
    }
}
