import Foundation
import ZIPFoundation

/// Why a ZIP archive (`.npz`, the corpus download) could not be listed or read, in words
/// a user can act on: ZIPFoundation's failures (its listing, and its extraction of
/// folders and links) rather than its case names ("missingEndOfCentralDirectoryRecord"),
/// and this module's own (`ZipDirectoryDamage`, `ZipEntryDamage`).
public enum ZipFailure {
    public static func reason(of error: Error) -> String {
        if let damage = error as? ZipDirectoryDamage { return damage.description }
        if let damage = error as? ZipEntryDamage { return damage.description }
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
}
