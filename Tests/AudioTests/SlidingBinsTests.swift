@testable import Audio
import XCTest

/// The CQT's lower octaves slide their frames' bins instead of transforming each frame;
/// the slid bins must stay at the direct DFT's values.
final class SlidingBinsTests: XCTestCase {
    /// Bin `c` of the DFT of `size` samples from `x[start...]`, summed directly.
    private func directBin(_ x: [Double], start: Int, size: Int, bin c: Int) -> (Double, Double) {
        var re = 0.0, im = 0.0
        for n in 0..<size {
            let angle = -2 * Double.pi * Double((c * n) % size) / Double(size)
            re += x[start + n] * cos(angle)
            im += x[start + n] * sin(angle)
        }
        return (re, im)
    }

    func testSlidingFollowsTheDirectTransformOverTwoHundredFrames() {
        let size = 1024
        // Six bins fill one group of eight lanes; 22 fill a pair of groups (summed
        // together) and one more.
        for bins in [[0, 3, 100, 257, 511, 512], Array(stride(from: 5, to: 513, by: 24))] {
            for hop in [1, 4, 32] {
                let steps = 200
                // A tone, a sweep and a burst, so that loud and quiet frames alternate.
                let x = (0..<(size + steps * hop)).map { n -> Double in
                    let t = Double(n)
                    return 0.5 * sin(0.3 * t) + 0.2 * sin(0.001 * t * t / 50) + (n / 700 % 2 == 0 ? 0.05 * cos(2.1 * t) : 0)
                }
                var sliding = SlidingBins(size: size, hop: hop, bins: bins)
                var spectrum = [Double](repeating: 0, count: 2 * (size / 2 + 1))
                for (k, c) in bins.enumerated() {
                    (spectrum[2 * c], spectrum[2 * c + 1]) = directBin(x, start: 0, size: size, bin: c)
                    _ = k
                }
                spectrum.withUnsafeBufferPointer { sliding.start(from: $0.baseAddress!) }
                var worst = 0.0
                x.withUnsafeBufferPointer { signal in
                    // Forty frames a call (as the CQT's blocks run up to a restart), the last
                    // one's bins checked.
                    for step in stride(from: 40, through: steps, by: 40) {
                        var re = [Float](repeating: 0, count: 40 + bins.count * 40), im = re
                        sliding.advance(frames: 40, from: signal.baseAddress! + (step - 40) * hop, re: &re, im: &im, stride: 40)
                        re = (0..<bins.count).map { re[$0 * 40 + 39] }
                        im = (0..<bins.count).map { im[$0 * 40 + 39] }
                        let scale = x[(step * hop)..<(step * hop + size)].reduce(0) { $0 + abs($1) }
                        for (k, c) in bins.enumerated() {
                            let (dr, di) = directBin(x, start: step * hop, size: size, bin: c)
                            worst = max(worst, abs(Double(re[k]) - dr) / scale, abs(Double(im[k]) - di) / scale)
                        }
                    }
                }
                // complex64 rounding of values up to the frame's sum of magnitudes: 2^-24 of it.
                XCTAssertLessThan(worst, 1.0 / 16_777_216, "hop \(hop), \(bins.count) bins")
            }
        }
    }
}
