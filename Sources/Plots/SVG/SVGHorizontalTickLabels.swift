/// The tick labels of a horizontal axis: how many ticks, in what font, where each label
/// stands. Labels are centred on their ticks; one that would cross the figure's edge is
/// moved in (at 200 px, a line chart whose x runs 1000000 to 1000000.000001 began its
/// first label, "1000000.000000", 31 px left of the figure and ended its last 34 px right).
extension SVGDocument {
    /// The room kept between neighbouring labels of a horizontal axis at the ordinary font
    /// size: one character, as the terminal's x axis keeps one column.
    static let tickLabelGap = fontSize * 0.6

    /// How much the ordinary font would have to shrink for labels centred at their `x` to keep
    /// `tickLabelGap` (shrunk with them) between neighbours: 1 or more when they fit as they are.
    /// With `edges`, a label is also moved inside them by `edgeMargin` where it would cross one
    /// (which brings it nearer its neighbour), and the scale is the one at which they fit so.
    static func tickLabelScale(_ labels: [(x: Double, label: String)], within edges: ClosedRange<Double>? = nil) -> Double {
        let pairs = zip(labels, labels.dropFirst()).reduce(Double.infinity) { scale, pair in
            let needed = (textWidth(pair.0.label) + textWidth(pair.1.label)) / 2 + tickLabelGap
            let centred = min(scale, abs(pair.1.x - pair.0.x) / needed)
            guard let edges else { return centred }
            let low = edges.lowerBound + edgeMargin, high = edges.upperBound - edgeMargin
            let half0 = textWidth(pair.0.label) / 2, half1 = textWidth(pair.1.label) / 2
            // The left one moved right to `low`, the right one moved left to `high`, or both.
            return min(centred, (pair.1.x - low) / (needed + half0), (high - pair.0.x) / (needed + half1),
                       (high - low) / (needed + half0 + half1))
        }
        guard let edges else { return pairs }
        // A label alone must fit between the edges too.
        let widest = labels.map { textWidth($0.label) }.max() ?? 0
        return min(pairs, (edges.upperBound - edges.lowerBound - 2 * edgeMargin) / widest)
    }

    /// The font size of labels that fit at `scale` (`tickLabelScale`): nil, the ordinary one,
    /// at 1 or more, else smaller, but not below 6 px.
    static func tickLabelSize(_ scale: Double) -> Double? {
        // Rounded down to the tenth of a pixel the SVG gives, so that what fits here fits there.
        scale < 1 ? max(smallestFontSize, (fontSize * scale * 10).rounded(.down) / 10) : nil
    }

    /// The font size of the labels (at `x`, in order) and where each is centred so that they
    /// stay within `edges`: on its tick, unless it would cross an edge; then all are sized
    /// for the labels moved in, and those that still would are moved in by `edgeMargin`.
    static func horizontalTickLabels(_ labels: [(x: Double, label: String)], within edges: ClosedRange<Double>) -> (size: Double?, centres: [Double]) {
        let centred = tickLabelSize(tickLabelScale(labels))
        func half(_ label: String, _ size: Double?) -> Double { textWidth(label, size: size ?? fontSize) / 2 }
        // A hundredth of a pixel over is left as it is: `horizontalTicks` measures from the axis's start.
        let inside = labels.allSatisfy { $0.x - half($0.label, centred) >= edges.lowerBound - 0.01 && $0.x + half($0.label, centred) <= edges.upperBound + 0.01 }
        if inside { return (centred, labels.map(\.x)) }
        let size = tickLabelSize(tickLabelScale(labels, within: edges))
        let low = edges.lowerBound + edgeMargin, high = edges.upperBound - edgeMargin
        return (size, labels.map { x, label in
            let half = half(label, size)
            return x - half < edges.lowerBound ? low + half : x + half > edges.upperBound ? high - half : x
        })
    }

    /// Ticks for a horizontal axis `length` pixels long showing `lower...upper` (`covering`:
    /// the ticks may reach past the data and the axis ends at them, as `NiceTicks.covering`),
    /// starting `start` px from the left of a figure `figureWidth` wide: about one every
    /// 80 px, fewer where their labels would run into each other at that (at 200 px, a bar
    /// chart's "-1000000" ran into its "0"), or into each other once moved in from the
    /// figure's edges. Two ticks are the fewest; where their labels do not fit either,
    /// `bottomAxis` draws them smaller.
    static func horizontalTicks(_ lower: Double, _ upper: Double, covering: Bool, length: Double,
                                start: Double, figureWidth: Double) -> NiceTicks {
        func ticks(_ count: Int) -> NiceTicks {
            covering ? NiceTicks.covering(lower, upper, count: count) : NiceTicks.inside(lower, upper, count: count)
        }
        // Beyond 50 the count makes no difference (`NiceTicks.niceStep`).
        let most = min(max(2, Int(length / 80) + 1), 50)
        for count in stride(from: most, to: 2, by: -1) {
            let candidate = ticks(count)
            let (axisStart, axisEnd) = covering ? candidate.axisEnds(lower, upper) : (lower, upper)
            let labels = candidate.values.map { value in
                (x: FiniteExtent.fraction(value, axisStart, axisEnd) * length, label: NumberFormat.fixed(value, decimals: candidate.decimals))
            }
            // Measured from the axis's start, as before the edges were known, so that the same
            // ticks are chosen wherever their labels stay inside the figure.
            if horizontalTickLabels(labels, within: -start...(figureWidth - start)).size == nil { return candidate }
        }
        return ticks(2)
    }
}
