@testable import Audio
import XCTest

/// `ArgumentChecks.firstNonFinite`, the lane scan every signal and matrix check goes
/// through: the first NaN or infinity wherever it lies (inside a 16-lane block or in the
/// tail after the last one), and nothing for finite values however large.
final class FirstNonFiniteTests: XCTestCase {
    func testFindsTheFirstNonFiniteValueAtEveryPosition() {
        // 37: two blocks of 16 and a tail of 5; 149: nine blocks and a tail of 5.
        for count in [37, 149] {
            let finite = (0..<count).map { Float($0) * 0.37 - 5 }
            XCTAssertNil(ArgumentChecks.firstNonFinite(finite))
            for bad: Float in [.nan, .infinity, -.infinity, -.nan] {
                for position in finite.indices {
                    var values = finite
                    values[position] = bad
                    if position + 3 < values.count { values[position + 3] = .nan }   // a later one is not reported
                    XCTAssertEqual(ArgumentChecks.firstNonFinite(values), position, "\(bad) at \(position) of \(count)")
                }
            }
        }
    }

    func testFiniteExtremesAndEmptyInputHaveNone() {
        let extremes: [Float] = [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0, 0]
        XCTAssertNil(ArgumentChecks.firstNonFinite(Array(repeating: extremes, count: 7).flatMap { $0 }))
        XCTAssertNil(ArgumentChecks.firstNonFinite([]))
        XCTAssertEqual(ArgumentChecks.firstNonFinite([.infinity]), 0)
    }
}
