import Foundation
import SongEmotion
import TestSupport
import XCTest
import ZIPFoundation

final class SafeZipExtractionTests: XCTestCase {
    private enum Item {
        case file(String, String)
        case link(String, String)
        case fileWithMode(String, String, UInt16)
    }

    /// Builds a zip holding `items` (files with content, symbolic links with a target).
    private func makeZip(_ items: [Item], in folder: TemporaryFolder, name: String = "test.zip") throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for item in items {
            let (path, type, data, mode): (String, Entry.EntryType, Data, UInt16?)
            switch item {
            case .file(let p, let text): (path, type, data, mode) = (p, .file, Data(text.utf8), nil)
            case .link(let p, let target): (path, type, data, mode) = (p, .symlink, Data(target.utf8), nil)
            case .fileWithMode(let p, let text, let m): (path, type, data, mode) = (p, .file, Data(text.utf8), m)
            }
            try archive.addEntry(with: path, type: type, uncompressedSize: Int64(data.count), permissions: mode,
                                 compressionMethod: type == .file ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    func testExtractsTheZenodoLayoutWithOrWithoutATopFolder() throws {
        for top in ["", "Audio_Song_Actors_01-24/"] {
            let work = try TemporaryFolder()
            let zip = try makeZip([
                .file(top + "Actor_01/03-02-01-01-01-01-01.wav", "one"),
                .file(top + "Actor_02/03-02-01-01-01-01-02.wav", "two"),
                .link(top + "Actor_02/alias.wav", "03-02-01-01-01-01-02.wav"),
            ], in: work)
            let target = work.url.appendingPathComponent("cache/ravdess-song")
            let calls = Counter()
            try CorpusInstallation.install(zip: zip, into: target) { _, _ in calls.add() }
            XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("Actor_01/03-02-01-01-01-01-01.wav"), encoding: .utf8), "one")
            XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("Actor_02/alias.wav"), encoding: .utf8), "two")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.url.appendingPathComponent("cache").path),
                           ["ravdess-song"], "no staging folder left behind (top folder '\(top)')")
            XCTAssertEqual(calls.value, 3)
        }
    }

    /// Each malicious zip is refused before anything is written: no target, nothing
    /// outside it, no staging folder left.
    func testRefusesEntriesThatWouldWriteOutsideTheTarget() throws {
        let attacks: [(String, [Item], String)] = [
            ("dot-dot", [.file("Actor_01/ok.wav", "ok"), .file("../evil", "evil")], "'..' component"),
            ("nested dot-dot", [.file("Actor_01/../../evil", "evil")], "'..' component"),
            ("absolute", [.file("/tmp/SongEmotionTests-evil-absolute", "evil")], "absolute path"),
            ("link out", [.link("Actor_01/link", "../../outside"), .file("Actor_01/ok.wav", "ok")], "outside the folder"),
            ("absolute link", [.link("link", "/etc")], "absolute path /etc"),
            ("dot-dot after a name", [.link("a/b", "c/../../../x")], "'..' after a name"),
            ("write through a link", [.link("Actor_01", "."), .file("Actor_01/evil", "evil")], "through the symbolic link"),
        ]
        for (name, items, why) in attacks {
            let work = try TemporaryFolder()
            let zip = try makeZip(items, in: work)
            let cache = work.url.appendingPathComponent("cache")
            let target = cache.appendingPathComponent("sub/ravdess-song")
            XCTAssertThrowsError(try SafeZipExtraction.extract(zip, to: target), name) { error in
                guard case .unsafeEntry(let archive, _, let reason) = error as? ZipExtractionError else {
                    return XCTFail("\(name): \(error)")
                }
                XCTAssertEqual(archive, zip.path)
                XCTAssertTrue(reason.contains(why), "\(name): \(reason)")
            }
            XCTAssertEqual(work.allPaths(), ["test.zip"], "\(name): something was written")
            XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/SongEmotionTests-evil-absolute"))
        }
    }

    func testRefusesANonEmptyTargetAndAZipWithoutActorFolders() throws {
        let work = try TemporaryFolder()
        let zip = try makeZip([.file("Actor_01/03-02-01-01-01-01-01.wav", "one")], in: work)
        try work.write("mine", to: "target/keep.txt")
        XCTAssertThrowsError(try CorpusInstallation.install(zip: zip, into: work.url.appendingPathComponent("target"))) {
            XCTAssertEqual($0 as? ZipExtractionError, .destinationNotEmpty(work.url.appendingPathComponent("target").path))
        }
        XCTAssertEqual(try String(contentsOf: work.url.appendingPathComponent("target/keep.txt"), encoding: .utf8), "mine")

        let odd = try makeZip([.file("a/b/c.wav", "x"), .file("d.wav", "y")], in: work, name: "odd.zip")
        XCTAssertThrowsError(try CorpusInstallation.install(zip: odd, into: work.url.appendingPathComponent("other")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.url.appendingPathComponent("other").path))
    }

    /// A file that inflates past the size its listing gives is refused, and nothing is
    /// installed: ZIPFoundation's own extraction wrote such a file whole, so a small
    /// hostile archive (deflate packs up to 1,032 bytes into one) could fill the disk.
    func testAFileLargerThanItsListedSizeIsRefused() throws {
        let work = try TemporaryFolder()
        let zip = try makeZip([.file("Actor_01/03-02-01-01-01-01-01.wav", String(repeating: "0", count: 4096))], in: work)
        try ZipBytes.listUncompressedSize(100, ofTheOnlyEntryIn: zip)
        XCTAssertThrowsError(try SafeZipExtraction.extract(zip, to: work.url.appendingPathComponent("corpus"))) { error in
            XCTAssertEqual(error as? ZipExtractionError,
                           .entryFailed(zip.path, entry: "Actor_01/03-02-01-01-01-01-01.wav",
                                        reason: "it holds more bytes than the 100 its ZIP directory lists: the file is damaged"))
        }
        XCTAssertEqual(work.allPaths(), ["test.zip"], "nothing is left behind")
    }

    /// An archive's setuid or world-writable modes do not reach the extracted files.
    func testExtractedFilesGetPlainPermissions() throws {
        let work = try TemporaryFolder()
        let zip = try makeZip([.fileWithMode("Actor_01/03-02-01-01-01-01-01.wav", "one", 0o4777)], in: work)
        let target = work.url.appendingPathComponent("corpus")
        try SafeZipExtraction.extract(zip, to: target)
        let file = target.appendingPathComponent("Actor_01/03-02-01-01-01-01-01.wav")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o644)
    }

    /// A directory record ZIPFoundation cannot follow ends its listing early; the
    /// archive is refused rather than installed without the entries after it.
    func testADamagedDirectoryRecordRefusesTheWholeArchive() throws {
        let work = try TemporaryFolder()
        let zip = try makeZip([.file("Actor_01/a.wav", "a"), .file("Actor_01/b.wav", "b"), .file("Actor_01/c.wav", "c")], in: work)
        var bytes = [UInt8](try Data(contentsOf: zip))
        let records = ZipBytes.offsets(of: ZipBytes.directoryRecord, in: bytes)
        XCTAssertEqual(records.count, 3)
        // Its local header at byte 1: inside the file (an offset past the end is refused before
        // ZIPFoundation reads it, ZipDirectoryBounds), but no local header there.
        bytes.replaceSubrange(records[1] + 42..<records[1] + 46, with: [0x01, 0x00, 0x00, 0x00])
        try Data(bytes).write(to: zip)
        let target = work.url.appendingPathComponent("corpus")
        XCTAssertThrowsError(try SafeZipExtraction.extract(zip, to: target)) {
            XCTAssertEqual($0 as? ZipExtractionError, .unreadable(zip.path, reason: "its ZIP directory lists 3 entries but only 1 can be read: the file is damaged"))
        }
        XCTAssertEqual(work.allPaths(), ["test.zip"])
    }

    /// A ZIP64 local-header offset past Int64.max made ZIPFoundation trap while listing
    /// the entries (`off_t(offset)`); the corpus archive is refused with the entry named.
    func testADirectoryValuePastTheEndRefusesTheArchive() throws {
        let work = try TemporaryFolder()
        let zip = work.url.appendingPathComponent("test.zip")
        var archive = HandMadeZip(contents: Array("one".utf8))
        archive.name = "Actor_01/03-02-01-01-01-01-01.wav"
        archive.zip64Offset = 0xFFFF_FFFF_FFFF_FFF0
        try Data(archive.bytes()).write(to: zip)
        XCTAssertThrowsError(try SafeZipExtraction.extract(zip, to: work.url.appendingPathComponent("corpus"))) {
            XCTAssertEqual($0 as? ZipExtractionError, .unreadable(zip.path, reason: "its ZIP directory puts entry "
                + "'Actor_01/03-02-01-01-01-01-01.wav' at byte 18446744073709551600, past the end of "
                + "the file (\(archive.bytes().count) bytes): the file is damaged or cut short"))
        }
        XCTAssertEqual(work.allPaths(), ["test.zip"])
    }

    /// A file whose deflate stream does not end within its entry made ZIPFoundation read
    /// on forever at the end of the archive; the archive is refused and nothing installed.
    func testADeflateStreamThatDoesNotEndRefusesTheArchive() throws {
        let work = try TemporaryFolder()
        let zip = work.url.appendingPathComponent("test.zip")
        let archive = HandMadeZip.unfinishedDeflateStream(name: "Actor_01/03-02-01-01-01-01-01.wav")
        try Data(archive.bytes()).write(to: zip)
        XCTAssertThrowsError(try SafeZipExtraction.extract(zip, to: work.url.appendingPathComponent("corpus"))) {
            XCTAssertEqual($0 as? ZipExtractionError, .entryFailed(zip.path, entry: "Actor_01/03-02-01-01-01-01-01.wav",
                reason: "its compressed data ends before the deflate stream does: the file is damaged or cut short"))
        }
        XCTAssertEqual(work.allPaths(), ["test.zip"])
    }

    /// An empty file zipped with ZIP64 (`zip -fz`, or Info-ZIP reading standard input)
    /// lists its sizes as 0xFFFFFFFF with ZIP64 values of 0: it is extracted, empty.
    func testAnEmptyFileWithZIP64SizesIsExtractedEmpty() throws {
        let work = try TemporaryFolder()
        let zip = work.url.appendingPathComponent("test.zip")
        var archive = HandMadeZip(contents: [])
        archive.name = "Actor_01/empty.txt"
        archive.zip64Uncompressed = 0
        archive.zip64Compressed = 0
        try Data(archive.bytes()).write(to: zip)
        try SafeZipExtraction.extract(zip, to: work.url.appendingPathComponent("corpus"))
        XCTAssertEqual(try Data(contentsOf: work.url.appendingPathComponent("corpus/Actor_01/empty.txt")), Data())
    }
}
