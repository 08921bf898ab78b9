import XCTest
@testable import Learn

/// Dropout's mask follows its documented rule exactly: each 64-bit draw of the run's
/// generator, taken one after another, decides two values, low half first, and a value
/// is dropped when its 32-bit half is below rate·2^32. Checked value by value against
/// that rule written plainly, over counts that exercise the eight-lane path, its scalar
/// tail, an odd last value, and the chunks drawn in SIMD lanes (groups of 4 × 4096
/// draws, whole or followed by a serial rest); the run's generator must then continue
/// from where the serial chain would.
final class DropoutMaskTests: XCTestCase {
    func testMaskFollowsTheDraws() throws {
        let group = 8 * ChunkJump.chunk  // values per group of four lane chunks
        for (rate, n) in [(Float(0.4), 8 * 50 + 3), (0.25, 16), (0.9, 7), (0.4, 2 * group + 3 * 2 * ChunkJump.chunk + 5),
                          (0.5, 3 * group), (0.4, group - 1), (0.1, group + 1)] {
            let layer = Dropout(rate)
            var rng = SeededGenerator(seed: 0)
            _ = try layer.build(inputShape: [n], rng: &rng)
            let x = (0..<n).map { Float($0 + 1) }
            let context = RunContext(training: true, seed: 77)
            let y = x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batch: 1, context: context) }
            var draws = SeededGenerator(seed: 77)
            let threshold = UInt64((Double(rate) * 4_294_967_296).rounded())
            var halves: [UInt64] = []
            while halves.count < n { let r = draws.next(); halves += [r & 0xFFFF_FFFF, r >> 32] }
            for i in 0..<n {
                let expected: Float = halves[i] < threshold ? 0 : x[i] * (1 / (1 - rate))
                if y[i] != expected { XCTFail("rate \(rate), value \(i) of \(n): \(y[i]) != \(expected)"); break }
            }
            XCTAssertEqual(context.rng.next(), draws.next(), "the generator after \(n) values")
        }
    }
}
