import NumPy
import XCTest

/// An array whose values do not fill its shape says which way it fails.
final class NPYShapeErrorTests: XCTestCase {
    private func message(_ body: () throws -> NPYArray) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testSaysWhetherTheCountTheSignOrTheSizeIsWrong() {
        XCTAssertEqual(message { try NPYArray(float32: [1, 2, 3], shape: [2, 2]) }, "shape [2, 2] holds 4 values, not 3")
        XCTAssertEqual(message { try NPYArray(float32: [], shape: [-1]) }, "shape [-1] has a negative dimension")
        XCTAssertEqual(message { try NPYArray(int64: [1], shape: [1 << 40, 1 << 40]) },
                       "shape [1099511627776, 1099511627776] holds more values than an Int can count (1 given)")
    }
}
