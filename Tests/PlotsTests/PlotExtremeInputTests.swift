import XCTest
import Foundation
@testable import Plots

/// Inputs far from the lessons' own plots that a practitioner's lesson can still produce:
/// lines of a million points out of order, labels too long for a small figure, heatmaps
/// of hundreds of cells a side, narrow terminals.
final class PlotExtremeInputTests: XCTestCase {
    /// Deterministic values in 0..<1 (a linear congruential generator).
    private func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// A million points in shuffled x order made a 49 MB SVG (each point kept, four times
    /// over, since every point began a new column); drawn as each column's range it is a
    /// few hundred kB, and every column still reaches its lowest and highest point.
    func testAMillionUnsortedPointsMakeASmallSVG() {
        let x = noise(1_000_000, seed: 7), y = noise(1_000_000, seed: 8)
        let plot = Plot(title: "shuffled", content: .line([.init(name: "a", x: x, y: y)]))
        let svg = plot.svg()
        XCTAssertLessThan(svg.utf8.count, 500_000)
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 1)
        XCTAssertFalse(plot.ascii().isEmpty)

        let points = Array(zip(x.map { $0 * 500 }, y))
        let thinned = Decimation.thinned(points, columns: 500)
        XCTAssertLessThanOrEqual(thinned.count, 2 * 500)
        for column in [0, 17, 250, 499] {
            let inColumn = points.filter { Int($0.0) == column }.map(\.1)
            let drawn = thinned.filter { Int($0.0) == column }.map(\.1)
            XCTAssertEqual(drawn.min(), inColumn.min(), "column \(column)")
            XCTAssertEqual(drawn.max(), inColumn.max(), "column \(column)")
        }
    }

    /// Lines in x order, and out-of-order lines below the limit (a circle), are drawn as
    /// before: only the envelope of each column, in the order given.
    func testOrderedLinesAndLoopsAreThinnedAsBefore() {
        let sorted = Array(zip((0..<100_000).map { Double($0) / 200 }, noise(100_000, seed: 3)))
        XCTAssertTrue(Decimation.thinned(sorted, columns: 500).elementsEqual(Decimation.envelope(sorted, columns: 500)) { $0 == $1 })
        let circle = (0..<20_000).map { k -> (Double, Double) in
            let t = Double(k) / 20_000 * 2 * Double.pi
            return (250 + 200 * cos(t), 150 + 100 * sin(t))
        }
        let thinnedCircle = Decimation.thinned(circle, columns: 500)
        XCTAssertTrue(thinnedCircle.elementsEqual(Decimation.envelope(circle, columns: 500)) { $0 == $1 })
        XCTAssertLessThan(thinnedCircle.count, circle.count)
    }

    /// Each `<rect>` and nested `<svg>` as (x, y, width, height), the outer element's own
    /// size first.
    private func boxes(_ svg: String) -> [(x: Double, y: Double, width: Double, height: Double)] {
        let element = try! NSRegularExpression(pattern: #"<(rect|svg) [^>]*>"#)
        func attribute(_ name: String, _ tag: String) -> Double? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return Double(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        return element.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            let tag = String(svg[Range(match.range, in: svg)!])
            guard let width = attribute("width", tag), let height = attribute("height", tag) else { return nil }
            return (attribute("x", tag) ?? 0, attribute("y", tag) ?? 0, width, height)
        }
    }

    /// Labels too long for a small figure: at 200 x 120 a heatmap's colour bar had bands of
    /// negative height and its cells ran off the canvas, a line chart with 24-character
    /// ticks got a plot area of negative width, bars started right of where they ended, an
    /// image with long row names said it was too small to draw. Every box must now have a
    /// size of at least zero and lie on the canvas.
    func testBoxesHaveNoNegativeSizeAndStayOnTheCanvas() {
        let long = String(repeating: "a long label ", count: 4)
        let plots: [(String, Plot)] = [
            ("line", Plot(title: long, xLabel: long, yLabel: long,
                          content: .line([.init(name: long, x: [1, 2], y: [-1.2345678901234e-300, -1.2345678901235e-300])]))),
            ("bar", Plot(title: long, xLabel: long, yLabel: long, content: .bar(categories: [long, "b"], values: [123456.789, -1e7]))),
            ("heatmap", Plot(title: long, xLabel: long, yLabel: long, content: .heatmap(rowLabels: [long, "b"], columnLabels: [long, long, long],
                                                                                       values: [[1.5e9, 2, 3], [4, 5, .nan]]), valueLabel: long)),
            ("image", Plot(title: long, xLabel: long, yLabel: long, content: .image(values: [[1, 2], [3, 4]], xRange: 0...1e-9, yRange: -123456.7...1e9),
                           valueLabel: long, imageRowNames: [long, long])),
        ]
        for (name, plot) in plots {
            for (width, height) in [(200, 120), (200, 200), (240, 160), (320, 200), (640, 360)] {
                let svg = plot.svg(width: width, height: height)
                XCTAssertFalse(svg.contains("Image too small"), "\(name) \(width)x\(height)")
                for box in boxes(svg) {
                    XCTAssertGreaterThanOrEqual(box.width, 0, "\(name) \(width)x\(height)")
                    XCTAssertGreaterThanOrEqual(box.height, 0, "\(name) \(width)x\(height)")
                    // Nested <svg> plot areas reach 4 px past their axes, to keep markers whole.
                    XCTAssertGreaterThanOrEqual(box.x, -4.5, "\(name) \(width)x\(height) \(box)")
                    XCTAssertGreaterThanOrEqual(box.y, -4.5, "\(name) \(width)x\(height) \(box)")
                    XCTAssertLessThanOrEqual(box.x + box.width, Double(width) + 4.5, "\(name) \(width)x\(height) \(box)")
                    XCTAssertLessThanOrEqual(box.y + box.height, Double(height) + 4.5, "\(name) \(width)x\(height) \(box)")
                }
            }
        }
        // The bars grow to the right of the category names, not leftwards over them.
        let bars = boxes(Plot(title: "", content: .bar(categories: [long], values: [5])).svg(width: 200, height: 120))
        let bar = bars.first { $0.width > 0 && $0.width < 200 }
        XCTAssertNotNil(bar)
        XCTAssertGreaterThan(bar?.width ?? 0, 40, "at least 30% of 200 px is kept for the bars")
    }

    /// 80 x 125 cells took 4 px each whatever the room, so the grid ran past the bottom of a
    /// 640 x 360 canvas (and the names overlapped); larger ones are averaged in blocks of
    /// cells at least 4 px wide, with every k-th name written.
    func testLargeHeatmapsFitTheCanvas() {
        for (rows, columns) in [(80, 125), (300, 300), (1000, 12)] {
            let values = (0..<rows).map { r in (0..<columns).map { Double((r * 7 + $0 * 3) % 50) } }
            let plot = Plot(title: "big", xLabel: "predicted", yLabel: "true",
                            content: .heatmap(rowLabels: (0..<rows).map { "row \($0)" }, columnLabels: (0..<columns).map { "column \($0)" }, values: values))
            for (width, height) in [(640, 360), (320, 200)] {
                let svg = plot.svg(width: width, height: height)
                let cells = boxes(svg).filter { $0.width > 0 && $0.width == $0.height }
                XCTAssertFalse(cells.isEmpty)
                for cell in cells {
                    XCTAssertLessThanOrEqual(cell.x + cell.width, Double(width) + 0.1, "\(rows)x\(columns) \(width)x\(height)")
                    XCTAssertLessThanOrEqual(cell.y + cell.height, Double(height) + 0.1, "\(rows)x\(columns) \(width)x\(height)")
                    XCTAssertGreaterThanOrEqual(cell.width, 3.9)
                }
                XCTAssertLessThan(svg.utf8.count, 1_500_000)
                let names = svg.components(separatedBy: ">row ").count - 1
                XCTAssertLessThanOrEqual(Double(names), Double(height) / 12 + 1, "row names at least a line apart")
                XCTAssertTrue(svg.contains(">row 0</text>"))
                if rows > 80 { XCTAssertTrue(svg.contains("averaged to"), "the description says so") }
            }
        }
    }

    /// Tick labels 24 characters long (values 1e-300 apart) took a 25-column margin, so in
    /// a 24-column terminal the chart itself was cut off: no axis, no point. The margin is
    /// now at most a third of the line, labels cut with "~".
    func testANarrowTerminalStillShowsTheChart() {
        let plot = Plot(title: "tiny", content: .line([.init(name: "", y: [-1.2345678901234e-300, -1.2345678901235e-300, -1.23456789012345e-300])]))
        let lines = plot.ascii(width: 24).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 24 })
        let chart = lines.filter { $0.contains("|") }
        XCTAssertFalse(chart.isEmpty, lines.joined(separator: "\n"))
        XCTAssertTrue(chart.allSatisfy { $0.prefix { $0 != "|" }.count <= 8 }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("*") }, "the points are drawn")
        XCTAssertTrue(lines.contains { $0.contains("~ +") }, "cut tick labels are marked")
    }

    /// Every sample, edge case and extreme plot in terminals from the narrowest allowed up,
    /// with and without a height: no trap, no line wider than asked.
    func testEveryPlotRendersInNarrowAndShortTerminals() {
        let long = String(repeating: "label ", count: 8)
        let extra: [(name: String, plot: Plot)] = [
            ("long ticks", Plot(title: long, xLabel: long, yLabel: long, content: .line([.init(name: long, x: [-1e-300, 1e-300], y: [-1.2345678901234e-300, -1.2345678901235e-300])]))),
            ("long bars", Plot(title: long, xLabel: long, yLabel: long, content: .bar(categories: [long], values: [-1.2345678901234e-300]))),
            ("big heatmap", Plot(title: "big", content: .heatmap(rowLabels: [long], columnLabels: [long], values: (0..<200).map { r in (0..<300).map { Double(r - $0) } }))),
            ("long image ticks", Plot(title: long, content: .image(values: [[1, 2]], xRange: -1.2345678901234e-300 ... -1.2345678901233e-300, yRange: 0...1e-300))),
        ]
        for (name, plot) in SamplePlots.all + EdgeCases.all + extra {
            for width in [24, 25, 30, 40] {
                for height in [nil, 1, 3, 8, 15] as [Int?] {
                    let text = plot.ascii(width: width, height: height)
                    for line in text.split(separator: "\n") {
                        XCTAssertLessThanOrEqual(line.count, width, "\(name) width \(width) height \(String(describing: height))")
                    }
                }
            }
        }
    }

    /// An 80 x 125 heatmap printed 80 lines showing 9 of its 125 columns; now every column
    /// is shaded (averaged in blocks when more than the line holds) in at most 60 rows, or
    /// the lines asked for, with the row names and the column names that fit.
    func testLargeHeatmapsFitTheTerminal() {
        let values = (0..<80).map { r in (0..<125).map { Double(r * $0) } }
        let plot = Plot(title: "big", xLabel: "predicted", yLabel: "true",
                        content: .heatmap(rowLabels: (0..<80).map { "row \($0)" }, columnLabels: (0..<125).map { "c\($0)" }, values: values))
        let text = plot.ascii(width: 80)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertLessThanOrEqual(lines.count, 70, text)
        XCTAssertFalse(text.contains("showing"), text)
        XCTAssertTrue(text.contains("80x125 cells shaded"), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("row 0 |") }, text)
        XCTAssertTrue(lines.contains { $0.contains("c0") }, "column names on the axis")
        // The last row, largest values: the darkest shade at its right end.
        XCTAssertTrue(lines.last { $0.contains("|") }?.hasSuffix("@") ?? false, text)
        let short = plot.ascii(width: 80, height: 30)
        XCTAssertLessThanOrEqual(short.split(separator: "\n").count, 30, short)
        // The lessons' confusion matrices keep their numbers.
        XCTAssertTrue(SamplePlots.confusionMatrix.ascii(width: 80).contains("@ 27"))
    }

    /// East Asian Width: CJK, Hangul, fullwidth forms and emoji take two terminal columns,
    /// combining marks none (an accent joins its letter's character).
    func testTerminalWidthOfCharacters() {
        XCTAssertEqual(TerminalWidth.of("a"), 1)
        XCTAssertEqual(TerminalWidth.of("中"), 2)
        XCTAssertEqual(TerminalWidth.of("한"), 2)
        XCTAssertEqual(TerminalWidth.of("カ"), 2)
        XCTAssertEqual(TerminalWidth.of("\u{FF71}"), 1, "halfwidth katakana")
        XCTAssertEqual(TerminalWidth.of("\u{FF21}"), 2, "fullwidth A")
        XCTAssertEqual(TerminalWidth.of("😀"), 2)
        XCTAssertEqual(TerminalWidth.of("\u{2764}\u{FE0F}"), 2, "heart with emoji presentation")
        XCTAssertEqual(TerminalWidth.of("e\u{301}"), 1)
        XCTAssertEqual(TerminalWidth.of(Character("\u{301}")), 0)
        XCTAssertEqual(TerminalWidth.of("ü中😀"), 5)
        XCTAssertEqual(TextLayout.fitted("悲伤悲伤悲伤", width: 5), "悲伤~")
        XCTAssertEqual(TextLayout.padLeft("中", 4), "  中")
    }

    /// Labels were measured in characters: a two-character Chinese name is four columns, so
    /// the bars and cells after it sat two columns right of the others'.
    func testWideLabelsKeepColumnsAligned() {
        // Measured apart from TerminalWidth: every non-ASCII character used here is wide.
        func displayWidth(_ text: String) -> Int { text.reduce(0) { $0 + ($1.isASCII ? 1 : 2) } }
        func columns(_ line: String, before marker: Character) -> Int? {
            line.firstIndex(of: marker).map { displayWidth(String(line[..<$0])) }
        }
        let bars = Plot(title: "情绪", content: .bar(categories: ["快乐", "sad", "😀 joy"], values: [1, 2, 3])).ascii(width: 40)
        let zeroLines = bars.split(separator: "\n").map(String.init).filter { $0.contains("|") }
        XCTAssertEqual(zeroLines.count, 3, bars)
        XCTAssertEqual(Set(zeroLines.compactMap { columns($0, before: "|") }).count, 1, "the zero line is one column:\n\(bars)")

        let heatmap = Plot(title: "", yLabel: "真实", content: .heatmap(rowLabels: ["快乐", "sad"], columnLabels: ["悲伤", "x"], values: [[10, 2], [3, 40]])).ascii(width: 40)
        let rows = heatmap.split(separator: "\n").map(String.init).filter { $0.hasPrefix("快乐") || $0.hasPrefix("sad") }
        XCTAssertEqual(rows.count, 2, heatmap)
        XCTAssertEqual(Set(rows.map { displayWidth($0) }).count, 1, "the last column ends in one place:\n\(heatmap)")

        let long = Plot(title: String(repeating: "中文", count: 30), content: .heatmap(rowLabels: [String(repeating: "行", count: 40)], columnLabels: (0..<30).map { "列\($0)" },
                                                                                       values: [(0..<30).map(Double.init)]))
        let line = Plot(title: "😀", content: .line([.init(name: String(repeating: "损失", count: 40), y: [1, 2])]))
        for plot in [long, line] {
            for width in [24, 40, 80] {
                for text in plot.ascii(width: width).split(separator: "\n") {
                    XCTAssertLessThanOrEqual(displayWidth(String(text)), width, String(text))
                }
            }
        }
    }

    /// A legend of 100 series took the whole figure and the chart said "no data"; a titled,
    /// labelled chart with a legend at 200 x 120 (the lessons' training curves) said the
    /// same, having 20 px left. The legend now keeps to a third of the room, ending in
    /// "and N more", and a chart down to 10 px tall is drawn.
    func testLegendsLeaveRoomForTheChart() {
        let many = Plot(title: "l", content: .line((0..<100).map { .init(name: "series \($0)", y: [Double($0), 1]) }))
        let svg = many.svg()
        XCTAssertFalse(svg.contains("no data"), svg)
        XCTAssertTrue(svg.contains(" more</text>"))
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 100)
        let small = Plot(title: "Training loss", xLabel: "epoch", yLabel: "loss",
                         content: .line([.init(name: "loss", y: [2.1, 1.4, 1.1, 0.9, 0.8])])).svg(width: 200, height: 120)
        XCTAssertTrue(small.contains("<path "), small)
        XCTAssertFalse(small.contains("no data"), small)
    }

    /// 5,000 categories wrote 5,000 overlapping names and values (a 1 MB SVG); now every
    /// k-th bar is labelled, a line of text apart.
    func testManyBarsAreLabelledALineApart() {
        let names = (0..<5000).map { "category \($0)" }
        let svg = Plot(title: "b", content: .bar(categories: names, values: names.indices.map(Double.init))).svg()
        let labels = svg.components(separatedBy: ">category ").count - 1
        XCTAssertGreaterThan(labels, 5)
        XCTAssertLessThanOrEqual(labels, 360 / 12 + 1)
        XCTAssertTrue(svg.contains(">category 0</text>"))
        XCTAssertLessThan(svg.utf8.count, 600_000)
    }

    /// The horizontal extent of every `<text>` of `svg` (its width estimated as the layout
    /// estimates it), with its content, baseline and font size.
    private func textExtents(_ svg: String) -> [(text: String, left: Double, right: Double, y: Double, size: Double)] {
        svg.matches(of: #/<text x="([-0-9.]+)" y="([-0-9.]+)"(?: text-anchor="(\w+)")?(?: font-size="([0-9.]+)")?[^>]*>([^<]*)</text>/#).map { match in
            let x = Double(match.1)!, size = match.4.flatMap { Double($0) } ?? SVGDocument.fontSize
            let width = SVGDocument.textWidth(String(match.5), size: size)
            let left = match.3 == "end" ? x - width : match.3 == "middle" ? x - width / 2 : x
            return (String(match.5), left, left + width, Double(match.2)!, size)
        }
    }

    /// At 200 px the values' room is capped at 35% of the width (so the bars keep theirs),
    /// and a value longer than that ran past the right edge of a bar that reaches the end
    /// of the axis: "1999999.875" ended at 213 px. Long values are now drawn in a smaller
    /// font, and never start so far right that they leave the figure.
    func testLongBarValuesStayInsideASmallFigure() {
        let plot = Plot(title: "features", content: .bar(categories: ["anger", "calm", "fear"], values: [1999999.875, 12.5, 987654.3]),
                        yRange: 0...2_000_000, valueDecimals: 3)
        for (width, height) in [(200, 120), (240, 160), (320, 200), (640, 360)] {
            let svg = plot.svg(width: width, height: height)
            for text in textExtents(svg) {
                XCTAssertLessThanOrEqual(text.right, Double(width) + 0.5, "'\(text.text)' at \(width) px")
                XCTAssertGreaterThanOrEqual(text.left, -0.5, "'\(text.text)' at \(width) px")
            }
            XCTAssertTrue(svg.contains(">1999999.875</text>"), "the value is written whole")
        }
        // Short values keep the ordinary font.
        let short = Plot(title: "recall", content: .bar(categories: ["a", "b"], values: [0.5, 0.25])).svg(width: 200, height: 120)
        XCTAssertTrue(short.contains("fill=\"#222222\">0.50</text>"), short)
    }

    /// A terminal bar chart took one line per category: 5,000 categories printed 5,000 lines
    /// (a heatmap keeps to 60 rows, or the lines asked for). Bars are categories, so they are
    /// not averaged together as a heatmap's cells are: the first ones are shown, and a note
    /// says how many are not and what values they hold.
    func testManyBarsFitTheTerminal() {
        let values = (0..<5000).map { Double($0 % 97) }
        let plot = Plot(title: "means", content: .bar(categories: values.indices.map { "feature \($0)" }, values: values))
        let text = plot.ascii(width: 80)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertLessThanOrEqual(lines.count, 62, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("feature 0 ") }, text)
        XCTAssertTrue(text.contains("of 5000 bars"), text)
        XCTAssertTrue(text.contains("0 to 96"), "the hidden bars' values are named: \(text)")
        let short = plot.ascii(width: 40, height: 12)
        XCTAssertLessThanOrEqual(short.split(separator: "\n").count, 12, short)
        XCTAssertTrue(short.contains("feature 0 "), short)
        // A chart that fits is drawn whole, as before.
        let few = Plot(title: "recall", content: .bar(categories: ["a", "b", "c"], values: [1, 2, 3])).ascii(width: 40, height: 4)
        XCTAssertEqual(few.split(separator: "\n").count, 4, few)
    }

    /// The shade scale was word-wrapped at its spaces, and its ramp starts with one (the
    /// lightest shade): in a narrow terminal "[" ended one line and ".:-=+*#%@]" began the
    /// next, the ramp torn apart and its blank shade lost. It now breaks only between its
    /// parts, the ramp whole.
    func testTheShadeScaleKeepsItsRampWhole() {
        let image = Plot(title: "spectrogram", content: .image(values: [[-80.125, -3.5], [-40.25, 0]], xRange: 0...1, yRange: 0...1),
                         valueLabel: "dB", valueDecimals: 3)
        let heatmap = Plot(title: "confusion", content: .heatmap(rowLabels: ["a", "b"], columnLabels: ["a", "b"], values: [[1234.5, 2], [3, 4]]),
                           valueLabel: "recordings", valueDecimals: 2)
        let big = Plot(title: "big", content: .heatmap(rowLabels: [], columnLabels: [], values: (0..<80).map { r in (0..<125).map { Double(r - $0) * 1000.25 } }),
                       valueLabel: "difference", valueDecimals: 2)
        let ramp = "[" + String(TextLayout.ramp) + "]"
        for plot in [image, heatmap, big] {
            for width in [24, 28, 32, 40] {
                let text = plot.ascii(width: width)
                XCTAssertTrue(text.contains(ramp), "width \(width):\n\(text)")
                XCTAssertFalse(text.split(separator: "\n").contains { $0.hasSuffix("[") }, "width \(width):\n\(text)")
            }
        }
    }

    /// A horizontal axis got a tick about every 80 px however long its labels were: in a
    /// bar chart 200 px wide "-1000000" ran into "0", and a line chart's x ticks 1e-7 apart
    /// ("1000000.0000001") overlapped at every size up to 2000 px. Where labels would meet
    /// there are now fewer ticks, and where even two are too many, a smaller font (not
    /// below 6 px): no two texts on one line overlap, at any size.
    func testAxisTickLabelsNeverOverlap() {
        let plots = [
            Plot(title: "bar", content: .bar(categories: ["neutral", "calm", "happy"], values: [-1_000_000, 5, 20])),
            Plot(title: "wide", content: .bar(categories: ["a", "b", "c"], values: [-1_000_000, 250_000, 999_999])),
            Plot(title: "fixed", content: .bar(categories: ["a", "b"], values: [0.5, 1]), yRange: -1_000_000...1_000_000),
            Plot(title: "line", content: .line([.init(name: "", x: [-1234567.5, 9876543.25], y: [0, 1])])),
            Plot(title: "close", content: .line([.init(name: "", x: [1_000_000, 1_000_000.000001], y: [0, 1])])),
            Plot(title: "image", content: .image(values: [[0, 1], [1, 0]], xRange: -1e9...1e9, yRange: 0...1)),
        ]
        for plot in plots {
            for (width, height) in [(200, 120), (240, 160), (320, 200), (480, 270), (640, 360), (2000, 400)] {
                let texts = textExtents(plot.svg(width: width, height: height))
                for (k, a) in texts.enumerated() {
                    XCTAssertGreaterThanOrEqual(a.size, 6, "'\(a.text)' of \(plot.title) at \(width) px")
                    for b in texts[(k + 1)...] where b.y == a.y {
                        XCTAssertTrue(a.right <= b.left || b.right <= a.left, "'\(a.text)' and '\(b.text)' of \(plot.title) at \(width) px")
                    }
                }
            }
        }
        // The bar chart at 200 px keeps its three ticks, in a smaller font (9.6 px).
        let bars = plots[0].svg(width: 200, height: 120)
        for tick in ["-1000000", "0", "1000000"] {
            XCTAssertTrue(bars.contains("font-size=\"9.6\" fill=\"#222222\">\(tick)</text>"), bars)
        }
    }

    /// The terminal legend listed every series: 300 printed about 60 lines of names under
    /// a chart given 24 lines. As the SVG legend, it keeps to a third of the lines (of the
    /// whole chart when no height is given), the last ending in "and N more".
    func testTheTerminalLegendEndsInAndNMore() {
        let plot = Plot(title: "many", content: .line((0..<300).map { .init(name: "series \($0)", y: [Double($0), 1]) }))
        for width in [24, 80, 200] {
            for height in [nil, 8, 12, 24, 60] as [Int?] {
                let text = plot.ascii(width: width, height: height)
                let lines = text.split(separator: "\n").map(String.init)
                guard let legendStart = lines.firstIndex(where: { $0.hasPrefix("  * series 0") }),
                      let more = lines.last?.firstMatch(of: #/and (\d+) more$/#) else {
                    XCTFail("width \(width), height \(String(describing: height)):\n\(text)")
                    continue
                }
                let legend = lines.count - legendStart
                XCTAssertLessThanOrEqual(legend, height.map { max(1, ($0 - 1) / 3) } ?? 10, text)
                if let height { XCTAssertLessThanOrEqual(lines.count, height, text) }
                let shown = text.components(separatedBy: "series ").count - 1
                XCTAssertEqual(shown + Int(more.1)!, 300, text)
            }
        }
        // A legend that fits is written whole.
        let two = Plot(title: "t", content: .line([.init(name: "loss", y: [1, 0.5]), .init(name: "accuracy", y: [0.2, 0.9])]))
        XCTAssertTrue(two.ascii(width: 40).hasSuffix("  * loss   o accuracy"), two.ascii(width: 40))
    }
}
