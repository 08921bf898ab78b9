import Foundation
import NumPy
import TestSupport
import XCTest

/// A ZIP directory whose offsets and sizes point past the end of the file is an error
/// naming the file and the entry. Before ZipDirectoryBounds, ZIPFoundation 0.9 trapped
/// on the ZIP64 ones (`off_t(offset)`, `Int64(size)`, an offset plus a size past
/// UInt64.max), killing the process, and read a stored entry listed at 2^62 bytes in
/// 2^48 empty chunks, which does not end.
final class NPZDirectoryBoundsTests: XCTestCase {
    /// A valid one-array `.npy`, stored as the archive's only entry, `a.npy`.
    let npy = [UInt8](NPY.encode(try! NPYArray(float64: [1, 2])))

    func reading(_ zip: HandMadeZip) throws -> (url: URL, error: Error?) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bounds-\(UUID().uuidString).npz")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        try Data(zip.bytes()).write(to: url)
        do {
            let file = try NPZ.read(contentsOf: url)
            for name in file.names { _ = try file.array(named: name) }
            return (url, nil)
        } catch {
            return (url, error)
        }
    }

    func assertRefused(_ zip: HandMadeZip, saying damage: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (url, error) = try reading(zip)
        let size = zip.bytes().count
        XCTAssertEqual(error as? NumPyError, .io(file: url.path, reason: "not a readable .npz (ZIP) archive: its ZIP directory "
                                                 + damage.replacingOccurrences(of: "SIZE", with: "\(size)")),
                       file: file, line: line)
    }

    /// 2^63 trapped in ZIPFoundation's `readUncompressed` (Int64(size)) when the array was
    /// read; 2^62 did not trap but did not end: 2^48 reads of nothing, 16 KiB each.
    func testAStoredSizePastTheEndIsAnError() throws {
        for size: UInt64 in [1 << 63, 1 << 62] {
            var zip = HandMadeZip(contents: npy)
            zip.zip64Uncompressed = size
            zip.zip64Compressed = size
            try assertRefused(zip, saying: "puts entry 'a.npy' at byte 0 with \(size) bytes of data, "
                              + "past the end of the file (SIZE bytes): the file is damaged or cut short")
        }
    }

    /// Trapped in ZIPFoundation's `Data.readStruct` (off_t(offset)) while listing the entries.
    func testALocalHeaderOffsetPastInt64MaxIsAnError() throws {
        var zip = HandMadeZip(contents: npy)
        zip.zip64Offset = 0xFFFF_FFFF_FFFF_FFF0
        try assertRefused(zip, saying: "puts entry 'a.npy' at byte 18446744073709551600, "
                          + "past the end of the file (SIZE bytes): the file is damaged or cut short")
    }

    /// Trapped in ZIPFoundation's `Data.readStruct` at the directory's first record.
    func testADirectoryStartPastInt64MaxIsAnError() throws {
        var zip = HandMadeZip(contents: npy)
        zip.zip64DirectoryStart = 0xFFFF_FFFF_FFFF_FF00
        try assertRefused(zip, saying: "is said to start at byte 18446744073709551360, past the end of the file "
                          + "(SIZE bytes): the file is damaged or cut short")
    }

    /// Trapped in ZIPFoundation's listing, which adds the size to the offset (UInt64
    /// overflow) to find the data descriptor.
    func testADataDescriptorPastUInt64MaxIsAnError() throws {
        var zip = HandMadeZip(contents: npy)
        zip.usesDataDescriptor = true
        zip.zip64Uncompressed = .max - 15
        zip.zip64Compressed = .max - 15
        try assertRefused(zip, saying: "puts entry 'a.npy' at byte 0 with 18446744073709551600 bytes of data, "
                          + "past the end of the file (SIZE bytes): the file is damaged or cut short")
    }

    /// ZIP64 values inside the file are read as ZIPFoundation reads them: the classic
    /// fields hold 0xFFFFFFFF, which would lie past the end of this small file.
    func testZIP64ValuesInsideTheFileStillRead() throws {
        var zip = HandMadeZip(contents: npy)
        zip.zip64Uncompressed = UInt64(npy.count)
        zip.zip64Compressed = UInt64(npy.count)
        zip.zip64DirectoryStart = UInt64(30 + zip.name.utf8.count + npy.count)
        let (url, error) = try reading(zip)
        XCTAssertNil(error)
        XCTAssertEqual(try NPZ.read(contentsOf: url).array(named: "a"), try NPYArray(float64: [1, 2]))
    }

    /// What ZIP64 writers list for a folder (ZIPFoundation's own ZIP64 test archives): a
    /// size of 0xFFFFFFFF whose ZIP64 value is 0. ZIPFoundation then takes the classic
    /// 0xFFFFFFFF, past the end of this small file, and copes; it is not refused.
    func testAFolderWhoseZIP64SizeIsZeroStillReads() throws {
        var zip = HandMadeZip(contents: [])
        zip.name = "folder/"
        zip.mode = 0o040755
        zip.zip64Uncompressed = 0
        let (url, error) = try reading(zip)
        XCTAssertNil(error)
        XCTAssertEqual(try NPZ.read(contentsOf: url).names, [], "a folder is no array")
    }
}
