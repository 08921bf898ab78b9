import XCTest
import Notebook

/// A set of files is written whole or not at all: a failure on one file leaves the old
/// versions of the others in place and no temporary file behind.
final class FileSetTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fileset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func testEveryFileIsWrittenAndNoTemporaryFileRemains() throws {
        try Data("old a".utf8).write(to: folder.appendingPathComponent("a.html"))
        try FileSet.write([FileSet.File(url: folder.appendingPathComponent("a.html"), contents: Data("new a".utf8)),
                           FileSet.File(url: folder.appendingPathComponent("b.html"), contents: Data("new b".utf8))])
        XCTAssertEqual(try text("a.html"), "new a")
        XCTAssertEqual(try text("b.html"), "new b")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.html", "b.html"])
    }

    func testAFileThatCannotBeWrittenLeavesEveryOldFileAsItWas() throws {
        try Data("old a".utf8).write(to: folder.appendingPathComponent("a.html"))
        try Data("old c".utf8).write(to: folder.appendingPathComponent("c.html"))
        // The second file's folder does not exist, so its data cannot be written (as root too).
        let unwritable = folder.appendingPathComponent("missing/b.html")
        XCTAssertThrowsError(try FileSet.write([
            FileSet.File(url: folder.appendingPathComponent("a.html"), contents: Data("new a".utf8)),
            FileSet.File(url: unwritable, contents: Data("new b".utf8)),
            FileSet.File(url: folder.appendingPathComponent("c.html"), contents: Data("new c".utf8)),
        ])) { error in
            XCTAssertEqual("\(error)", "could not write \(unwritable.path): No such file or directory (no file was replaced)")
        }
        XCTAssertEqual(try text("a.html"), "old a")
        XCTAssertEqual(try text("c.html"), "old c")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.html", "c.html"])
    }
}
