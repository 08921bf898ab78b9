import XCTest
@testable import Plots

final class NiceTicksTests: XCTestCase {
    func testCoveringTicksEncloseTheDataWithOneTwoFiveSteps() {
        let cases: [(Double, Double, Int)] = [(0.42, 0.91, 5), (1, 30, 6), (-80, 0, 5), (0.001, 0.0042, 4), (1234, 98765, 7)]
        for (lo, hi, count) in cases {
            let ticks = NiceTicks.covering(lo, hi, count: count)
            guard let first = ticks.values.first, let last = ticks.values.last else {
                return XCTFail("no ticks for \(lo)...\(hi)")
            }
            XCTAssertLessThanOrEqual(first, lo)
            XCTAssertGreaterThanOrEqual(last, hi)
            let mantissa = ticks.step / pow(10, log10(ticks.step).rounded(.down))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(ticks.step)")
            XCTAssertTrue((2...count * 2).contains(ticks.values.count), "\(ticks.values) for \(lo)...\(hi)")
            for (a, b) in zip(ticks.values, ticks.values.dropFirst()) {
                XCTAssertEqual(b - a, ticks.step, accuracy: ticks.step * 1e-9)
            }
        }
    }

    func testKnownTicksAndDecimals() {
        let accuracy = NiceTicks.covering(0.42, 0.91, count: 5)
        XCTAssertEqual(accuracy.values.map { NumberFormat.fixed($0, decimals: accuracy.decimals) },
                       ["0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
        let epochs = NiceTicks.inside(1, 30, count: 6)
        XCTAssertEqual(epochs.values, [5, 10, 15, 20, 25, 30])
        XCTAssertEqual(epochs.decimals, 0)
    }

    func testInsideTicksStayInsideAndKeepEndsDespiteRounding() {
        let ticks = NiceTicks.inside(0.1, 0.3, count: 3)
        XCTAssertEqual(ticks.values.count, 3, "\(ticks.values)")
        XCTAssertTrue(ticks.values.allSatisfy { $0 >= 0.1 - 1e-12 && $0 <= 0.3 + 1e-12 })
    }

    func testDegenerateAndNonFiniteRangesGiveUsableTicks() {
        XCTAssertFalse(NiceTicks.covering(5, 5, count: 5).values.isEmpty)
        XCTAssertFalse(NiceTicks.covering(0, 0, count: 5).values.isEmpty)
        let bad = NiceTicks.covering(.nan, .infinity, count: 5)
        XCTAssertTrue(bad.values.allSatisfy(\.isFinite))
        XCTAssertFalse(bad.values.isEmpty)
        XCTAssertFalse(NiceTicks.covering(0, 1, count: 0).values.isEmpty)
    }

    /// `upper - lower` overflows to infinity for these ranges, which once left no ticks.
    func testRangesNearDoublesLimitsGetFiniteTicks() {
        let huge = Double.greatestFiniteMagnitude, float = Double(Float.greatestFiniteMagnitude)
        let ranges: [(Double, Double)] = [(-1e308, 1e308), (-huge, huge), (0, huge), (-huge, 0), (1e308, huge), (-float, float)]
        for (lo, hi) in ranges {
            for count in [2, 5, 6, 11] {
                let covering = NiceTicks.covering(lo, hi, count: count)
                XCTAssertFalse(covering.values.isEmpty, "\(lo)...\(hi), \(count)")
                XCTAssertTrue(covering.values.allSatisfy(\.isFinite) && covering.step.isFinite, "\(covering)")
                let ends = covering.axisEnds(lo, hi)
                XCTAssertTrue(ends.lower <= lo && ends.upper >= hi && ends.lower.isFinite && ends.upper.isFinite, "\(ends)")
                let inside = NiceTicks.inside(lo, hi, count: count)
                XCTAssertFalse(inside.values.isEmpty, "\(lo)...\(hi), \(count)")
                XCTAssertTrue(inside.values.allSatisfy { $0 >= lo && $0 <= hi }, "\(inside.values)")
            }
        }
        // A constant series at the limit: the widened range stays finite.
        for value in [huge, -huge] {
            let (lo, hi) = NiceTicks.widened(value, value)
            XCTAssertTrue(lo < hi && lo.isFinite && hi.isFinite, "\(lo)...\(hi)")
            let ticks = NiceTicks.covering(value, value, count: 5)
            XCTAssertTrue(!ticks.values.isEmpty && ticks.values.allSatisfy(\.isFinite), "\(ticks)")
        }
        XCTAssertEqual(NiceTicks.covering(-1e308, 1e308, count: 6).values, [-1e308, -5e307, 0, 5e307, 1e308])
        XCTAssertEqual(NiceTicks.covering(-huge, huge, count: 6).values, [-1e308, 0, 1e308])
    }
}

final class NumberFormatTests: XCTestCase {
    /// Exact ties go to the even digit, as printf rounds them: a recall of 20/32 prints
    /// 0.62 in a lesson's table (String(format: "%.2f")) and in its bar chart alike.
    func testFixedRoundsAsPrintfWithoutNegativeZero() {
        XCTAssertEqual(NumberFormat.fixed(0.125, decimals: 2), "0.12")
        XCTAssertEqual(NumberFormat.fixed(-0.125, decimals: 2), "-0.12")
        XCTAssertEqual(NumberFormat.fixed(20.0 / 32, decimals: 2), String(format: "%.2f", 20.0 / 32))
        XCTAssertEqual(NumberFormat.fixed(0.375, decimals: 2), String(format: "%.2f", 0.375))
        XCTAssertEqual(NumberFormat.fixed(-0.001, decimals: 2), "0.00")
        XCTAssertEqual(NumberFormat.fixed(0.30000000000000004, decimals: 1), "0.3")
        XCTAssertEqual(NumberFormat.fixed(1234.5, decimals: 0), "1234")
        XCTAssertEqual(NumberFormat.fixed(1235.5, decimals: 0), "1236")
        XCTAssertEqual(NumberFormat.fixed(0.05, decimals: 3), "0.050")
        XCTAssertEqual(NumberFormat.fixed(.nan, decimals: 2), "nan")
        XCTAssertEqual(NumberFormat.fixed(-.infinity, decimals: 2), "-inf")
        XCTAssertEqual(NumberFormat.compact(12.50, decimals: 1), "12.5")
        XCTAssertEqual(NumberFormat.compact(3.0, decimals: 1), "3")
        XCTAssertEqual(NumberFormat.compact(-0.04, decimals: 1), "0")
    }

    func testDecimalsForCountsAndFractions() {
        XCTAssertEqual(NumberFormat.decimals(forValues: [0, 3, 27, .nan]), 0)
        XCTAssertEqual(NumberFormat.decimals(forValues: [0.1, 0.93]), 2)
        XCTAssertEqual(NumberFormat.decimals(forValues: [-80.5, -3]), 1)
    }

    func testViridisEndsAndLuminanceRises() {
        XCTAssertEqual(ColorMap.viridis(0).hex, "#440154")
        XCTAssertEqual(ColorMap.viridis(1).hex, "#fde725")
        let steps = (0...20).map { ColorMap.viridis(Double($0) / 20).luminance }
        XCTAssertEqual(steps, steps.sorted(), "viridis must get lighter monotonically (readable in grey)")
    }
}
