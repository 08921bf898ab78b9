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

    /// Each row used to convert the whole array to Double first: reading the rows of
    /// these 20,000 took about 20 s (20,000 conversions of a million values); now a few ms.
    func testReadingEveryRowTakesTimeInProportionToTheArray() throws {
        let rows = 20_000, columns = 50
        let array = try NPYArray(float32: [Float](repeating: 1, count: rows * columns), shape: [rows, columns])
        let start = Date()
        var sum = 0.0
        for i in 0..<rows { sum += array.row(i)[columns - 1] }
        XCTAssertEqual(sum, Double(rows))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "reading every row should not convert the array once per row")
    }
}
