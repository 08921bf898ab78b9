import Foundation

/// Byte patterns in a ZIP file, for damaging one on purpose.
public enum ZipBytes {
    public static let localHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    public static let directoryRecord: [UInt8] = [0x50, 0x4B, 0x01, 0x02]

    public static func offsets(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        (0...(bytes.count - pattern.count)).filter { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }

    /// Rewrites the uncompressed size that the local header (4 bytes at 22) and the
    /// directory record (at 24) of the archive's single entry list, leaving its data as it
    /// is: an entry that inflates past what its listing says.
    public static func listUncompressedSize(_ size: UInt32, ofTheOnlyEntryIn url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        for (signature, offset) in [(localHeader, 22), (directoryRecord, 24)] {
            let records = offsets(of: signature, in: bytes)
            guard records.count == 1 else { throw CocoaError(.fileReadCorruptFile) }
            bytes.replaceSubrange(records[0] + offset..<records[0] + offset + 4,
                                  with: (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) })
        }
        try Data(bytes).write(to: url)
    }
}
