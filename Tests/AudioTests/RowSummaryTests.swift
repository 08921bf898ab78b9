import Audio
import XCTest

/// `rowMeans` and `rowStandardDeviations` sum four rows at a time; each row's sum must
/// still be the plain running sum in column order, bit for bit, whatever the row count
/// (the last rows go alone) and for rows without columns.
final class RowSummaryTests: XCTestCase {
    func testRowSummariesEqualPlainRunningSums() {
        var state: UInt64 = 0x5EED
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Float(state >> 40) / Float(1 << 24)
            return (unit - 0.3) * Float(1 << Int(state >> 60))  // mixed signs and magnitudes
        }
        for (rows, columns) in [(1, 1), (3, 17), (4, 430), (5, 430), (9, 33), (12, 1), (40, 430), (128, 7)] {
            var m = Matrix(rows: rows, columns: columns)
            for r in 0..<rows { for t in 0..<columns { m[r, t] = next() } }
            var means = [Double](), deviations = [Double]()
            for r in 0..<rows {
                var s = 0.0
                for t in 0..<columns { s += Double(m[r, t]) }
                means.append(s / Double(columns))
                var q = 0.0
                for t in 0..<columns { let d = Double(m[r, t]) - means[r]; q += d * d }
                deviations.append((q / Double(columns)).squareRoot())
            }
            XCTAssertEqual(m.rowMeans().map(\.bitPattern), means.map(\.bitPattern), "\(rows) x \(columns)")
            XCTAssertEqual(m.rowStandardDeviations().map(\.bitPattern), deviations.map(\.bitPattern), "\(rows) x \(columns)")
        }
        let empty = Matrix(rows: 3, columns: 0)
        XCTAssertEqual(empty.rowMeans(), [0, 0, 0])
        XCTAssertEqual(empty.rowStandardDeviations(), [0, 0, 0])
    }
}
