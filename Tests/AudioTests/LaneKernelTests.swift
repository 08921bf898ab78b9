@testable import Audio
import Foundation
import XCTest

/// The lane kernels against the scalar code they replace: they must give the
/// same bits, not just close values (see `LaneAtan2` for why).
final class LaneKernelTests: XCTestCase {
    /// `LaneAtan2.atanOfPositive` against the library's `atanf` on every 97th
    /// non-negative finite Float (22 million values over all exponents). The whole range
    /// (2^31 values) was checked once when the kernel was written.
    func testAtanMatchesLibraryBitForBit() throws {
        // The kernel follows glibc's atanf; elsewhere (Apple's libm) it is switched off.
        try XCTSkipUnless(LaneAtan2.matchesPlatform, "this platform's atan2f is not glibc's: the scalar path is used")
        let end: UInt32 = 0x7F80_0000
        var differing = 0
        var b: UInt32 = 0
        while b < end {
            var t = LaneAtan2.Lanes()
            for l in 0..<t.scalarCount { t[l] = Float(bitPattern: min(b &+ UInt32(l) &* 97, end - 1)) }
            let lanes = LaneAtan2.atanOfPositive(t)
            for l in 0..<t.scalarCount where lanes[l].bitPattern != atanf(t[l]).bitPattern { differing += 1 }
            b &+= UInt32(LaneAtan2.Lanes.scalarCount) * 97
        }
        XCTAssertEqual(differing, 0)
    }

    /// `LaneAtan2.atan2` against `atan2f` for random bit patterns (every sign, zeros,
    /// infinities and NaN among them) and STFT-like values, and the masked bins against
    /// `maskedBin`.
    func testAtan2AndMaskedBinsMatchScalarBitForBit() {
        #if canImport(Glibc)
        XCTAssertTrue(LaneAtan2.matchesPlatform)
        #endif
        var generator = SplitMix(seed: 42)
        var differing = 0
        // The kernel follows glibc's atan2f; elsewhere it is off and only the masked bins
        // (which then fall back to the scalar code) are compared.
        for round in 0..<(LaneAtan2.matchesPlatform ? 200_000 : 0) {
            var y = LaneAtan2.Lanes(), x = LaneAtan2.Lanes()
            for l in 0..<y.scalarCount {
                let r = generator.next()
                if round % 2 == 0 {
                    y[l] = Float(bitPattern: UInt32(truncatingIfNeeded: r))
                    x[l] = Float(bitPattern: UInt32(truncatingIfNeeded: r >> 32))
                } else {
                    y[l] = Float(Int32(truncatingIfNeeded: r)) * 1e-6
                    x[l] = Float(Int32(truncatingIfNeeded: r >> 32)) * 1e-6
                }
            }
            let lanes = LaneAtan2.atan2(y, x)
            for l in 0..<y.scalarCount {
                let scalar = atan2f(y[l], x[l])
                if lanes[l].bitPattern != scalar.bitPattern && !(lanes[l].isNaN && scalar.isNaN) { differing += 1 }
            }
        }
        XCTAssertEqual(differing, 0)

        let re = (0..<1003).map { Float($0 % 17) - 8.5 + 0.001 * Float($0) }
        let im = (0..<1003).map { Float($0 % 13) * 0.37 - 2 }
        let scaled = (0..<1003).map { $0 % 11 == 0 ? 0 : Float($0) * 0.01 }
        let expected = (0..<1003).map { maskedBin(re[$0], im[$0], scaled[$0]) }
        // Into other arrays, and in place.
        var outRe = [Float](repeating: .nan, count: 1003), outIm = outRe
        applyMaskedBins(re: re, im: im, scaled: scaled, count: 1003, intoRe: &outRe, intoIm: &outIm)
        XCTAssertEqual(outRe.map(\.bitPattern), expected.map(\.0.bitPattern))
        XCTAssertEqual(outIm.map(\.bitPattern), expected.map(\.1.bitPattern))
        var sameRe = re, sameIm = im
        sameRe.withUnsafeMutableBufferPointer { r in
            sameIm.withUnsafeMutableBufferPointer { i in
                applyMaskedBins(re: r.baseAddress!, im: i.baseAddress!, scaled: scaled, count: 1003,
                                intoRe: r.baseAddress!, intoIm: i.baseAddress!)
            }
        }
        XCTAssertEqual(sameRe, outRe)
        XCTAssertEqual(sameIm, outIm)
    }

