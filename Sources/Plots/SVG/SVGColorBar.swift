/// The colour scale of a heatmap or image: a vertical bar of viridis bands, its ticks
/// labelled to its right, its unit above it.
extension SVGDocument {
    /// A vertical colour bar for `lower...upper` at `x` between `y0` (top, upper) and `y1`,
    /// labelled at nice ticks with at least `decimals` places. Labels that would run past
    /// the figure's right edge are drawn smaller, one size for all as a horizontal axis's
    /// are, down to 6 px ("-1000000000000000.0" ended 81 px past a 640 px figure); the
    /// layouts keep room for them at that size (`colorBarShortfall`).
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
        let ticks = Self.colorBarTicks(lower: lower, upper: upper, decimals: decimals)
        let labelX = x + Self.colorBarLabelOffset
        let widest = ticks.map { Self.textWidth($0.label) }.max() ?? 0
        // Rounded down to the tenth of a pixel the SVG gives, so that what fits here fits there.
        let size = labelX + widest > width
            ? max(Self.smallestFontSize, (Self.fontSize * (width - Self.edgeMargin - labelX) / widest * 10).rounded(.down) / 10) : nil
        for (value, text) in ticks {
            let f = FiniteExtent.fraction(value, lower, upper)
            let y = y1 - f * (y1 - y0)
            line(x + 14, y, x + 18, y, stroke: SVGStyle.axis)
            self.text(text, x: labelX, y: y + 4, size: size, fill: SVGStyle.label)
        }
        if let label, !label.isEmpty {
            // Starting at the bar and running right, into the room kept for the bar and
            // its ticks: centred on the bar, a word like "recordings" reached over the
            // plot to its left. A longer one is drawn smaller, then cut, at the figure's edge.
            labelInside(label, x: x, y: y0 - 6, fill: SVGStyle.label, between: x, width)
        }
    }

    /// Where a colour bar's tick labels start, right of the bar's left edge: past the bar
    /// (14 px) and its tick marks.
    static let colorBarLabelOffset = 20.0

    /// A colour bar's tick values for `lower...upper` and their labels, with at least
    /// `decimals` places.
    static func colorBarTicks(lower: Double, upper: Double, decimals: Int) -> [(value: Double, label: String)] {
        var ticks = NiceTicks.inside(lower, upper, count: 5)
        if upper <= lower { ticks = NiceTicks(values: [lower], step: 1) }
        return ticks.values.map { ($0, NumberFormat.fixed($0, decimals: max(decimals, ticks.decimals))) }
    }

    /// How much more than `room` (from where they start to the figure's right edge) a
    /// colour bar's tick labels need even at 6 px, the smallest font: 0 when they fit
    /// there, at their own size or smaller. A layout whose colour bar leaves them less
    /// gives them this much more.
    static func colorBarShortfall(lower: Double, upper: Double, decimals: Int, room: Double) -> Double {
        let widest = colorBarTicks(lower: lower, upper: upper, decimals: decimals).map { textWidth($0.label) }.max() ?? 0
        let smallest = widest * smallestFontSize / fontSize
        return smallest > room ? smallest + edgeMargin - room : 0
    }
}
