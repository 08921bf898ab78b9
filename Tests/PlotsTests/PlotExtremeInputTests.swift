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
}
