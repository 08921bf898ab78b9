import Foundation
import NumPy
import XCTest

/// Writing an output that is a symbolic link goes through the link, as `np.save` does:
/// the link stays and its target gets the new contents (renaming the new file over the
/// link replaced the link and left the target's old contents behind).
final class FileSetTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("FileSetTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }

    func testWritingThroughALinkUpdatesItsTarget() throws {
        let target = folder.appendingPathComponent("target.npy"), link = folder.appendingPathComponent("link.npy")
        let labels = folder.appendingPathComponent("labels.npy")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        try FileSet.writeTogether([(link, Data("new".utf8)), (labels, Data("labels".utf8))])
        XCTAssertTrue(isLink(link), "the link stays a link")
        XCTAssertEqual(try Data(contentsOf: target), Data("new".utf8))
        XCTAssertEqual(try Data(contentsOf: labels), Data("labels".utf8))

        let array = try NPYArray(float64: [1, 2, 3], shape: [3])
        try NPY.write(array, to: link)
        XCTAssertTrue(isLink(link))
        XCTAssertEqual(try NPY.read(contentsOf: target).shape, [3])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
                       ["labels.npy", "link.npy", "target.npy"], "no temporary file is left behind")
    }

    /// A link whose target is missing is replaced by the file, as before.
    func testADanglingLinkIsReplaced() throws {
        let link = folder.appendingPathComponent("link.npy")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder.appendingPathComponent("gone.npy"))
        try FileSet.writeTogether([(link, Data("new".utf8))])
        XCTAssertFalse(isLink(link))
        XCTAssertEqual(try Data(contentsOf: link), Data("new".utf8))
    }
}
