import Foundation
import NumPy
import TestSupport
import XCTest

/// `.npz` archives: those NumPy writes (stored by np.savez, deflated by
/// np.savez_compressed; fixtures from scripts/reference/keras_fixtures.py) and our own.
final class NPZTests: XCTestCase {
    func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("npz-\(UUID().uuidString).npz")
    }

    func testReadsNumPySavezStoredEntriesInOrder() throws {
        let file = try NPZ.read(contentsOf: ReferencePaths.fixture("LearnTests", "adam.npz"))
        XCTAssertEqual(Array(file.names.prefix(5)), ["v1_0", "v2_0", "g1_1", "g2_1", "v1_1"])
        let v = try file.array(named: "v1_0")
        XCTAssertEqual(v.shape, [3, 4])
        XCTAssertEqual(v.dtype, .float32)
    }

    func testReadsNumPySavezCompressedEntries() throws {
        let file = try NPZ.read(contentsOf: ReferencePaths.fixture("LearnTests", "model_sd_fc.npz"))
        let x = try file.array(named: "x")
        XCTAssertEqual(x.shape, [8, 386])
        XCTAssertEqual(try file.array(named: "labels").integers(), [0, 1, 2, 3, 4, 5, 0, 3])
    }

    func testRoundTripStoredAndDeflated() throws {
        let a = try NPYArray(float32: (0..<1000).map { Float($0) * 0.5 }, shape: [10, 100])
        let b = try NPYArray(int64: [3, -1, 7])
        for compressed in [false, true] {
            let url = temporaryURL()
            defer { try? FileManager.default.removeItem(at: url) }
            try NPZ.write([("first/kernel", a), ("labels", b)], to: url, compressed: compressed)
            let file = try NPZ.read(contentsOf: url)
            XCTAssertEqual(file.names, ["first/kernel", "labels"])
            XCTAssertEqual(try file.array(named: "first/kernel"), a)
            XCTAssertEqual(try file.array(named: "labels"), b)
        }
    }

    func testErrorsNameTheFileAndArray() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try NPZ.write([("a", try NPYArray(float64: [1, 2]))], to: url)
        let file = try NPZ.read(contentsOf: url)
        XCTAssertThrowsError(try file.array(named: "b")) {
            XCTAssertEqual("\($0)", "\(url.path): no array named 'b'; the archive holds only 'a'")
        }
        try Data("not a zip".utf8).write(to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url)) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "not a readable .npz (ZIP) archive: no ZIP directory at its end: not a ZIP file, or cut short"))
        }
        XCTAssertThrowsError(try NPZ.write([("a", try NPYArray(float64: [1])), ("a", try NPYArray(float64: [2]))], to: url)) {
            XCTAssert("\($0)".contains("'a' is given twice"), "\($0)")
        }
    }

    /// A missing array's error lists what the archive does hold, a dozen at most, so a
    /// misspelt or renamed array is plain to see; an empty archive says it is empty.
    func testAMissingArrayListsTheArraysThatAreThere() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let one = try NPYArray(float64: [1])
        try NPZ.write((1...14).map { ("w\($0)", one) }, to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "W1")) {
            XCTAssertEqual("\($0)", "\(url.path): no array named 'W1'; the archive holds "
                           + (1...12).map { "'w\($0)'" }.joined(separator: ", ") + " and 2 more")
        }
        try NPZ.write([], to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "x")) {
            XCTAssertEqual("\($0)", "\(url.path): no array named 'x'; the archive holds no arrays")
        }
    }

    /// A damaged archive is an error, not weights read wrong: every entry's CRC-32 is
    /// checked (as NumPy's zipfile does), stored and deflated alike, when it is read.
    func testADamagedEntryFailsItsChecksum() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        for compressed in [false, true] {
            try NPZ.write([("kernel", try NPYArray(float32: (0..<4096).map { Float($0).squareRoot() }))], to: url, compressed: compressed)
            var bytes = [UInt8](try Data(contentsOf: url))
            for i in 600..<700 { bytes[i] ^= 0xFF }  // inside the entry's data, past the headers
            try Data(bytes).write(to: url)
            XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "kernel"), "compressed: \(compressed)") {
                guard case .io(let file, let reason)? = $0 as? NumPyError else { return XCTFail("\($0)") }
                XCTAssertEqual(file, url.path)
                XCTAssertTrue(reason.hasPrefix("cannot extract 'kernel.npy': "), reason)
                if !compressed { XCTAssertTrue(reason.hasSuffix("its checksum does not match its contents: the file is damaged"), reason) }
            }
        }
    }

    /// A deflated entry that inflates past the size its directory record lists is an
    /// error, not read to its end: a few megabytes of deflate can inflate to gigabytes.
    func testADeflatedEntryLargerThanItsListedSizeIsAnError() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try NPZ.write([("zeros", try NPYArray(float64: [Double](repeating: 0, count: 4096)))], to: url, compressed: true)
        try ZipBytes.listUncompressedSize(100, ofTheOnlyEntryIn: url)  // of the 32,896
        XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "zeros")) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "cannot extract 'zeros.npy': it holds more bytes than the 100 its ZIP directory lists: the file is damaged"))
        }
    }

    /// `atomically: false` writes into the file itself (a cache renames its own temporary
    /// file; a second temporary file beside it would be left behind by a kill).
    func testANonAtomicWriteGoesStraightIntoTheFile() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("old".utf8).write(to: url)
        var before = stat(), after = stat()
        XCTAssertEqual(stat(url.path, &before), 0)
        try NPZ.write([("a", try NPYArray(float64: [1]))], to: url, atomically: false)
        XCTAssertEqual(stat(url.path, &after), 0)
        XCTAssertEqual(before.st_ino, after.st_ino, "written in place")
        XCTAssertEqual(try NPZ.read(contentsOf: url).array(named: "a"), try NPYArray(float64: [1]))
    }

    /// ZIPFoundation stops listing at a directory record it cannot follow; the archive
    /// must then fail, not read as one with fewer arrays.
    func testADamagedDirectoryRecordIsAnErrorNotAMissingArray() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try NPZ.write([("a", try NPYArray(float64: [1])), ("b", try NPYArray(float64: [2]))], to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        let records = ZipBytes.offsets(of: ZipBytes.directoryRecord, in: bytes)
        XCTAssertEqual(records.count, 2)
        // Its local header at byte 1: inside the file (an offset past the end is refused before
        // ZIPFoundation reads it, ZipDirectoryBounds), but no local header there.
        bytes.replaceSubrange(records[1] + 42..<records[1] + 46, with: [0x01, 0x00, 0x00, 0x00])
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url)) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "not a readable .npz (ZIP) archive: its ZIP directory lists 2 entries but only 1 can be read: the file is damaged"))
        }
    }

    /// Bytes after the archive's end (more than the largest comment) do not hide its
    /// directory: it is found as ZIPFoundation finds it, scanning back over the whole file.
    func testAnArchiveWithTrailingBytesStillCountsItsEntries() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try NPZ.write([("a", try NPYArray(float64: [1])), ("b", try NPYArray(float64: [2]))], to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0x20, count: 100_000))
        try handle.close()
        let file = try NPZ.read(contentsOf: url)
        XCTAssertEqual(file.names, ["a", "b"])
        XCTAssertEqual(try file.array(named: "b"), try NPYArray(float64: [2]))
    }

    /// Two entries with one name: reading one would silently drop the other.
    func testTwoArraysWithOneNameAreAnError() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try NPZ.write([("a", try NPYArray(float64: [1])), ("b", try NPYArray(float64: [2]))], to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        for offset in ZipBytes.offsets(of: Array("b.npy".utf8), in: bytes) { bytes[offset] = UInt8(ascii: "a") }
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url)) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "holds two arrays named 'a'; which one is meant is unclear"))
        }
    }

    /// Entries are extracted when asked for: a damaged one spoils only itself.
    func testEntriesAreExtractedOnlyWhenAskedFor() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let good = try NPYArray(float64: [1, 2, 3])
        try NPZ.write([("good", good), ("bad", try NPYArray(float32: (0..<4096).map { Float($0) }))], to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        let badData = ZipBytes.offsets(of: Array("bad.npy".utf8), in: bytes)[0] + 7 + 200
        for i in badData..<badData + 50 { bytes[i] ^= 0xFF }
        try Data(bytes).write(to: url)
        let file = try NPZ.read(contentsOf: url)
        XCTAssertEqual(file.names, ["good", "bad"])
        XCTAssertEqual(try file.array(named: "good"), good)
        XCTAssertThrowsError(try file.array(named: "bad"))
    }
}

