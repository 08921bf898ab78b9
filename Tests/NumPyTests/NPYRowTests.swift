import Foundation
import NumPy
import XCTest

final class NPYRowTests: XCTestCase {
    func testRowGivesThatRowOfEveryDType() throws {
        let values: [Double] = [0, 1, 2, 3, 4, 5]
        let arrays = [
            try NPYArray(float32: values.map(Float.init), shape: [3, 2]),
            try NPYArray(float64: values, shape: [3, 2]),
            try NPYArray(int64: values.map { Int64($0) }, shape: [3, 2]),
        ]
        for array in arrays {
            XCTAssertEqual((0..<3).map(array.row), [[0, 1], [2, 3], [4, 5]], "\(array.dtype)")
        }
    }
}
