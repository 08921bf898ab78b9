@testable import Audio
import XCTest

/// resampy 0.2.2 `kaiser_fast` and librosa's `resample` wrapper, against values they
/// produced (`scripts/reference/librosa_cqt.py`).
final class ResampleTests: XCTestCase {
    /// The table built from resampy's recipe equals the one resampy ships, to rounding.
    func testKaiserFastTableMatchesResampysShippedTable() throws {
        let shipped = try CQTFixtures.doubles("kaiser_fast_half_window")
        let built = Resampy.Filter.kaiserFast.halfWindow
        XCTAssertEqual(built.count, shipped.count)
        var worst = 0.0
        for (a, b) in zip(built, shipped) { worst = max(worst, abs(a - b)) }
        print("kaiser_fast table: max |built - shipped| = \(worst)")
        XCTAssertLessThan(worst, 1e-14)
    }

    /// Halving (the CQT's octave step) follows resampy's float32 accumulation, so the
    /// output agrees to within one float32 rounding (table values differ by ~1e-17).
    func testHalvingMatchesResampy() throws {
        for name in ["chord48k", "chirp22k"] {
            let x = try CQTFixtures.floats("\(name)_input")
            let sr = Double(try CQTFixtures.meta(name).sr)
            let expected = try CQTFixtures.floats("\(name)_resampy_half")
            let got = try Resampy.resample(x, from: sr, to: sr / 2)
            XCTAssertEqual(got.count, expected.count)
            let scale = expected.map { abs($0) }.max() ?? 1
            var worst: Float = 0
            for (a, b) in zip(got, expected) { worst = max(worst, abs(a - b)) }
            print("\(name) resampy 1/2: max abs diff \(worst) (signal max \(scale))")
            XCTAssertLessThanOrEqual(worst, 2 * scale.ulp)
        }
    }

    /// A ratio that is not 1/2 exercises the general loop with interpolated taps.
    func testGeneralRatioMatchesResampy() throws {
        for name in ["chord48k", "chirp22k"] {
            let x = try CQTFixtures.floats("\(name)_input")
            let sr = Double(try CQTFixtures.meta(name).sr)
            let expected = try CQTFixtures.floats("\(name)_resampy_44100")
            let got = try Resampy.resample(x, from: sr, to: 44100)
            XCTAssertEqual(got.count, expected.count)
            let scale = expected.map { abs($0) }.max() ?? 1
            var worst: Float = 0
            for (a, b) in zip(got, expected) { worst = max(worst, abs(a - b)) }
            print("\(name) resampy ->44100: max abs diff \(worst)")
            XCTAssertLessThanOrEqual(worst, 4 * scale.ulp)
        }
    }

    /// librosa's wrapper: length ceil(n/2), zero-padded, divided by sqrt(1/2).
    func testLibrosaResampleFixesLengthAndScales() throws {
        let x = try CQTFixtures.floats("chord48k_input")
        let expected = try CQTFixtures.floats("chord48k_librosa_half")
        let got = try resample(x, from: 2, to: 1, filter: .kaiserFast, scale: true)
        XCTAssertEqual(got.count, expected.count)
        let scale = expected.map { abs($0) }.max() ?? 1
        var worst: Float = 0
        for (a, b) in zip(got, expected) { worst = max(worst, abs(a - b)) }
        XCTAssertLessThanOrEqual(worst, 2 * scale.ulp)
        // Odd length: the last sample is librosa's zero padding.
        let odd = try resample(Array(x.prefix(101)), from: 2, to: 1, filter: .kaiserFast)
        XCTAssertEqual(odd.count, 51)
        XCTAssertEqual(odd.last, 0)
    }

