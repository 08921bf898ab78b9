/// A horizontal bar chart: one line per category with its label, a bar of '#' from the zero
/// line, and the value printed after the bar. A chart of more bars than the lines given
/// (60 when no height is, as a heatmap's rows) shows the first ones, and a note says how
/// many are left out and the range of their values. Bars are categories: averaging them
/// as a heatmap's cells are would print a value no category has beside one's name.
struct ASCIIBarChart {
    let plot: Plot
    let categories: [String]
    let values: [Double]
    let width: Int
    /// Lines for the chart, its label line and notes included; nil: up to 60 bars.
    let height: Int?

    func lines() -> [String] {
        let count = max(categories.count, values.count)
        guard count > 0, let extent = FiniteExtent(values) else { return [noDataText] }
        let decimals = plot.valueDecimals ?? NumberFormat.decimals(forValues: values)
        let labels = (0..<count).map { $0 < categories.count ? categories[$0] : "" }
        let texts = (0..<count).map { i in
            i < values.count && values[i].isFinite ? NumberFormat.fixed(values[i], decimals: decimals) : "-"
        }
        let labelWidth = min(labels.map(TerminalWidth.of).max() ?? 0, width / 3)
        let valueWidth = texts.map(\.count).max() ?? 1
        // label, space, bar area (zero line included), space, value.
        let barColumns = max(4, width - labelWidth - valueWidth - 2)
        let lower = plot.yRange?.lowerBound ?? min(0, extent.lower)
        let upper = plot.yRange?.upperBound ?? max(0, extent.upper)
        func column(_ v: Double) -> Int {
            let f = min(max(FiniteExtent.fraction(v, lower, upper), 0), 1)
            return Int((f * Double(barColumns - 1)).rounded())
        }
        let zero = column(0)

        var out: [String] = []
        if !plot.xLabel.isEmpty || !plot.yLabel.isEmpty {
            out.append(TextLayout.trimmed(TextLayout.padRight(TextLayout.fitted(plot.xLabel, width: labelWidth), labelWidth)
                                          + " " + plot.yLabel))
        }
        var notes: [String] = []
        if plot.yRange != nil, values.contains(where: { $0.isFinite && (($0 < lower) || ($0 > upper)) }) {
            notes += TextLayout.wordWrapped("note: bars are clipped to the fixed range \(NumberFormat.fixed(lower, decimals: decimals))...\(NumberFormat.fixed(upper, decimals: decimals))", width: width)
        }
        if categories.count != values.count {
            notes += TextLayout.wordWrapped("note: \(categories.count) categories but \(values.count) values", width: width)
        }
        let room = height.map { $0 - out.count - notes.count } ?? 60
        var shown = count
        if count > max(room, 1) {
            // The note takes a line or two of the room; it is measured for the count it names.
            var note: [String] = []
            for _ in 0..<2 {
                shown = min(count - 1, max(1, room - max(note.count, 1)))
                note = TextLayout.wordWrapped(hiddenBarsNote(shown: shown, of: count, decimals: decimals), width: width)
            }
            notes += note
        }
        for i in 0..<shown {
            var bar = [Character](repeating: " ", count: barColumns)
            bar[zero] = "|"
            var end = zero
            if i < values.count, values[i].isFinite {
                let c = column(values[i])
                for k in min(c, zero)...max(c, zero) where k != zero { bar[k] = "#" }
                end = max(c, zero)
            }
            let head = TextLayout.padRight(TextLayout.fitted(labels[i], width: labelWidth), labelWidth) + " "
            out.append(head + String(bar[0...end]) + " " + texts[i])
        }
        return out + notes
    }

    /// "note: showing the first 58 of 5000 bars; the other 4942 hold 0 to 96".
    private func hiddenBarsNote(shown: Int, of count: Int, decimals: Int) -> String {
        let hidden = shown < values.count ? Array(values[shown...]) : []
        let text = "note: showing the first \(shown) of \(count) bars; the other \(count - shown)"
        guard let extent = FiniteExtent(hidden) else { return text + " have no value" }
        return text + " hold \(NumberFormat.fixed(extent.lower, decimals: decimals)) to \(NumberFormat.fixed(extent.upper, decimals: decimals))"
    }
}
