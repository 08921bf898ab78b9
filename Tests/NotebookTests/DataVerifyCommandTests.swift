import XCTest

/// `notebook data verify`: which folder it checks.
final class DataVerifyCommandTests: XCTestCase {
    /// The folder as DIR and as --data at once is refused: one of them would be ignored.
    func testAFolderGivenTwiceIsRefused() throws {
        let folder = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestEnvironment.notebook(["data", "verify", folder.path, "--data", "/elsewhere"])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("give the folder to check once: DIR (\(folder.path)) or --data (/elsewhere), not both"),
                      result.output)
    }
}
