extension Plot {
    /// The plot as plain ASCII text for a terminal: a title line, the chart with labelled
    /// axes, and a legend or colour scale. No line is wider than `width` terminal columns
    /// (CJK and emoji count two, see `TerminalWidth`) or ends in a space, lines are joined
    /// by "\n" with no final newline, and the same plot always gives the same bytes. Missing values (NaN, infinities) show as gaps or "-"/"?"; a plot
    /// without any value says "(no data)".
    ///
    /// - Parameters:
    ///   - width: terminal columns per line, 24 to 10,000.
    ///   - height: total lines wanted, at most 10,000 (chart rows are fitted into it); `nil`
    ///     picks a size that suits the content (about 24 lines for a line chart).
    public func ascii(width: Int = 80, height: Int? = nil) -> String {
        let width = min(max(width, 24), 10_000)
        var lines: [String] = []
        if !title.isEmpty { lines.append(TextLayout.centered(title, width: width)) }
        let budget = height.map { max(1, min(max($0, 1), 10_000) - lines.count) }
        let body: [String]
        switch content {
        case .line(let series):
            body = ASCIILineChart(plot: self, series: series, width: width, height: budget).lines()
        case .bar(let categories, let values):
            body = ASCIIBarChart(plot: self, categories: categories, values: values, width: width, height: budget).lines()
        case .heatmap(let rowLabels, let columnLabels, let values):
            body = ASCIIHeatmap(plot: self, rowLabels: rowLabels, columnLabels: columnLabels,
                                values: values, width: width, height: budget).lines()
        case .image(let values, let xRange, let yRange):
            body = ASCIIImage(plot: self, values: values, givenXRange: xRange, givenYRange: yRange,
                              width: width, height: budget).lines()
        }
        lines += body
        return lines.map { TextLayout.trimmed(TextLayout.fitted(Self.visible($0), width: width)) }.joined(separator: "\n")
    }

    /// `line` with each control character a space: a title or name holding a newline, a
    /// tab or a terminal escape would break the layout or reach the terminal as a command.
    /// One character for one keeps the columns where the layout put them.
    static func visible(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: isControl) else { return line }
        return String(String.UnicodeScalarView(line.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// Shown in place of a chart whose data has no finite value.
let noDataText = "(no data)"
