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

    /// The room a left axis's tick labels get, `natural` px wide at the ordinary size: as
    /// much, but no more than `room` (they are drawn smaller to fit it, down to 6 px); and
    /// where even at 6 px they would reach past the figure's left edge (`before`: what lies
    /// between it and the room), enough for them to start `edgeMargin` inside it. At 200 px,
    /// 24-character ticks (values 1e-316 apart) started 12 px left of the figure.
    static func leftAxisLabelWidth(natural: Double, room: Double, before: Double) -> Double {
        let smallest = natural * smallestFontSize / fontSize
        return smallest > room + before ? smallest - before + edgeMargin : min(natural, room)
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
    /// reaching up to `gridTop` (none when `gridTop >= y`). Labels too wide for the room
    /// between their ticks (`horizontalTicks` leaves such only when two ticks are too many)
    /// are drawn in a smaller font, down to 6 px, and one that would still run into its left
    /// neighbour is left out, as the terminal's x axis leaves it out. A label that would
    /// cross the figure's edge is moved in (`horizontalTickLabels`).
    mutating func bottomAxis(y: Double, x0: Double, x1: Double, gridTop: Double, ticks: NiceTicks, position: (Double) -> Double) {
        let shown = ticks.values.map { (x: position($0), label: NumberFormat.fixed($0, decimals: ticks.decimals)) }
            .filter { $0.x >= x0 - 0.5 && $0.x <= x1 + 0.5 }
        let (size, centres) = Self.horizontalTickLabels(shown, within: 0...width)
        var free = -Double.infinity
        for ((x, label), centre) in zip(shown, centres) {
            if gridTop < y { line(x, gridTop, x, y, stroke: SVGStyle.grid) }
            line(x, y, x, y + 4, stroke: SVGStyle.axis)
            let half = Self.textWidth(label, size: size ?? Self.fontSize) / 2
            guard centre - half >= free - 0.01 else { continue }
            text(label, x: centre, y: y + 17, anchor: .middle, size: size, fill: SVGStyle.label)
            free = centre + half + Self.tickLabelGap * (size ?? Self.fontSize) / Self.fontSize
        }
        line(x0, y, x1, y, stroke: SVGStyle.axis)
    }
}
