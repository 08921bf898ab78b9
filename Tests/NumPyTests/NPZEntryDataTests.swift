import Foundation
import NumPy
import TestSupport
import XCTest

/// An entry's data must agree with its directory record, and reading a damaged one ends
/// with an error naming the file and the entry. Before `ZipEntryData`, ZIPFoundation read
/// a deflate stream that never ends (a damaged one) forever: at the end of the file it
/// asked for more bytes in a loop that nothing broke (ZIPFoundation issue #389).
final class NPZEntryDataTests: XCTestCase {
    let npy = [UInt8](NPY.encode(try! NPYArray(float64: [1, 2])))

    func temporaryURL() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("entry-\(UUID().uuidString).npz")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func assertArrayRefused(_ zip: HandMadeZip, saying reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = temporaryURL()
        try Data(zip.bytes()).write(to: url)
        let archive = try NPZ.read(contentsOf: url)  // the directory itself is sound
        XCTAssertThrowsError(try archive.array(named: "a"), file: file, line: line) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "cannot extract 'a.npy': " + reason), file: file, line: line)
        }
    }

    /// zlib wants more input when the entry's data is used up. This hung before.
    func testADeflateStreamThatDoesNotEndInItsEntryIsAnError() throws {
        try assertArrayRefused(.unfinishedDeflateStream(name: "a.npy"),
                               saying: "its compressed data ends before the deflate stream does: the file is damaged or cut short")
    }

    /// zlib's own words for what is wrong reach the user.
    func testACorruptDeflateStreamGivesZlibsReason() throws {
        var zip = HandMadeZip(contents: [0x07, 0x00, 0x00, 0x00])  // block type 3 does not exist
        zip.method = 8
        zip.uncompressed = npy
        try assertArrayRefused(zip, saying: "its compressed data is corrupt (zlib: invalid block type): the file is damaged")
    }

    /// A deflated entry that inflates to fewer bytes than listed: the checksum might
    /// still be what the writer computed, so the size is checked on its own.
    func testADeflatedEntrySmallerThanItsListedSizeIsAnError() throws {
        let url = temporaryURL()
        try NPZ.write([("a", try NPYArray(float64: [Double](repeating: 0, count: 64)))], to: url, compressed: true)
        try ZipBytes.listUncompressedSize(1_000, ofTheOnlyEntryIn: url)  // of the 640
        XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "a")) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "cannot extract 'a.npy': it holds fewer bytes than "
                                                  + "the 1000 its ZIP directory lists: the file is damaged"))
        }
    }

    /// A deflated entry listed at more than its compressed bytes could ever inflate to:
    /// refused before inflating, where it was inflated whole and then found short.
    func testASizeNoDeflateStreamOfItsLengthReachesIsRefusedFirst() throws {
        let url = temporaryURL()
        try NPZ.write([("a", try NPYArray(float64: [Double](repeating: 0, count: 64)))], to: url, compressed: true)
        try ZipBytes.listUncompressedSize(4_000_000_000, ofTheOnlyEntryIn: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "a")) {
            guard case .io(let file, let reason)? = $0 as? NumPyError else { return XCTFail("\($0)") }
            XCTAssertEqual(file, url.path)
            XCTAssertTrue(reason.hasPrefix("cannot extract 'a.npy': its ZIP directory lists 4000000000 bytes once inflated, "
                                           + "more than its "), reason)
            XCTAssertTrue(reason.hasSuffix(" compressed bytes can hold (deflate packs at most 1032 bytes into one): "
                                           + "the file is damaged"), reason)
        }
    }

    /// An entry whose header declares 10^12 float64 values (8 TB) holds 200,000 bytes:
    /// refused when its header has been read, before the rest of the entry is (the
    /// damage near its end, which reading it whole would have met first, is never reached).
    func testAHeaderDeclaringMoreValuesThanTheEntryHoldsIsRefusedFromTheHeader() throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }"
        header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
        let length = header.utf8.count
        let npy = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
        var bytes = HandMadeZip(contents: npy + [UInt8](repeating: 0, count: 200_000)).bytes()
        bytes[150_000] ^= 0xFF  // past the first 64 KiB read; its checksum no longer matches
        let url = temporaryURL()
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url).array(named: "a")) {
            XCTAssertEqual($0 as? NumPyError, .truncated(file: url.path + "[a]", expectedBytes: 8_000_000_000_000, actualBytes: 200_000))
        }
    }

    /// A stored entry listed at 60,000 bytes in a file of a few hundred: refused before
    /// anything is read, where ZIPFoundation read 2^18 empty chunks first.
    func testStoredDataPastTheEndOfTheFileIsAnError() throws {
        var zip = HandMadeZip(contents: npy)
        zip.classicSize = 60_000
        try assertArrayRefused(zip, saying: "its data (60000 bytes from byte 35) runs past the end of the file "
                               + "(\(zip.bytes().count) bytes): the file is damaged or cut short")
    }

    /// bzip2, LZMA, ...: said so, rather than read as if stored.
    func testACompressionMethodOtherThanStoredOrDeflateIsNamed() throws {
        var zip = HandMadeZip(contents: npy)
        zip.method = 12
        try assertArrayRefused(zip, saying: "it uses compression method 12; only stored (0) and deflate (8) are read")
    }

    /// Two directory records on one entry's bytes: refused when the archive is opened,
    /// for with a highly compressed stream under many records, extracting them would
    /// write its inflated size many times over.
    func testEntriesSharingTheirBytesAreRefused() throws {
        let url = temporaryURL()
        var bytes = HandMadeZip(contents: npy).bytes()
        let record = try XCTUnwrap(ZipBytes.offsets(of: ZipBytes.directoryRecord, in: bytes).first)
        let end = bytes.count - 22
        var second = Array(bytes[record..<end])
        second[46] = UInt8(ascii: "b")  // 'a.npy' -> 'b.npy' (46-byte record, then the name)
        bytes.insert(contentsOf: second, at: end)
        bytes[bytes.count - 22 + 8] = 2; bytes[bytes.count - 22 + 10] = 2  // entries on this disk, in all
        bytes[bytes.count - 22 + 12] = UInt8(2 * second.count)  // the directory's size
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try NPZ.read(contentsOf: url)) {
            XCTAssertEqual($0 as? NumPyError, .io(file: url.path, reason: "not a readable .npz (ZIP) archive: its ZIP directory "
                                                  + "puts entries 'a.npy' and 'b.npy' on the same bytes: the file is damaged or hostile"))
        }
    }

    /// An archive replaced on disk (renamed over, as caches are written) after it was
    /// opened is still read whole from the file that was opened, not the old directory's
    /// offsets applied to the new file's bytes.
    func testAnArchiveRenamedOverAfterOpeningIsReadAsOpened() throws {
        let url = temporaryURL(), other = temporaryURL()
        try NPZ.write([("a", try NPYArray(float64: [1, 2]))], to: url)
        try NPZ.write([("padding", try NPYArray(float64: [Double](repeating: 7, count: 64))),
                       ("a", try NPYArray(float64: [3, 4]))], to: other)
        let opened = try NPZ.read(contentsOf: url)
        XCTAssertEqual(rename(other.path, url.path), 0)
        XCTAssertEqual(try opened.array(named: "a"), try NPYArray(float64: [1, 2]))
        XCTAssertEqual(try NPZ.read(contentsOf: url).array(named: "a"), try NPYArray(float64: [3, 4]))
    }

    /// The same archives read whole: a deflated entry written by the hand-made writer
    /// (one stored block, final) and a stored one, so the failures above are the damage's.
    func testSoundHandMadeEntriesRead() throws {
        let stored = HandMadeZip(contents: npy)
        var deflated = HandMadeZip(contents: [0x01] + le(UInt16(npy.count)) + le(~UInt16(npy.count)) + npy)
        deflated.method = 8
        deflated.uncompressed = npy
        for zip in [stored, deflated] {
            let url = temporaryURL()
            try Data(zip.bytes()).write(to: url)
            XCTAssertEqual(try NPZ.read(contentsOf: url).array(named: "a"), try NPYArray(float64: [1, 2]), "method \(zip.method)")
        }
    }

    private func le(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
}
