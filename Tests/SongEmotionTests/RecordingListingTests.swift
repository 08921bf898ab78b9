import Foundation
import NumPy
import SongEmotion
import TestSupport
import XCTest

final class RecordingListingTests: XCTestCase {
    /// Byte-wise relative-path order across folders and extensions, non-audio skipped.
    func testListsAudioInByteWiseRelativePathOrder() throws {
        let root = try TemporaryFolder()
        let files = [
            "Actor_10/03-02-01-01-01-01-10.flac",
            "Actor_02/03-02-02-01-01-01-02.wav",
            "Actor_02/03-02-01-01-01-01-02.flac",
            "Actor_01/03-02-01-01-01-02-01.flac",
            "Actor_01/03-02-01-01-01-01-01.WAV",
            "Actor_01/notes.txt",
            "MANIFEST.tsv",
            "LICENSE",
            ".hidden/03-02-01-01-01-01-03.wav",
            "Actor_01/.03-02-01-01-02-01-01.wav",
        ]
        for file in files { try root.write("x", to: file) }
        let listed = try Recording.list(in: root.url).map(\.relativePath)
        // "Actor_01/03-02-01-01-01-01-01.WAV" < "...-02-01.flac" (byte '1' < '2'); Actor_10 after Actor_02.
        XCTAssertEqual(listed, [
            "Actor_01/03-02-01-01-01-01-01.WAV",
            "Actor_01/03-02-01-01-01-02-01.flac",
            "Actor_02/03-02-01-01-01-01-02.flac",
            "Actor_02/03-02-02-01-01-01-02.wav",
            "Actor_10/03-02-01-01-01-01-10.flac",
        ])
        let first = try XCTUnwrap(try Recording.list(in: root.url).first)
        XCTAssertEqual(first.url.path, root.url.appendingPathComponent("Actor_01/03-02-01-01-01-01-01.WAV").path)
        XCTAssertEqual(first.actor, 1)
    }

    /// Actor folders that are links to another disk list in full; a link back up the tree
    /// (a loop) or above it (the temporary folder, `/`), a dangling link and a FIFO are left
    /// out rather than hanging the listing or walking the disk.
    func testLinkedFoldersAreFollowedAndLoopsSkipped() throws {
        let elsewhere = try TemporaryFolder()
        try elsewhere.write("x", to: "03-02-01-01-01-01-02.flac")
        let root = try TemporaryFolder()
        try root.write("x", to: "Actor_01/03-02-01-01-01-01-01.flac")
        let fm = FileManager.default
        try fm.createSymbolicLink(at: root.url.appendingPathComponent("Actor_02"), withDestinationURL: elsewhere.url)
        try fm.createSymbolicLink(atPath: root.url.appendingPathComponent("Actor_01/loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: root.url.appendingPathComponent("Actor_01/home").path, withDestinationPath: "../..")
        try fm.createSymbolicLink(atPath: root.url.appendingPathComponent("Actor_01/top").path, withDestinationPath: "/")
        try fm.createSymbolicLink(atPath: root.url.appendingPathComponent("Actor_01/03-02-01-01-01-02-01.flac").path,
                                  withDestinationPath: "03-02-01-01-01-01-01.flac")
        try fm.createSymbolicLink(atPath: root.url.appendingPathComponent("Actor_01/03-02-01-01-02-01-01.flac").path,
                                  withDestinationPath: "missing.flac")
        XCTAssertEqual(mkfifo(root.url.appendingPathComponent("Actor_01/03-02-01-01-02-02-01.wav").path, 0o600), 0)
        let listed = try Recording.list(in: root.url).map(\.relativePath)
        XCTAssertEqual(listed, [
            "Actor_01/03-02-01-01-01-01-01.flac",
            "Actor_01/03-02-01-01-01-02-01.flac",
            "Actor_02/03-02-01-01-01-01-02.flac",
        ])
        // The same through a link to the root, whose own folder above is another: a link
        // to that folder is not followed either.
        let home = try TemporaryFolder()
        let linkedRoot = home.url.appendingPathComponent("ravdess")
        try fm.createSymbolicLink(at: linkedRoot, withDestinationURL: root.url)
        try fm.createSymbolicLink(atPath: root.url.appendingPathComponent("Actor_03").path, withDestinationPath: home.url.path)
        try home.write("x", to: "elsewhere/03-02-01-01-01-01-09.flac")
        XCTAssertEqual(try Recording.list(in: linkedRoot).map(\.relativePath), listed)
    }

    func testABadAudioFileNameIsAnErrorNamingIt() throws {
        let root = try TemporaryFolder()
        try root.write("x", to: "Actor_01/03-02-01-01-01-01-01.flac")
        try root.write("x", to: "Actor_01/take 2.wav")
        XCTAssertThrowsError(try Recording.list(in: root.url)) { error in
            XCTAssertEqual((error as? RecordingNameError)?.file, "Actor_01/take 2.wav")
        }
    }

    func testAMissingFolderIsAnError() {
        XCTAssertThrowsError(try Recording.list(in: URL(fileURLWithPath: "/nonexistent/ravdess")))
    }

    /// The listing order and labels are the tutorial's: y.npy holds emotion - 1 in
    /// sorted-glob order.
    func testCorpusOrderAndLabelsMatchTheTutorialsY() throws {
        let recordings = try Recording.list(in: ReferencePaths.corpus())
        let y = try NPY.read(contentsOf: ReferencePaths.seedFeatures().appendingPathComponent("y.npy"))
        XCTAssertEqual(recordings.count, 1012)
        XCTAssertEqual(recordings.first?.relativePath, "Actor_01/03-02-01-01-01-01-01.flac")
        XCTAssertEqual(recordings.map(\.label), try y.integers().map { Int($0) })
        XCTAssertEqual(Set(recordings.map(\.actor)), Set(1...24).subtracting([18]), "actor 18 sang nothing")
    }
}
