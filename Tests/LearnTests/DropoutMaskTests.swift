import XCTest
@testable import Learn

/// Dropout's mask follows its documented rule exactly: each 64-bit draw of the run's
/// generator decides two values, low half first, and a value is dropped when its 32-bit
/// half is below rate·2^32. Checked value by value against that rule written plainly,
/// over counts that exercise the eight-lane path, its scalar tail and an odd last value.
final class DropoutMaskTests: XCTestCase {
    func testMaskFollowsTheDraws() throws {
        for (rate, n) in [(Float(0.4), 8 * 50 + 3), (0.25, 16), (0.9, 7)] {
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
                XCTAssertEqual(y[i], expected, "rate \(rate), value \(i) of \(n)")
            }
        }
    }
}
