import Plots

/// Plots whose text is hard to keep inside a figure: very long and very short names and
/// values, negative values, constant series, magnitudes from 1e-300 to 1e308, ticks 1e-7
/// apart on a value of a million. Each kind of chart gets each kind of text: titles, axis
/// titles, tick labels, legends, bar values, colour-bar labels.
enum TextBoundsCases {
    static let long = String(repeating: "a long label ", count: 6)
    static let wide = String(repeating: "情绪", count: 20)

    static var lines: [(name: String, plot: Plot)] {
        var cases: [(name: String, plot: Plot)] = []
        cases.append(("close x ticks", Plot(title: "close", content: .line([.init(name: "", x: [1_000_000, 1_000_000.000001], y: [0, 1])]))))
        cases.append(("close x ticks, negative", Plot(title: "", content: .line([.init(name: "", x: [-1_000_000.000001, -1_000_000], y: [-1, -2])]))))
        cases.append(("huge x and y", Plot(title: "huge", xLabel: "x", yLabel: "y", content: .line([.init(name: "a", x: [-1e15, 1e15], y: [-9.87654321e14, 1.23456789e15])]))))
        cases.append(("extreme", Plot(title: "extreme", content: .line([.init(name: "a", x: [-1e308, 0, 1e308], y: [-1e308, 1e308, 0])]))))
        cases.append(("tiny", Plot(title: "tiny", content: .line([.init(name: "a", x: [-1e-300, 1e-300], y: [-1.2345678901234e-300, -1.2345678901235e-300])]))))
        cases.append(("constant", Plot(title: "flat", xLabel: "epoch", yLabel: "loss", content: .line([.init(name: "loss", y: [-123456.5, -123456.5, -123456.5])]))))
        cases.append(("single point", Plot(title: "one", content: .line([.init(name: "a", x: [1e9], y: [-7])]))))
        cases.append(("long everything", Plot(title: long, xLabel: long, yLabel: long, content: .line([.init(name: long, x: [1, 2], y: [1, 2]), .init(name: wide, y: [2, 1])]))))
        cases.append(("wide names", Plot(title: wide, xLabel: wide, yLabel: wide, content: .line([.init(name: wide, y: [1, 2])]))))
        cases.append(("short names", Plot(title: "t", xLabel: "x", yLabel: "y", content: .line([.init(name: "a", y: [1, 2]), .init(name: "b", y: [2, 1])]))))
        cases.append(("many series", Plot(title: "many", content: .line((0..<300).map { .init(name: "series \($0)", y: [Double($0), 1]) }))))
        cases.append(("many long series", Plot(title: "many", content: .line((0..<40).map { .init(name: "\($0) " + long, y: [Double($0), 1]) }))))
        cases.append(("mismatch note", Plot(title: "note", content: .line([.init(name: long, x: [1, 2, 3], y: [1, 2])]))))
        cases.append(("fixed range", Plot(title: "clip", content: .line([.init(name: "a", y: [0.5, 1e300, -0.2])]), yRange: -1e12...1e12)))
        return cases
    }

    static var bars: [(name: String, plot: Plot)] {
        var cases: [(name: String, plot: Plot)] = []
        cases.append(("negative million", Plot(title: "bar", content: .bar(categories: ["a", "b", "c"], values: [-1_000_000, 5, 20]))))
        cases.append(("long values", Plot(title: "features", content: .bar(categories: ["anger", "calm"], values: [1999999.875, -987654.3]), valueDecimals: 3)))
        cases.append(("long everything", Plot(title: long, xLabel: long, yLabel: long, content: .bar(categories: [long, "b"], values: [123456.789, -1e7]))))
        cases.append(("wide names", Plot(title: wide, xLabel: wide, yLabel: wide, content: .bar(categories: [wide, "b"], values: [1, 2]))))
        cases.append(("short names", Plot(title: "t", xLabel: "x", yLabel: "y", content: .bar(categories: ["a", "b"], values: [0.5, 0.25]))))
        cases.append(("extreme", Plot(title: "extreme", content: .bar(categories: ["a", "b"], values: [1e308, -1e308]))))
        cases.append(("tiny", Plot(title: "tiny", content: .bar(categories: ["a"], values: [-1.2345678901234e-300]))))
        cases.append(("constant negative", Plot(title: "flat", content: .bar(categories: ["a", "b", "c"], values: [-3, -3, -3]))))
        cases.append(("no value", Plot(title: "gaps", content: .bar(categories: ["a", "b", "c"], values: [.nan, -2e6, -3e6]))))
        cases.append(("fixed range", Plot(title: "fixed", content: .bar(categories: ["a", "b"], values: [0.5, 1]), yRange: -1_000_000.5...1_000_000)))
        return cases
    }

