import Foundation
import NumPy
import XCTest

/// `notebook bench train` through the built binary: a reference folder whose files do not
/// fit is an error naming the file, as it is for `train`.
final class BenchTrainCommandTests: TemporaryFolderTestCase {
    private func bench(x: NPYArray, y: NPYArray) throws -> TestEnvironment.Result {
        try NPY.write(x, to: folder.appendingPathComponent("x.npy"))
        try NPY.write(y, to: folder.appendingPathComponent("y.npy"))
        return try TestEnvironment.notebook(["bench", "train", "--reference", folder.path, "--models", "sd_fc", "--epochs", "1"])
    }

    /// A 1-D x.npy trapped on its missing second dimension.
    func testAOneDimensionalFeatureFileIsAnError() throws {
        let result = try bench(x: try NPYArray(float64: [Double](repeating: 0.5, count: 40), shape: [40]),
                               y: try NPYArray(int64: [Int64](repeating: 1, count: 40)))
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("\(folder.appendingPathComponent("x.npy").path): expected (rows, features), got [40]"),
                      result.output)
        XCTAssertFalse(result.output.contains("Fatal error"), result.output)
    }

    /// More labels than rows were cut off silently, and the bench ran on.
    func testLabelsThatDoNotMatchTheRowsAreAnError() throws {
        let result = try bench(x: try NPYArray(float64: [Double](repeating: 0.5, count: 44 * 3), shape: [44, 3]),
                               y: try NPYArray(int64: (0..<1012).map { Int64($0 % 6) }))
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("\(folder.appendingPathComponent("y.npy").path) has 1012 labels for 44 feature rows"),
                      result.output)
        XCTAssertFalse(result.output.contains("sgemm peak"), "checked before measuring: \(result.output)")
    }
}
