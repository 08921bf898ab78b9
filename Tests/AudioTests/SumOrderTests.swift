@testable import Audio
import XCTest

/// The kernels that work on several frames (or rows) at once keep each value's sum in the
/// order of one frame alone, so their results are bit for bit those of one frame (row) at
/// a time: mel filters eight frames at a time and the MFCC's DCT in tiles of four
/// coefficients by eight frames, against plain loops written out here; chroma's dot
/// products four rows at a time, against `dotProduct` on each row.
final class SumOrderTests: XCTestCase {
    private var random = SplitMix(seed: 0x5EED)

    /// Magnitudes spanning several decades, with exact zeros and repeated values.
    private func magnitudes(_ count: Int) -> [Float] {
        (0..<count).map { i in
            if i % 11 == 0 { return 0 }
            if i % 13 == 0 { return 0.25 }
            return Float(pow(10, 4 * random.unit() - 3))
        }
    }

    func testMelFiltersOnEightFramesAtATimeGiveEachFramesOwnSums() throws {
        let bins = 257
        let filters = try MelFilterCache.banded(sampleRate: 16000, nFFT: 512, nMels: 40)
        for frames in [1, 7, 8, 9, 16, 23] {
            let m = Matrix(rows: frames, columns: bins, values: magnitudes(frames * bins))!
            for squaring in [false, true] {
                let lanes = filters.apply(toFrames: m, squaring: squaring)
                XCTAssertEqual(lanes.rows, 40)
                XCTAssertEqual(lanes.columns, frames)
                for t in 0..<frames {
                    for f in 0..<filters.start.count {
                        var sum: Float = 0
                        for (k, w) in filters.weights[f].enumerated() {
                            let x = m.values[t * bins + filters.start[f] + k]
                            sum += w * (squaring ? x * x : x)
                        }
                        XCTAssertEqual(lanes[f, t].bitPattern, sum.bitPattern,
                                       "filter \(f), frame \(t) of \(frames), squaring \(squaring)")
                    }
                }
            }
        }
    }

    func testChromaDotProductsFourRowsAtATimeAreEachRowsOwn() {
        for (rows, n) in [(1, 5), (3, 8), (4, 17), (5, 1025), (12, 1025), (13, 64)] {
            let a = magnitudes(rows * n), b = magnitudes(n)
            var together = [Float](repeating: .nan, count: rows)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    dotProducts(rows: pa.baseAddress!, count: rows, with: pb.baseAddress!, n, into: &together)
                    for r in 0..<rows {
                        let alone = dotProduct(pa.baseAddress! + r * n, pb.baseAddress!, n)
                        XCTAssertEqual(together[r].bitPattern, alone.bitPattern, "row \(r) of \(rows), length \(n)")
                    }
                }
            }
        }
    }

    func testMFCCTilesGiveTheSumsOfAPlainDoubleLoop() throws {
        for (bands, frames, coefficients) in [(128, 430, 40), (20, 9, 13), (7, 3, 7), (16, 8, 5), (1, 1, 1)] {
            // Log-power-like values, negative and positive.
            let S = Matrix(rows: bands, columns: frames, values: magnitudes(bands * frames).map { 10 * log10(max($0, 1e-10)) })!
            let out = try mfcc(S: S, nMFCC: coefficients)
            let basis = dctBasis(count: min(coefficients, bands), length: bands)
            XCTAssertEqual(out.rows, min(coefficients, bands))
            for k in 0..<out.rows {
                for t in 0..<frames {
                    var sum = 0.0
                    for m in 0..<bands { sum += basis[k * bands + m] * Double(S[m, t]) }
                    XCTAssertEqual(out[k, t].bitPattern, Float(sum).bitPattern, "\(bands) bands, coefficient \(k), frame \(t)")
                }
            }
        }
    }
}
