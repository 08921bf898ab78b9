@testable import Audio
import XCTest

/// `interleaveFrames` puts bin b of frame l in lane l of `block[b]`, for every count of
/// frames (the missing lanes repeat the last frame) and bin counts with and without a
/// remainder after the groups of eight.
final class FrameLanesTests: XCTestCase {
    func testEveryBinOfEveryFrameLandsInItsLane() {
        for bins in [1, 7, 8, 9, 16, 23, 1025] {
            let values = (0..<(8 * bins)).map { Float($0) + 0.5 }
            let block = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: bins)
            defer { block.deallocate() }
            for count in 1...8 {
                block.update(repeating: SIMD8(repeating: -1), count: bins)
                values.withUnsafeBufferPointer { interleaveFrames($0.baseAddress!, count: count, bins: bins, into: block) }
                for b in 0..<bins {
                    for lane in 0..<8 {
                        let frame = min(lane, count - 1)
                        XCTAssertEqual(block[b][lane], values[frame * bins + b], "bins \(bins), count \(count), bin \(b), lane \(lane)")
                    }
                }
            }
        }
    }
}
