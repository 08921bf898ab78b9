import Foundation
import ZIPFoundation

/// Every entry of a ZIP archive, or an error: never some of them.
///
/// ZIPFoundation's entry iterator stops early, without an error, at a central-directory
/// record it cannot follow (a damaged local-header offset, say), so a damaged archive
/// would read as a shorter, valid one: weights with arrays missing, a corpus with files
/// missing. The end-of-central-directory record says how many entries there are;
/// ZIPFoundation keeps that count to itself, so it is read here and compared.
///
/// Each entry comes with where the directory puts its data, read here as well, so that
/// `ZipEntryData` reads it within those bounds, and no two entries may share bytes
/// (`ZipDirectoryBounds.checkNoOverlap`). ZIPFoundation lists the same records in the same
/// order, which the equal counts make sure of.
public enum ZipEntryList {
    /// - Parameters:
    ///   - archive: ZIPFoundation's listing, opened after `file`.
    ///   - file: the archive as this module reads it.
    public static func entries(of archive: Archive, in file: ZipArchiveFile) throws -> [ZipEntry] {
        // Both opened by name: should it have been replaced in between, they differ.
        guard file.isStill(at: archive.url) else { throw ZipDirectoryDamage.replacedWhileOpened }
        let locations = try checkedListing(file)
        let entries = Array(archive)
        guard entries.count == locations.count else {
            throw ZipDirectoryDamage.entriesMissing(listed: UInt64(locations.count), readable: entries.count)
        }
        try ZipDirectoryBounds.checkNoOverlap(locations)
        return zip(entries, locations).map { ZipEntry(entry: $0, location: $1, file: file) }
    }

    /// Where each entry's data lies, for as many entries as the end-of-central-directory
    /// record counts. That record is found and read as ZIPFoundation 0.9 finds and reads
    /// it, so the two listings are of one directory: the last
    /// record signature at least 22 bytes before the end (scanning back over the whole
    /// file, as it does), and the ZIP64 record's count when a ZIP64 locator and record sit
    /// directly before it (20 and 56 bytes; the record saying version 4.5 or later),
    /// whatever the classic count says. Every directory record it counts is checked to lie
    /// inside the file (`ZipDirectoryBounds`), since ZIPFoundation traps on some that do not.
    static func checkedListing(_ file: ZipArchiveFile) throws -> [ZipEntryLocation] {
        let size = file.size
        func bytes(at offset: UInt64, count: Int) throws -> [UInt8] { [UInt8](try file.bytes(at: offset, count: count)) }
        guard let record = try lastRecordSignature(size: size, bytes: bytes) else { throw ZipDirectoryDamage.unreadable }
        let classic = try bytes(at: record, count: 22)
        guard classic.count == 22 else { throw ZipDirectoryDamage.unreadable }
        var listing = (count: littleEndian(classic, at: 10, bytes: 2), start: littleEndian(classic, at: 16, bytes: 4), wide: false)
        if record > 20 + 56 {  // ZIPFoundation wants both strictly after the file's start
            let zip64 = try bytes(at: record - 20 - 56, count: 56 + 20)
            if zip64.count == 76, littleEndian(zip64, at: 0, bytes: 4) == 0x0606_4B50,
               littleEndian(zip64, at: 14, bytes: 2) >= 45, littleEndian(zip64, at: 56, bytes: 4) == 0x0706_4B50 {
                listing = (littleEndian(zip64, at: 32, bytes: 8), littleEndian(zip64, at: 48, bytes: 8), true)
            }
        }
        let locations = try ZipDirectoryBounds.check(fileSize: size, start: listing.start, wideStart: listing.wide,
                                                     entries: listing.count, bytes: bytes)
        guard UInt64(locations.count) == listing.count else {
            throw ZipDirectoryDamage.entriesMissing(listed: listing.count, readable: locations.count)
        }
        return locations
    }

    /// The offset of the last end-of-central-directory signature that starts at least 22
    /// bytes before the end, read backwards in blocks.
    private static func lastRecordSignature(size: UInt64, bytes: (UInt64, Int) throws -> [UInt8]) throws -> UInt64? {
        guard size >= 22 else { return nil }
        let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        var end = size - 22 + 4  // one past the last byte a signature may use
        let block: UInt64 = 1 << 16
        while end >= 4 {
            let start = end > block ? end - block : 0
            let chunk = try bytes(start, Int(end - start))
            var index = chunk.count - 4
            while index >= 0 {
                if chunk[index] == signature[0], chunk[index + 1] == signature[1],
                   chunk[index + 2] == signature[2], chunk[index + 3] == signature[3] {
                    return start + UInt64(index)
                }
                index -= 1
            }
            guard start > 0 else { return nil }
            end = start + 3  // a signature may straddle the blocks
        }
        return nil
    }

    static func littleEndian(_ bytes: [UInt8], at offset: Int, bytes count: Int) -> UInt64 {
        (0..<count).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }
}

/// A ZIP archive whose directory cannot be read whole.
public enum ZipDirectoryDamage: Error, Equatable, CustomStringConvertible {
    case unreadable
    case entriesMissing(listed: UInt64, readable: Int)
    case directoryOutsideFile(start: UInt64, fileSize: UInt64)
    case replacedWhileOpened
    case overlappingEntries(String, String)
    case entryOutsideFile(name: String, offset: UInt64, size: UInt64?, fileSize: UInt64)

    public var description: String {
        switch self {
        case .unreadable:
            return "its ZIP directory cannot be read: the file is damaged or cut short"
        case .entriesMissing(let listed, let readable):
            return "its ZIP directory lists \(listed) entries but only \(readable) can be read: the file is damaged"
        case .overlappingEntries(let first, let second):
            return "its ZIP directory puts entries '\(first)' and '\(second)' on the same bytes: the file is damaged or hostile"
        case .replacedWhileOpened:
            return "it was replaced by another file while being opened; try again"
        case .directoryOutsideFile(let start, let fileSize):
            return "its ZIP directory is said to start at byte \(start), past the end of the file (\(fileSize) bytes): "
                + "the file is damaged or cut short"
        case .entryOutsideFile(let name, let offset, let size, let fileSize):
            return "its ZIP directory puts entry '\(name)' at byte \(offset)\(size.map { " with \($0) bytes of data" } ?? ""), "
                + "past the end of the file (\(fileSize) bytes): the file is damaged or cut short"
        }
    }
}