    /// Short inputs (fewer samples than the filter spans) take the edge path of the
    /// halving kernel; it must agree with resampy's general loop at every length.
    func testHalvingShortSignalsMatchesGeneralLoop() throws {
        let x = try CQTFixtures.floats("chord48k_input")
        let win = Resampy.Filter.kaiserFast.halfWindow.map { $0 * 0.5 }
        var delta = [Double](repeating: 0, count: win.count)
        for i in 0..<(win.count - 1) { delta[i] = win[i + 1] - win[i] }
        for n in [2, 3, 31, 32, 33, 63, 64, 65, 97] {
            let part = Array(x[1000..<(1000 + n)])
            var expected = [Float](repeating: 0, count: n / 2)
            Resampy.interpolate(part, into: &expected, ratio: 0.5, window: win, delta: delta, precision: 512)
            XCTAssertEqual(try Resampy.resample(part, from: 2, to: 1), expected, "length \(n)")
        }
    }

    /// Long inputs take the vector kernel (32 outputs at a time, each rounded to Float
    /// after every tap in Double lanes); bit for bit what resampy's general loop gives.
    func testHalvingLongSignalMatchesGeneralLoop() throws {
        let x = try CQTFixtures.floats("chord48k_input")
        let win = Resampy.Filter.kaiserFast.halfWindow.map { $0 * 0.5 }
        var delta = [Double](repeating: 0, count: win.count)
        for i in 0..<(win.count - 1) { delta[i] = win[i + 1] - win[i] }
        for n in [200, 1001, min(x.count, 6000)] {
            let part = Array(x.prefix(n))
            var expected = [Float](repeating: 0, count: n / 2)
            Resampy.interpolate(part, into: &expected, ratio: 0.5, window: win, delta: delta, precision: 512)
            let got = try Resampy.resample(part, from: 2, to: 1)
            XCTAssertEqual(got.count, expected.count)
            let differing = zip(got, expected).filter { $0.bitPattern != $1.bitPattern }.count
            XCTAssertEqual(differing, 0, "length \(n): \(differing) of \(expected.count) samples differ")
        }
    }

    /// Longer signals (several chunks of the lanes' buffer, every tail) at levels from
    /// loud to far below Float's normal range, and a normal signal holding a few
    /// denormal samples: each output equals the general loop's, where the Float store
    /// rounds a tiny sum to the subnormal grid.
    func testHalvingMatchesGeneralLoopAtEveryLevel() throws {
        let chord = try CQTFixtures.floats("chord48k_input")
        let win = Resampy.Filter.kaiserFast.halfWindow.map { $0 * 0.5 }
        var delta = [Double](repeating: 0, count: win.count)
        for i in 0..<(win.count - 1) { delta[i] = win[i + 1] - win[i] }
        func check(_ x: [Float], _ label: String) throws {
            var expected = [Float](repeating: 0, count: x.count / 2)
            Resampy.interpolate(x, into: &expected, ratio: 0.5, window: win, delta: delta, precision: 512)
            let got = try Resampy.resample(x, from: 2, to: 1)
            let differing = zip(got, expected).filter { $0.bitPattern != $1.bitPattern }.count
            XCTAssertEqual(differing, 0, "\(label): \(differing) of \(expected.count) samples differ")
        }
        let long = (0..<9_001).map { chord[$0 % chord.count] * (1 + Float($0 % 7) * 0.1) }
        for level: Float in [1, 3e4, 1e-20, 1e-36, 1e-38, 1e-40] {
            try check(long.map { $0 * level }, "level \(level)")
        }
        // Near Float's largest: sums pass it, where each tap's Float store gives infinity.
        let peak = long.map(abs).max() ?? 1
        try check(long.map { $0 / peak * 3.3e38 }, "peak 3.3e38")
        try check([Float](repeating: 3.3e38, count: 3_000), "constant 3.3e38")
        var speckled = long
        for i in stride(from: 2_500, to: speckled.count, by: 3_001) { speckled[i] = 1e-41 }
        try check(speckled, "denormal samples in a loud signal")
    }

    func testRejectsBadRatesAndEmptyOutput() {
        XCTAssertThrowsError(try Resampy.resample([1, 2, 3], from: 0, to: 1))
        XCTAssertThrowsError(try Resampy.resample([1], from: 48000, to: 24000))
    }
}
