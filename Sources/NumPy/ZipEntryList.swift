import Foundation
import ZIPFoundation

/// Every entry of a ZIP archive, or an error: never some of them.
///
/// ZIPFoundation's entry iterator stops early, without an error, at a central-directory
/// record it cannot follow (a damaged local-header offset, say), so a damaged archive
/// would read as a shorter, valid one: weights with arrays missing, a corpus with files
/// missing. The end-of-central-directory record says how many entries there are;
/// ZIPFoundation keeps that count to itself, so it is read here and compared.
public enum ZipEntryList {
    public static func entries(of archive: Archive, at url: URL) throws -> [Entry] {
        let entries = Array(archive)
        let listed = try listedEntryCount(url)
        guard UInt64(entries.count) == listed else {
            throw ZipDirectoryDamage.entriesMissing(listed: listed, readable: entries.count)
        }
        return entries
    }

    /// The entry count of the last end-of-central-directory record (ZIP64's when the
    /// classic field is saturated), found as ZIPFoundation finds it: scanning back from
    /// the end over at most the largest comment.
    static func listedEntryCount(_ url: URL) throws -> UInt64 {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let recordSize: UInt64 = 22, longestComment: UInt64 = 0xFFFF
        let tailStart = size > recordSize + longestComment ? size - recordSize - longestComment : 0
        try handle.seek(toOffset: tailStart)
        let tail = [UInt8](try handle.readToEnd() ?? Data())
        guard tail.count >= Int(recordSize),
              let record = stride(from: tail.count - Int(recordSize), through: 0, by: -1)
                  .first(where: { littleEndian(tail, at: $0, bytes: 4) == 0x0605_4B50 })
        else { throw ZipDirectoryDamage.unreadable }
        let count = littleEndian(tail, at: record + 10, bytes: 2)
        guard count == 0xFFFF, record >= 20, littleEndian(tail, at: record - 20, bytes: 4) == 0x0706_4B50 else {
            return count
        }
        // ZIP64: the locator before the record points at the ZIP64 record, whose total
        // entry count sits 32 bytes in.
        let zip64Record = littleEndian(tail, at: record - 20 + 8, bytes: 8)
        try handle.seek(toOffset: zip64Record)
        let header = [UInt8](try handle.read(upToCount: 40) ?? Data())
        guard header.count == 40, littleEndian(header, at: 0, bytes: 4) == 0x0606_4B50 else {
            throw ZipDirectoryDamage.unreadable
        }
        return littleEndian(header, at: 32, bytes: 8)
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int, bytes count: Int) -> UInt64 {
        (0..<count).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }
}

/// A ZIP archive whose directory cannot be read whole.
public enum ZipDirectoryDamage: Error, Equatable, CustomStringConvertible {
    case unreadable
    case entriesMissing(listed: UInt64, readable: Int)

    public var description: String {
        switch self {
        case .unreadable:
            return "its ZIP directory cannot be read: the file is damaged or cut short"
        case .entriesMissing(let listed, let readable):
            return "its ZIP directory lists \(listed) entries but only \(readable) can be read: the file is damaged"
        }
    }
}
