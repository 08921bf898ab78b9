@testable import Audio
import XCTest

/// estimate_tuning's threshold is np.median of piptrack's magnitudes; the recipe finds it
/// by selection. Checked against the median of the sorted values, over odd and even
/// counts, heavy ties, sorted and reversed input (quickselect's usual bad cases), and
/// the partition the selection promises.
final class MedianSelectionTests: XCTestCase {
    /// A fixed stream (an LCG's high bits), so a failure reproduces.
    private struct Stream: RandomNumberGenerator {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 32 | state << 32
        }
    }

    private func sortedMedian(_ values: [Float]) -> Float {
        let s = values.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    func testMedianIsTheSortedMedian() {
        var rng = Stream()
        var cases: [[Float]] = [[3], [2, 1], [5, 5, 5, 5], Array(repeating: 0.25, count: 1001)]
        for n in [1, 2, 3, 16, 17, 18, 33, 100, 1000, 40_001, 40_002] {
            cases.append((0..<n).map { _ in Float.random(in: 0..<1, using: &rng) })
            cases.append((0..<n).map { _ in Float(Int.random(in: 0..<5, using: &rng)) })  // many ties
            cases.append((0..<n).map { Float($0) })
            cases.append((0..<n).map { Float(n - $0) })
        }
        for values in cases {
            XCTAssertEqual(medianFloat(values).bitPattern, sortedMedian(values).bitPattern, "\(values.count) values")
        }
    }

    func testSelectionPartitionsAroundTheKthValue() {
        var rng = Stream()
        let original = (0..<5000).map { _ in Float(Int.random(in: 0..<300, using: &rng)) }
        let sorted = original.sorted()
        for k in [0, 1, 2499, 2500, 4998, 4999] {
            var values = original
            let kth = selectSmallest(k, in: &values)
            XCTAssertEqual(kth, sorted[k])
            XCTAssertTrue(values[..<k].allSatisfy { $0 <= kth } && values[(k + 1)...].allSatisfy { $0 >= kth }, "k \(k)")
            XCTAssertEqual(values.sorted(), sorted, "a permutation of the input")
        }
    }
}
