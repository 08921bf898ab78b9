import XCTest
@testable import Plots

/// No text of a chart reaches outside it: in SVG every `<text>` within the viewBox, in the
/// terminal no line wider than asked, for every kind of chart with extreme inputs.
final class TextStaysInsideTests: XCTestCase {
    static let svgSizes = [(200, 120), (200, 600), (240, 160), (320, 200), (480, 270), (640, 360), (1200, 600), (2000, 120), (2000, 600)]
    static let terminalWidths = [24, 25, 26, 27, 30, 33, 40, 50, 64, 79, 80, 81, 100, 120, 160, 199, 200]

    private var plots: [(name: String, plot: Plot)] { TextBoundsCases.all + SamplePlots.all + EdgeCases.all }

    /// A line chart whose x runs 1000000 to 1000000.000001 (ticks 1e-7 apart) drew its first
    /// tick label, centred on the axis's left end, starting left of a 200 px figure.
    func testTheFirstLongXTickLabelStartsInsideTheFigure() {
        let plot = TextBoundsCases.lines[0].plot
        let svg = plot.svg(width: 200, height: 120)
        let ticks = SVGTextBox.all(in: svg).filter { $0.text.hasPrefix("1000000") }
        XCTAssertFalse(ticks.isEmpty, svg)
        for tick in ticks {
            XCTAssertGreaterThanOrEqual(tick.left, 0, "'\(tick.text)' starts at \(tick.left) px")
            XCTAssertLessThanOrEqual(tick.right, 200, "'\(tick.text)' ends at \(tick.right) px")
            XCTAssertGreaterThanOrEqual(tick.size, 6)
        }
    }

    /// Every text of every chart at 200 x 120 to 2000 x 600 lies within the viewBox, in a
    /// font of at least 6 px. (Coordinates are written to a tenth of a pixel.)
    func testEverySVGTextLiesWithinTheViewBox() {
        var outside: [String] = []
        for (name, plot) in plots {
            for (width, height) in Self.svgSizes {
                for box in SVGTextBox.all(in: plot.svg(width: width, height: height)) {
                    let overflow = box.overflow(width: Double(width), height: Double(height))
                    if overflow > 0.1 || box.size < 6 {
                        outside.append("\(name) at \(width)x\(height): '\(box.text.prefix(40))' \(box.size) px, x \(box.left)...\(box.right), y \(box.top)...\(box.bottom)")
                    }
                }
            }
        }
        XCTAssertTrue(outside.isEmpty, "\(outside.count) texts outside the viewBox:\n" + outside.joined(separator: "\n"))
    }

    /// Every number of a confusion matrix stays inside its own cell: 2 x 2 to 12 x 12
    /// counts up to 99999, and shares of them to 3 decimals, at 200 x 120 to 2000 x 600.
    /// A 5-character number ("12345", "0.125") at 0.42 of its cell is 1.26 cells wide,
    /// so it ran over its neighbours' numbers. A number is left out only where not even
    /// 6 px fits (or the cell is too small for 6 px), and is then its cell's <title>,
    /// unless cells are averaged in blocks.
    func testEveryHeatmapNumberStaysInsideItsCell() {
        var wrong: [String] = [], written = 0, cellCount = 0
        for classes in [2, 3, 6, 8, 12] {
            for plot in Self.confusionMatrices(classes: classes) {
                for (width, height) in Self.svgSizes + [(600, 360), (400, 300)] {
                    let svg = plot.svg(width: width, height: height)
                    let numbers = SVGTextBox.all(in: svg).filter { Double($0.text) != nil }
                    // Cells averaged in blocks (under 4 px) show means: no number, no title.
                    let averaged = svg.contains("averaged to")
                    for cell in SVGCellBox.all(in: svg) {
                        cellCount += 1
                        // A cell's number is the one anchored in it.
                        let inside = numbers.filter { cell.contains(x: $0.x, y: $0.y) }
                        let place = "\(plot.title) \(classes)x\(classes) at \(width)x\(height), cell at \(cell.x), \(cell.y) (\(cell.size) px)"
                        guard let number = inside.first else {
                            if let title = cell.title, Double(title) != nil {
                                // Left out only where not even 6 px fits: too wide, or a cell
                                // under 14.3 px (6 px is 0.42 of it). Sizes are written to 0.1 px.
                                if SVGDocument.textWidth(title, size: 6) < cell.size - 0.1 && cell.size * 0.42 > 6.05 {
                                    wrong.append("\(place): '\(title)' left out, though it fits at 6 px")
                                }
                            } else if !averaged {
                                wrong.append("\(place): no number and no title")
                            }
                            continue
                        }
                        written += 1
                        // Coordinates and sizes are written to a tenth of a pixel: the centre and
                        // each edge may move 0.05 px, a 5-character number's half width 0.08 px.
                        if cell.overflow(of: number) > 0.2 || number.size < 6 || inside.count > 1 {
                            wrong.append("\(place): '\(number.text)' \(number.size) px, x \(number.left)...\(number.right)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(written, cellCount / 3, "numbers are written where they fit")
        XCTAssertTrue(wrong.isEmpty, "\(wrong.count) numbers outside their cells or left out:\n" + wrong.joined(separator: "\n"))
    }

    /// A `classes` x `classes` confusion matrix of counts of 1 to 5 digits (99999 on the
    /// diagonal), and the same as shares of each row to 3 decimals.
    private static func confusionMatrices(classes: Int) -> [Plot] {
        let names = (0..<classes).map { "class \($0)" }
        let offDiagonal: [Double] = [0, 7, 42, 512, 9999, 12345]
        let counts: [[Double]] = (0..<classes).map { (r: Int) -> [Double] in
            (0..<classes).map { (c: Int) -> Double in r == c ? 99999 : offDiagonal[(r + 2 * c) % offDiagonal.count] }
        }
        let shares: [[Double]] = counts.map { (row: [Double]) -> [Double] in
            let total = row.reduce(0, +)
            return row.map { $0 / total }
        }
        return [Plot(title: "counts", xLabel: "predicted", yLabel: "true", content: .heatmap(rowLabels: names, columnLabels: names, values: counts),
                     valueLabel: "recordings"),
                Plot(title: "shares", content: .heatmap(rowLabels: names, columnLabels: names, values: shares), valueDecimals: 3)]
    }

    /// Every line of every chart in terminals 24 to 200 columns wide, with and without a
    /// height, keeps to the width (in terminal columns: CJK and emoji count two).
    func testEveryTerminalLineKeepsToTheWidth() {
        var over: [String] = []
        for (name, plot) in plots {
            for width in Self.terminalWidths {
                for height in [nil, 8, 24] as [Int?] {
                    for line in plot.ascii(width: width, height: height).split(separator: "\n") where TerminalWidth.of(String(line)) > width {
                        over.append("\(name) at \(width) columns, height \(String(describing: height)): '\(line)'")
                    }
                }
            }
        }
        XCTAssertTrue(over.isEmpty, "\(over.count) lines too wide:\n" + over.joined(separator: "\n"))
    }
}
