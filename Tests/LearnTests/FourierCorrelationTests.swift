import XCTest
@testable import Learn

/// The FFT products of si_cnn's folded Conv1D against the direct sums, in Double, at the
/// model's own sizes (386 steps, a kernel of 128, 63 zeros on the left).
final class FourierCorrelationTests: XCTestCase {
    let steps = 386, kernelSize = 128, padLeft = 63, filters = 13, batch = 3

    func randomValues(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(rng.normal()) }
    }

    func testForwardEqualsTheDirectCorrelation() {
        let x = randomValues(batch * steps, seed: 1), w = randomValues(kernelSize * filters, seed: 2)
        let shift = randomValues(steps * filters, seed: 3)
        let fourier = FourierCorrelation(steps: steps, kernelSize: kernelSize, padLeft: padLeft, filters: filters)
        XCTAssertGreaterThanOrEqual(fourier.size, steps + max(padLeft, kernelSize - 1 - padLeft))
        var y = [Float](repeating: .nan, count: batch * steps * filters)
        fourier.transformInputs(x, batch: batch)
        fourier.transformKernel(w)
        fourier.correlate(batch: batch, scale: 0.5, shift: shift, into: &y)
        var worst = 0.0
        for b in 0..<batch {
            for t in 0..<steps {
                for f in 0..<filters {
                    var sum = 0.0
                    for k in 0..<kernelSize where (0..<steps).contains(t + k - padLeft) {
                        sum += Double(x[b * steps + t + k - padLeft]) * Double(w[k * filters + f])
                    }
                    let expected = 0.5 * sum + Double(shift[t * filters + f])
                    worst = max(worst, abs(Double(y[(b * steps + t) * filters + f]) - expected))
                }
            }
        }
        // Sums of 128 products of unit normals are ~11 in size; float32 rounding of the
        // transforms stays near 1e-6 of that.
        XCTAssertLessThan(worst, 5e-5, "largest difference from the direct correlation")
    }

    func testKernelGradientEqualsTheDirectSum() {
        let x = randomValues(batch * steps, seed: 4), g = randomValues(batch * steps * filters, seed: 5)
        let fourier = FourierCorrelation(steps: steps, kernelSize: kernelSize, padLeft: padLeft, filters: filters)
        var d = [Float](repeating: .nan, count: kernelSize * filters)
        fourier.transformInputs(x, batch: batch)
        fourier.kernelGradient(g, batch: batch, into: &d)
        var worst = 0.0
        for k in 0..<kernelSize {
            for f in 0..<filters {
                var sum = 0.0
                for b in 0..<batch {
                    for t in 0..<steps where (0..<steps).contains(t + k - padLeft) {
                        sum += Double(x[b * steps + t + k - padLeft]) * Double(g[(b * steps + t) * filters + f])
                    }
                }
                worst = max(worst, abs(Double(d[k * filters + f]) - sum))
            }
        }
        // Sums of ~1000 products (~30 in size).
        XCTAssertLessThan(worst, 2e-4, "largest difference from the direct sum")
    }

    /// The thread count splits samples (forward) and filters (gradient), never a sum, so
    /// it cannot change a single bit.
    func testResultsDoNotDependOnTheThreadCount() {
        let x = randomValues(batch * steps, seed: 6), w = randomValues(kernelSize * filters, seed: 7)
        let g = randomValues(batch * steps * filters, seed: 8), shift = [Float](repeating: 0.25, count: steps * filters)
        var outputs: [[Float]] = [], gradients: [[Float]] = []
        for workers in [1, 2, 3] {
            let fourier = FourierCorrelation(steps: steps, kernelSize: kernelSize, padLeft: padLeft, filters: filters,
                                             workers: workers)
            var y = [Float](repeating: 0, count: batch * steps * filters), d = [Float](repeating: 0, count: kernelSize * filters)
            fourier.transformInputs(x, batch: batch)
            fourier.transformKernel(w)
            fourier.correlate(batch: batch, scale: 1, shift: shift, into: &y)
            fourier.kernelGradient(g, batch: batch, into: &d)
            outputs.append(y)
            gradients.append(d)
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(outputs[0], outputs[2])
        XCTAssertEqual(gradients[0], gradients[1])
        XCTAssertEqual(gradients[0], gradients[2])
    }
}

/// The register-blocked transpose against the definition, at sizes with ragged edges.
final class TransposeTests: XCTestCase {
    func testTransposeScalesAndShiftsEveryElement() {
        for (rows, cols) in [(1, 1), (3, 5), (4, 4), (37, 70), (386, 13)] {
            let lda = cols + 3, ldb = rows + 2
            let a = (0..<(rows * lda)).map { Float($0 % 97) - 40 }
            let shift = (0..<(cols * ldb)).map { Float($0 % 13) * 0.5 }
            var b = [Float](repeating: .nan, count: cols * ldb)
            Transpose.run(rows: rows, cols: cols, alpha: 0.25, a, lda: lda, &b, ldb: ldb, adding: shift)
            for r in 0..<rows {
                for c in 0..<cols where b[c * ldb + r] != 0.25 * a[r * lda + c] + shift[c * ldb + r] {
                    XCTFail("\(rows)x\(cols): wrong value at (\(r), \(c))")
                    return
                }
            }
            // A shift with its own row stride (a column block of a wider matrix).
            let lds = ldb + 5
            let wideShift = (0..<(cols * lds)).map { Float($0 % 11) - 3 }
            Transpose.run(rows: rows, cols: cols, alpha: 0.5, a, lda: lda, &b, ldb: ldb, adding: wideShift, lds: lds)
            XCTAssertTrue((0..<rows).allSatisfy { r in
                (0..<cols).allSatisfy { b[$0 * ldb + r] == 0.5 * a[r * lda + $0] + wideShift[$0 * lds + r] }
            }, "\(rows)x\(cols) with a shift stride of \(lds)")
            var plain = [Float](repeating: .nan, count: cols * ldb)
            Transpose.run(rows: rows, cols: cols, a, lda: lda, &plain, ldb: ldb)
            XCTAssertTrue((0..<rows).allSatisfy { r in (0..<cols).allSatisfy { plain[$0 * ldb + r] == a[r * lda + $0] } })
        }
    }
}
