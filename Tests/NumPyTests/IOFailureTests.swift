import Foundation
import NumPy
import XCTest

/// The words a command prints for a file error: the path and the system's reason.
final class IOFailureTests: XCTestCase {
    /// Foundation's own error for a file that could not be written names the path; the
    /// message is that path and the POSIX reason underneath, not the error's dump.
    func testAFoundationFileErrorBecomesItsPathAndReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("io-failure-\(getpid())", isDirectory: true)
        let file = folder.appendingPathComponent("missing/out.json")
        var thrown: Error?
        do { try Data("x".utf8).write(to: file) } catch { thrown = error }
        let error = try XCTUnwrap(thrown, "writing into a missing folder fails")
        XCTAssertEqual(IOFailure.message(for: error), "\(file.path): No such file or directory")
    }

    /// An error that names no file is left to its own description.
    func testAnErrorWithoutAPathHasNoFileMessage() {
        struct Other: Error {}
        XCTAssertNil(IOFailure.message(for: Other()))
        XCTAssertNil(IOFailure.message(for: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOENT))))
    }
}
