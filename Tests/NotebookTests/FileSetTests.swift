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
            XCTAssertEqual("\(error)", "could not write \(unwritable.path): No such file or directory (none of the 3 files was written)")
        }
        XCTAssertEqual(try text("a.html"), "old a")
        XCTAssertEqual(try text("c.html"), "old c")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.html", "c.html"])
    }

    /// A rename that fails (a folder where the third file goes) is reported with how many
    /// files were already in place, and leaves no temporary file.
    func testAFailedRenameSaysHowManyFilesWereWritten() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("c.html"), withIntermediateDirectories: false)
        let inTheWay = folder.appendingPathComponent("c.html")
        XCTAssertThrowsError(try FileSet.write([
            FileSet.File(url: folder.appendingPathComponent("a.html"), contents: Data("new a".utf8)),
            FileSet.File(url: folder.appendingPathComponent("b.html"), contents: Data("new b".utf8)),
            FileSet.File(url: inTheWay, contents: Data("new c".utf8)),
        ])) { error in
            XCTAssertEqual("\(error)", "could not write \(inTheWay.path): Is a directory (2 of the 3 files were written, the others are unchanged)")
        }
        XCTAssertEqual(try text("a.html"), "new a")
        XCTAssertEqual(try text("b.html"), "new b")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.html", "b.html", "c.html"])
    }

    func testTwoFilesWithOneTargetAreRefusedBeforeAnythingIsWritten() throws {
        let target = folder.appendingPathComponent("index.html")
        XCTAssertThrowsError(try FileSet.write([FileSet.File(url: target, contents: Data("index".utf8)),
                                                FileSet.File(url: folder.appendingPathComponent("./index.html"), contents: Data("lesson".utf8))])) { error in
            XCTAssertTrue("\(error)".contains("given twice in one set of files (none of the 2 files was written)"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }
}
