import Foundation
import ZIPFoundation

/// ZIP archives (`.npz`, the corpus download) as ZIPFoundation reads them, with its
/// failures in words a user can act on rather than its case names
/// ("missingEndOfCentralDirectoryRecord").
public enum ZipFailure {
    public static func reason(of error: Error) -> String {
        if let damage = error as? ZipDirectoryDamage { return damage.description }
        // ZIPFoundation's inflate failure is an internal type (`Data.CompressionError`),
        // so only its name can be matched.
        if "\(type(of: error))" == "CompressionError" {
            return "an entry's compressed data is corrupt: the file is damaged"
        }
        guard let archiveError = error as? Archive.ArchiveError else { return IOFailure.reason(of: error) }
        switch archiveError {
        case .unreadableArchive:
            return "cannot read it"
        case .missingEndOfCentralDirectoryRecord:
            return "no ZIP directory at its end: not a ZIP file, or cut short"
        case .invalidCRC32:
            return "an entry's checksum does not match its contents: the file is damaged"
        case .invalidCompressionMethod:
            return "an entry uses a compression method other than stored or deflate"
        case .invalidEntrySize, .invalidLocalHeaderDataOffset, .invalidLocalHeaderSize,
             .invalidCentralDirectoryOffset, .invalidCentralDirectorySize, .invalidCentralDirectoryEntryCount:
            return "its ZIP directory is inconsistent: the file is damaged or cut short"
        case .uncontainedSymlink:
            return "a symbolic link in it points outside the folder it is extracted to"
        default:
            return "\(archiveError)"
        }
    }

    /// The bytes of `entry`, as `extract(_:in:_:)` checks them.
    public static func contents(of entry: Entry, in archive: Archive) throws -> Data {
        var bytes = Data()
        try extract(entry, in: archive) { bytes.append($0) }
        return bytes
    }

    /// Passes the bytes of `entry` to `consumer` in chunks, its CRC-32 checked
    /// (ZIPFoundation's streaming `extract` computes the checksum but leaves the comparison
    /// to the caller), and no more than the directory says it holds: ZIPFoundation inflates
    /// a deflated entry to its end whatever its listed size, and deflate packs up to 1,032
    /// bytes into one, so a damaged or hostile archive of a few megabytes could ask for
    /// gigabytes of memory or disk.
    public static func extract(_ entry: Entry, in archive: Archive, _ consumer: (Data) throws -> Void) throws {
        var count: UInt64 = 0
        let checksum = try archive.extract(entry, skipCRC32: false) {
            count += UInt64($0.count)
            guard count <= entry.uncompressedSize else { throw Archive.ArchiveError.invalidEntrySize }
            try consumer($0)
        }
        guard checksum == entry.checksum else { throw Archive.ArchiveError.invalidCRC32 }
    }
}
