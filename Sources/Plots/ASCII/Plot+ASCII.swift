extension Plot {
    /// The plot as plain ASCII text for a terminal: a title line, the chart with labelled
    /// axes, and a legend or colour scale. No line is longer than `width` characters or ends
    /// in a space, lines are joined by "\n" with no final newline, and the same plot always
    /// gives the same bytes. Missing values (NaN, infinities) show as gaps or "-"/"?"; a plot
    /// without any value says "(no data)".
    ///
    /// - Parameters:
    ///   - width: characters per line; values below 24 are treated as 24.
    ///   - height: total lines wanted (chart rows are fitted into it); `nil` picks a size
    ///     that suits the content (about 24 lines for a line chart).
    public func ascii(width: Int = 80, height: Int? = nil) -> String {
        let width = max(width, 24)
        var lines: [String] = []
        if !title.isEmpty { lines.append(TextLayout.centered(title, width: width)) }
        let budget = height.map { max(1, $0 - lines.count) }
        let body: [String]
        switch content {
        case .line(let series):
            body = ASCIILineChart(plot: self, series: series, width: width, height: budget).lines()
        case .bar(let categories, let values):
            body = ASCIIBarChart(plot: self, categories: categories, values: values, width: width).lines()
        case .heatmap(let rowLabels, let columnLabels, let values):
            body = ASCIIHeatmap(plot: self, rowLabels: rowLabels, columnLabels: columnLabels,
                                values: values, width: width).lines()
        case .image(let values, let xRange, let yRange):
            body = ASCIIImage(plot: self, values: values, givenXRange: xRange, givenYRange: yRange,
                              width: width, height: budget).lines()
        }
        lines += body
        return lines.map { TextLayout.trimmed(TextLayout.fitted($0, width: width)) }.joined(separator: "\n")
    }
}

/// Shown in place of a chart whose data has no finite value.
let noDataText = "(no data)"
