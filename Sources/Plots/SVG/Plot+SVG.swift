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
    /// reaching up to `gridTop` (none when `gridTop >= y`). Labels too wide for the room
    /// between their ticks (`horizontalTicks` leaves such only when two ticks are too many)
    /// are drawn in a smaller font, down to 6 px, and one that would still run into its left
    /// neighbour is left out, as the terminal's x axis leaves it out.
    mutating func bottomAxis(y: Double, x0: Double, x1: Double, gridTop: Double, ticks: NiceTicks, position: (Double) -> Double) {
        let shown = ticks.values.map { (x: position($0), label: NumberFormat.fixed($0, decimals: ticks.decimals)) }
            .filter { $0.x >= x0 - 0.5 && $0.x <= x1 + 0.5 }
        let scale = Self.tickLabelScale(shown)
        // Rounded down to the tenth of a pixel the SVG gives, so that what fits here fits there.
        let size = scale < 1 ? max(6, (Self.fontSize * scale * 10).rounded(.down) / 10) : nil
        var free = -Double.infinity
        for (x, label) in shown {
            if gridTop < y { line(x, gridTop, x, y, stroke: SVGStyle.grid) }
            line(x, y, x, y + 4, stroke: SVGStyle.axis)
            let half = Self.textWidth(label, size: size ?? Self.fontSize) / 2
            guard x - half >= free - 0.01 else { continue }
            text(label, x: x, y: y + 17, anchor: .middle, size: size, fill: SVGStyle.label)
            free = x + half + Self.tickLabelGap * (size ?? Self.fontSize) / Self.fontSize
        }
        line(x0, y, x1, y, stroke: SVGStyle.axis)
    }

    /// The room kept between neighbouring labels of a horizontal axis at the ordinary font
    /// size: one character, as the terminal's x axis keeps one column.
    static let tickLabelGap = fontSize * 0.6

    /// How much the ordinary font would have to shrink for labels centred at their `x` to keep
    /// `tickLabelGap` (shrunk with them) between neighbours: 1 or more when they fit as they are.
    static func tickLabelScale(_ labels: [(x: Double, label: String)]) -> Double {
        zip(labels, labels.dropFirst()).reduce(Double.infinity) { scale, pair in
            let needed = (textWidth(pair.0.label) + textWidth(pair.1.label)) / 2 + tickLabelGap
            return min(scale, abs(pair.1.x - pair.0.x) / needed)
        }
    }

    /// Ticks for a horizontal axis `length` pixels long showing `lower...upper` (`covering`:
    /// the ticks may reach past the data and the axis ends at them, as `NiceTicks.covering`):
    /// about one every 80 px, fewer where their labels would run into each other at that
    /// (at 200 px, a bar chart's "-1000000" ran into its "0"). Two ticks are the fewest; where
    /// their labels do not fit either, `bottomAxis` draws them smaller.
    static func horizontalTicks(_ lower: Double, _ upper: Double, covering: Bool, length: Double) -> NiceTicks {
        func ticks(_ count: Int) -> NiceTicks {
            covering ? NiceTicks.covering(lower, upper, count: count) : NiceTicks.inside(lower, upper, count: count)
        }
        // Beyond 50 the count makes no difference (`NiceTicks.niceStep`).
        let most = min(max(2, Int(length / 80) + 1), 50)
        for count in stride(from: most, to: 2, by: -1) {
            let candidate = ticks(count)
            let (start, end) = covering ? candidate.axisEnds(lower, upper) : (lower, upper)
            let labels = candidate.values.map { value in
                (x: FiniteExtent.fraction(value, start, end) * length, label: NumberFormat.fixed(value, decimals: candidate.decimals))
            }
            if tickLabelScale(labels) >= 1 { return candidate }
        }
        return ticks(2)
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