    /// `applyMaskedBins` against `maskedBin` on 400,000 bins: STFT-like values of every
    /// magnitude, and among them (in groups of sixteen or alone) the cases off the lanes'
    /// main path: zeros of both signs, subnormals, infinities and NaN, x = 1, y = ±x,
    /// ratios beyond 2^±60, and scales of zero. Every bit must match (NaN for NaN).
    func testMaskedBinsMatchScalarOnEdgeCases() {
        var generator = SplitMix(seed: 7)
        let count = 400_003  // not a multiple of sixteen: the scalar tail too
        var re = [Float](repeating: 0, count: count), im = re, scaled = re
        let edges: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNormalMagnitude, .infinity, -.infinity, .nan,
                              1, -1, 0x1p100, 0x1p-100, 3e-39, .greatestFiniteMagnitude]
        for i in 0..<count {
            let r = generator.next()
            let magnitude = Float(sign: .plus, exponent: Int(r % 40) - 20, significand: 1 + Float(r >> 40) / Float(1 << 24))
            re[i] = (r & 1 == 0 ? 1 : -1) * magnitude
            im[i] = Float(Int32(truncatingIfNeeded: r >> 8)) * 1e-9
            scaled[i] = r % 23 == 0 ? 0 : Float((r >> 20) % 1000) * 0.01
            switch (i / 16) % 7 {
            case 1: re[i] = edges[Int(r % UInt64(edges.count))]  // one group in seven has edge values
            case 2: im[i] = edges[Int((r >> 4) % UInt64(edges.count))]
            case 3: im[i] = (r & 2 == 0 ? 1 : -1) * re[i]
            case 4 where i % 16 == 5: re[i] = 1
            case 5 where i % 16 == 9: im[i] = re[i] * 0x1p70
            case 6: scaled[i] = 0
            default: break
            }
        }
        var outRe = [Float](repeating: 0, count: count), outIm = outRe
        applyMaskedBins(re: re, im: im, scaled: scaled, count: count, intoRe: &outRe, intoIm: &outIm)
        var differing = 0
        for i in 0..<count {
            let (expectedRe, expectedIm) = maskedBin(re[i], im[i], scaled[i])
            let sameRe = outRe[i].bitPattern == expectedRe.bitPattern || (outRe[i].isNaN && expectedRe.isNaN)
            let sameIm = outIm[i].bitPattern == expectedIm.bitPattern || (outIm[i].isNaN && expectedIm.isNaN)
            if !sameRe || !sameIm { differing += 1 }
        }
        XCTAssertEqual(differing, 0, "of \(count)")
    }

    /// `LaneSinCos` against the library's `sincosf` on every 61st Float in [0, pi] and
    /// its negative (35 million values), and it declines what it does not handle. Every
    /// Float in [-pi, pi] (2.1 billion) was checked once when the kernel was written,
    /// with LANE_SINCOS_STRIDE=1.
    func testSinCosMatchesLibraryBitForBit() throws {
        #if canImport(Glibc)
        XCTAssertTrue(LaneSinCos.matchesPlatform, "glibc's sincosf, the one the lanes reproduce")
        let stride = UInt32(ProcessInfo.processInfo.environment["LANE_SINCOS_STRIDE"] ?? "") ?? 61
        let end = Float.pi.bitPattern
        var differing = 0, checked = 0
        var b: UInt32 = 0
        while b <= end {
            var t = LaneSinCos.Lanes()
            for l in 0..<4 {
                t[l] = Float(bitPattern: min(b &+ UInt32(l) &* stride, end))
                t[l + 4] = -t[l]
            }
            let lanes = try XCTUnwrap(LaneSinCos.sinCos(t))
            for l in 0..<t.scalarCount {
                let (sine, cosine) = MaskedBinLanes.sinCos(t[l])
                if lanes.sin[l].bitPattern != sine.bitPattern || lanes.cos[l].bitPattern != cosine.bitPattern { differing += 1 }
            }
            checked += 8
            b &+= 4 * stride
        }
        XCTAssertEqual(differing, 0, "of \(checked)")
        #endif
        for outside: Float in [120, -1e9, .infinity, .nan] {
            var t = LaneSinCos.Lanes(repeating: 1)
            t[5] = outside
            XCTAssertNil(LaneSinCos.sinCos(t), "\(outside)")
        }
    }

    /// `LaneMedian` (values in [+0, +inf]) against `SlidingMedian` in both directions,
    /// with ties, zeros, infinities and a line count that is not a multiple of eight.
    func testLaneMedianMatchesSlidingMedian() throws {
        var generator = SplitMix(seed: 7)
        for (rows, columns, window) in [(37, 53, 31), (9, 100, 31), (20, 13, 5), (3, 40, 31), (11, 7, 1)] {
            var m = Matrix(rows: rows, columns: columns)
            for i in m.values.indices {
                let r = generator.next()
                m.values[i] = r % 10 == 0 ? 0 : (r % 97 == 0 ? .infinity : Float(r % 50) * 0.25)
            }
            for size in [(rows: 1, columns: window), (rows: window, columns: 1)] {
                let lanes = try medianFilter(m, size: size)
                var scalar = Matrix(rows: rows, columns: columns)
                m.values.withUnsafeBufferPointer { src in
                    scalar.values.withUnsafeMutableBufferPointer { dst in
                        var filter = SlidingMedian(window: window)
                        if size.rows == 1 {
                            for r in 0..<rows {
                                filter.run(src.baseAddress! + r * columns, stride: 1, count: columns,
                                           into: dst.baseAddress! + r * columns, outStride: 1)
                            }
                        } else {
                            for c in 0..<columns {
                                filter.run(src.baseAddress! + c, stride: columns, count: rows,
                                           into: dst.baseAddress! + c, outStride: columns)
                            }
                        }
                    }
                }
                XCTAssertEqual(lanes.values.map(\.bitPattern), scalar.values.map(\.bitPattern), "\(rows)x\(columns) \(size)")
            }
        }
    }
}
