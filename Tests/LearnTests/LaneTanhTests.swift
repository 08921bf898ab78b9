@testable import Learn
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The eight-lane tanh against the library's `tanhf`: the same bits, not just close
/// values, so that the LSTM's weights do not depend on which one ran.
final class LaneTanhTests: XCTestCase {
    /// Every 89th Float bit pattern of both signs (48 million values, every exponent;
    /// LANE_TANH_STRIDE=1 checks all 2^32, which was done once when the lanes were written).
    func testTanhMatchesLibraryBitForBit() {
        #if canImport(Glibc)
        XCTAssertTrue(LaneTanh.matchesPlatform, "glibc's tanhf, the one the lanes reproduce")
        #endif
        guard LaneTanh.matchesPlatform else { return }
        let stride = UInt64(ProcessInfo.processInfo.environment["LANE_TANH_STRIDE"] ?? "") ?? 89
        var differing = 0, checked = 0
        var b: UInt64 = 0
        while b < 1 << 32 {
            var x = LaneTanh.Lanes()
            for l in 0..<x.scalarCount { x[l] = Float(bitPattern: UInt32(truncatingIfNeeded: b &+ UInt64(l) &* stride)) }
            let lanes = LaneTanh.tanh(x)
            for l in 0..<x.scalarCount {
                let expected = tanhf(x[l])
                if lanes[l].bitPattern != expected.bitPattern && !(lanes[l].isNaN && expected.isNaN) {
                    if differing < 5 { print("tanh(\(x[l])) [\(String(x[l].bitPattern, radix: 16))]: lanes \(lanes[l]), library \(expected)") }
                    differing += 1
                }
            }
            checked += x.scalarCount
            b += 8 * stride
        }
        XCTAssertEqual(differing, 0, "of \(checked) values")
    }
}