    static var heatmaps: [(name: String, plot: Plot)] {
        var cases: [(name: String, plot: Plot)] = []
        cases.append(("long everything", Plot(title: long, xLabel: long, yLabel: long, content: .heatmap(rowLabels: [long, "b"], columnLabels: [long, long, long],
                                                                                             values: [[1.5e9, 2, 3], [4, 5, .nan]]), valueLabel: long)))
        cases.append(("wide names", Plot(title: wide, xLabel: wide, yLabel: wide, content: .heatmap(rowLabels: [wide], columnLabels: [wide, "x"], values: [[1, -2]]), valueLabel: wide)))
        cases.append(("short names", Plot(title: "t", xLabel: "x", yLabel: "y", content: .heatmap(rowLabels: ["a"], columnLabels: ["b"], values: [[1]]), valueLabel: "n")))
        cases.append(("negative huge", Plot(title: "h", content: .heatmap(rowLabels: ["a", "b"], columnLabels: ["x", "y"], values: [[-1.234e12, 5], [6, 9.87e11]]), valueDecimals: 3)))
        cases.append(("tiny", Plot(title: "tiny", content: .heatmap(rowLabels: ["a"], columnLabels: ["x", "y"], values: [[-1.2345678901234e-300, 1e-300]]))))
        cases.append(("constant", Plot(title: "flat", content: .heatmap(rowLabels: ["a", "b"], columnLabels: ["x", "y"], values: [[-7.25, -7.25], [-7.25, -7.25]]))))
        cases.append(("extreme", Plot(title: "extreme", content: .heatmap(rowLabels: ["a"], columnLabels: ["x", "y"], values: [[1e308, -1e308]]))))
        cases.append(("big", bigHeatmap))
        return cases
    }

    /// 300 x 300 cells, averaged in blocks, every k-th name written.
    static var bigHeatmap: Plot {
        let names: [String] = (0..<300).map { "row \($0)" }
        let values: [[Double]] = (0..<300).map { (r: Int) -> [Double] in (0..<300).map { (c: Int) -> Double in Double((r * 7 + c * 3) % 50 - 25) } }
        return Plot(title: "big", xLabel: "predicted", yLabel: "true", content: .heatmap(rowLabels: names, columnLabels: names, values: values))
    }

    static var images: [(name: String, plot: Plot)] {
        var cases: [(name: String, plot: Plot)] = []
        cases.append(("close x ticks", Plot(title: "close", content: .image(values: [[0, 1], [1, 0]], xRange: 1_000_000...1_000_000.000001, yRange: 0...1))))
        cases.append(("wide ranges", Plot(title: "image", xLabel: "x", yLabel: "y", content: .image(values: [[0, 1], [1, 0]], xRange: -1e9...1e9, yRange: -123456.7...1e9))))
        cases.append(("long everything", Plot(title: long, xLabel: long, yLabel: long, content: .image(values: [[1, 2], [3, 4]], xRange: 0...1e-9, yRange: -123456.7...1e9),
                                 valueLabel: long, imageRowNames: [long, long])))
        cases.append(("wide names", Plot(title: wide, xLabel: wide, yLabel: wide, content: .image(values: [[1, 2]], xRange: 0...1, yRange: 0...1),
                            valueLabel: wide, imageRowNames: [wide])))
        cases.append(("huge values", Plot(title: "dB", content: .image(values: [[-1.234e15, 5], [6, 9.87e14]], xRange: 0...4.64, yRange: 0...128), valueLabel: "dB", valueDecimals: 2)))
        cases.append(("tiny values", Plot(title: "tiny", content: .image(values: [[-1.2345678901234e-300, 1e-300]], xRange: -1.2345678901234e-300 ... -1.2345678901233e-300, yRange: 0...1e-300))))
        cases.append(("constant", Plot(title: "flat", content: .image(values: [[-80, -80], [-80, -80]], xRange: 0...1, yRange: 5...5), valueLabel: "dB")))
        cases.append(("extreme", Plot(title: "extreme", content: .image(values: [[1e308, -1e308], [0, 1]], xRange: -Double.infinity...Double.infinity, yRange: -1e308...1e308))))
        return cases
    }

    static var all: [(name: String, plot: Plot)] {
        let kinds: [(String, [(name: String, plot: Plot)])] = [("line", lines), ("bar", bars), ("heatmap", heatmaps), ("image", images)]
        return kinds.flatMap { kind, cases in cases.map { (name: kind + " " + $0.name, plot: $0.plot) } }
    }
}
