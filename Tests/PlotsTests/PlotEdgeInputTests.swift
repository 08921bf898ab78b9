import XCTest
@testable import Plots

/// Inputs a sweep found that crashed a plot, misprinted its numbers or let text break the
/// terminal.
final class PlotEdgeInputTests: XCTestCase {
    /// An x range of one subnormal step: no power of ten is that small, so the tick step
    /// is the spacing itself (it was 0, and counting decimals of 0 trapped).
    func testASubnormalRangeDrawsWithoutTrapping() {
        let plot = Plot(title: "t", content: .line([.init(name: "a", x: [0, 1e-323], y: [1, 2])]))
        XCTAssertTrue(plot.svg(width: 200).hasPrefix("<svg"))
        XCTAssertFalse(plot.ascii().isEmpty)
        XCTAssertEqual(NiceTicks(values: [], step: 0).decimals, 0)
    }

    /// Sizes far outside what a page or terminal holds are clamped, not converted to Int
    /// until they overflow.
    func testHugeAndNegativeSizesAreClamped() {
        let plot = Plot(title: "t", content: .line([.init(name: "a", y: [1, 2, 3])]))
        XCTAssertTrue(plot.svg(width: Int.max, height: Int.max).contains("viewBox=\"0 0 100000 100000\""))
        XCTAssertFalse(plot.ascii(width: 80, height: Int.min).isEmpty)
        XCTAssertLessThanOrEqual(plot.ascii(width: Int.max, height: 30).split(separator: "\n").map(\.count).max() ?? 0, 10_000)
    }

    /// Small values keep about three significant digits (0.004 printed as 0.00 before).
    func testSmallValuesAreNotPrintedAsZero() {
        XCTAssertEqual(NumberFormat.decimals(forValues: [0.001, 0.004]), 5)
        XCTAssertEqual(NumberFormat.decimals(forValues: [0.5, 0.94]), 2, "unchanged from 0.1 up")
        let bars = Plot(title: "recall", content: .bar(categories: ["a", "b"], values: [0.001, 0.004])).ascii()
        XCTAssertTrue(bars.contains("0.00400"), bars)
        XCTAssertTrue(bars.contains("0.00100"), bars)
    }

    /// Ticks 1e-300 apart print in exponent form instead of twelve zeros each.
    func testTinyTicksAreToldApart() {
        XCTAssertEqual(NumberFormat.fixed(2e-300, decimals: 300), "2e-300")
        XCTAssertEqual(NumberFormat.fixed(0, decimals: 300), "0.000000000000")
        let text = Plot(title: "t", content: .line([.init(name: "a", y: [1e-300, 2e-300, 3e-300])])).ascii()
        XCTAssertTrue(text.contains("e-300"), text)
    }

    /// A very tall chart still has y ticks (1,250 were asked for; 1,000 or more came back
    /// as none).
    func testATallChartKeepsItsTicks() {
        XCTAssertFalse(NiceTicks.covering(0, 1000, count: 1250).values.isEmpty)
        XCTAssertLessThanOrEqual(NiceTicks.covering(0, 1000, count: 1250).values.count, 60)
    }

    /// Series 8 no longer looks exactly like series 1 in SVG (colours and dashes both came
    /// round every seven series).
    func testEveryFourteenSeriesDifferInColourOrDash() {
        let styles = (0..<14).map { (ColorMap.series[$0 % ColorMap.series.count].hex, SVGStyle.dash(forSeries: $0)) }
        for i in 0..<14 {
            for j in (i + 1)..<14 {
                XCTAssertFalse(styles[i] == styles[j], "series \(i + 1) and \(j + 1) look alike")
            }
        }
    }

    /// Control characters in a title or name become spaces: a newline, a tab or a terminal
    /// escape would break the layout or reach the terminal as a command.
    func testControlCharactersInLabelsAreSpaces() {
        let plot = Plot(title: "bad\u{1B}[2Jtitle\nline", content: .bar(categories: ["a\tb", "c\u{7}"], values: [1, 2]))
        let text = plot.ascii()
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text)
        XCTAssertTrue(text.contains("bad [2Jtitle line"), text)
    }

    /// An image whose rows differ in length trapped: averaging a row shorter than the
    /// block's first column made a range whose start was past its end. The missing cells
    /// are read as NaN, as documented.
    func testRaggedImageRowsAreReadAsPadded() {
        let grid = BlockMean.reduce([[], [1, 2, 3], [4]], rows: 3, columns: 3)
        XCTAssertEqual(grid.count, 3)
        XCTAssertTrue(grid[0].allSatisfy(\.isNaN))
        XCTAssertEqual(grid[1], [1, 2, 3])
        XCTAssertEqual(grid[2][0], 4)
        XCTAssertTrue(grid[2][1].isNaN && grid[2][2].isNaN)
        let plot = Plot(title: "ragged", content: .image(values: [[], [1, 2, 3], [4]], xRange: 0...1, yRange: 0...1))
        XCTAssertTrue(plot.svg().contains("<path"))
        XCTAssertTrue(plot.ascii().contains("? = no value"))
    }
}
