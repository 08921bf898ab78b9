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
