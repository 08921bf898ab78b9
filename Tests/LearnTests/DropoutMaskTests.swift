import XCTest
@testable import Learn

/// Dropout's mask follows its documented rule exactly: each 64-bit draw of the run's
/// generator, taken one after another, decides two values, low half first, and a value
/// is dropped when its 32-bit half is below rate·2^32. Checked value by value against
/// that rule written plainly, over counts that exercise the eight-lane path, its scalar
/// tail, an odd last value, and the chunks drawn in SIMD lanes (groups of 4 × 4096
/// draws, whole or followed by a serial rest); the run's generator must then continue
/// from where the serial chain would. Backward multiplies by the same factor.
final class DropoutMaskTests: XCTestCase {
    func testMaskFollowsTheDraws() throws {
        // With more threads than this machine may have cores (each keeps draws of its own,
        // and writes the bits of its own groups), and with the fewest.
        let threads = LearnBackend.threads
        defer { LearnBackend.threads = threads }
        for count in [3, 1, 0] {
            LearnBackend.threads = count
            XCTAssertEqual(LearnBackend.threads, max(count, 1))
            try checkMaskFollowsTheDraws()
        }
    }

    private func checkMaskFollowsTheDraws() throws {
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
            // Backward multiplies by the same factor, kept bit by bit (negative gradients
            // keep their sign through a dropped value: -g · 0 is -0).
            let dy = (0..<n).map { Float($0 % 5) - 2.5 }
            let dx = try XCTUnwrap(dy.withUnsafeBufferPointer { layer.backward($0.baseAddress!, batch: 1, needsInputGradient: true) })
            for i in 0..<n {
                let expected = dy[i] * (halves[i] < threshold ? 0 : 1 / (1 - rate))
                if dx[i].bitPattern != expected.bitPattern {
                    XCTFail("rate \(rate), gradient \(i) of \(n): \(dx[i]) != \(expected)"); break
                }
            }
            XCTAssertEqual(context.rng.next(), draws.next(), "the generator after \(n) values")
        }
    }
}

/// The ends of Keras 3's range, `0 <= rate <= 1`: rate 0 passes the input through in
/// training, and rate 1 (which Learn refused) zeroes it, and its gradient, without
/// drawing a mask, as Keras's `zeros_like` does; in inference both are the identity.
final class DropoutRateEndsTests: XCTestCase {
    func output(of layer: Dropout, _ x: [Float], training: Bool, context: RunContext) throws -> [Float] {
        var rng = SeededGenerator(seed: 0)
        _ = try layer.build(inputShape: [x.count], rng: &rng)
        context.training = training
        let y = x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batch: 1, context: context) }
        return Array(UnsafeBufferPointer(start: y, count: x.count))
    }

    func testRateOneZeroesInTrainingAndRateZeroPassesThrough() throws {
        let x: [Float] = [1, -2, 3, .infinity, 5]
        let context = RunContext(training: true, seed: 5)
        let all = Dropout(1)
        XCTAssertEqual(try output(of: all, x, training: true, context: context), [0, 0, 0, 0, 0])
        let dy: [Float] = [1, 1, 1, 1, 1]
        let dx = dy.withUnsafeBufferPointer { all.backward($0.baseAddress!, batch: 1, needsInputGradient: true)! }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: dx, count: 5)), [0, 0, 0, 0, 0])
        var untouched = SeededGenerator(seed: 5)
        XCTAssertEqual(context.rng.next(), untouched.next(), "no mask was drawn")
        XCTAssertEqual(try output(of: Dropout(1), x, training: false, context: context), x)
        XCTAssertEqual(try output(of: Dropout(0), x, training: true, context: context), x)
        for rate: Float in [1.5, -0.1, .nan] {
            XCTAssertThrowsError(try output(of: Dropout(rate), x, training: true, context: context)) {
                XCTAssertTrue("\($0)".contains("rate must be in [0, 1], got \(rate)"), "\($0)")
            }
        }
    }
}
