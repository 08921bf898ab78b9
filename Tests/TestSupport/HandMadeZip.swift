import Foundation

/// A one-entry ZIP archive written byte by byte, its data stored, so a test can give its
/// directory values no ZIP writer would: ZIP64 offsets and sizes past the end of the
/// file, or past Int64.max.
public struct HandMadeZip {
    public var name = "a.npy"
    public var contents: [UInt8]
    /// The directory record's ZIP64 extra field, in its order; a value given (0 too)
    /// makes its classic field 0xFFFFFFFF. nil: classic fields only.
    public var zip64Uncompressed: UInt64?
    public var zip64Compressed: UInt64?
    public var zip64Offset: UInt64?
    /// A classic uncompressed and compressed size other than the contents' length.
    public var classicSize: UInt32?
    /// General-purpose flag bit 3: sizes in a data descriptor after the data.
    public var usesDataDescriptor = false
    /// Writes a ZIP64 end record (and locator) saying the directory starts here.
    public var zip64DirectoryStart: UInt64?
    /// The Unix mode in the directory record: a regular file, or e.g. 0o040755 a folder.
    public var mode: UInt64 = 0o100644
    /// The compression method in both headers: 0 stored, 8 deflate (then `contents` are
    /// the raw deflate stream, and `uncompressed` what it inflates to).
    public var method: UInt64 = 0
    /// What the entry holds once inflated: the CRC-32 and uncompressed size listed are its.
    public var uncompressed: [UInt8]?

    public init(contents: [UInt8]) { self.contents = contents }

    /// A deflated entry whose stream, one stored block that promises 65,535 bytes, is
    /// still unfinished at the end of the file, which lies exactly 16 KiB after the data's
    /// start: ZIPFoundation 0.9 read those bytes in one chunk (its default size) and then
    /// asked for more in a loop nothing ended (issue #389). Shorter or longer files had it
    /// read past its buffer instead.
    public static func unfinishedDeflateStream(name: String) -> HandMadeZip {
        let after = 46 + name.utf8.count + 22  // the directory record and the end record
        var zip = HandMadeZip(contents: [0x00, 0xFF, 0xFF, 0x00, 0x00] + [UInt8](repeating: 7, count: 16384 - 5 - after))
        zip.name = name
        zip.method = 8
        zip.uncompressed = [UInt8](repeating: 7, count: 65535)
        return zip
    }

    public func bytes() -> [UInt8] {
        let nameBytes = Array(name.utf8)
        let zip64 = [zip64Uncompressed, zip64Compressed, zip64Offset].compactMap { $0 }
        let extra = zip64.isEmpty ? [] : le(1, 2) + le(UInt64(8 * zip64.count), 2) + zip64.flatMap { le($0, 8) }
        let size = UInt64(classicSize ?? UInt32(contents.count))
        let inflatedSize = uncompressed.map { UInt64($0.count) } ?? size
        let marker: UInt64 = 0xFFFF_FFFF
        let flags: UInt64 = usesDataDescriptor ? 8 : 0
        let version: UInt64 = zip64.isEmpty ? 20 : 45
        let crc = UInt64(crc32(uncompressed ?? contents))
        var out = le(0x0403_4B50, 4) + le(version, 2) + le(flags, 2) + le(method, 2) + le(0, 4) + le(crc, 4)
            + le(size, 4) + le(inflatedSize, 4) + le(UInt64(nameBytes.count), 2) + le(0, 2) + nameBytes + contents
        let directoryStart = UInt64(out.count)
        out += le(0x0201_4B50, 4) + le(0x0314, 2) + le(version, 2) + le(flags, 2) + le(method, 2) + le(0, 4) + le(crc, 4)
            + le(zip64Compressed == nil ? size : marker, 4) + le(zip64Uncompressed == nil ? inflatedSize : marker, 4)
            + le(UInt64(nameBytes.count), 2) + le(UInt64(extra.count), 2) + le(0, 2) + le(0, 2) + le(0, 2)
            + le(mode << 16, 4) + le(zip64Offset == nil ? 0 : marker, 4) + nameBytes + extra
        let directorySize = UInt64(out.count) - directoryStart
        if let zip64Start = zip64DirectoryStart {
            let recordStart = UInt64(out.count)
            out += le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4) + le(1, 8) + le(1, 8)
                + le(directorySize, 8) + le(zip64Start, 8)
            out += le(0x0706_4B50, 4) + le(0, 4) + le(recordStart, 8) + le(1, 4)
        }
        out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(1, 2) + le(1, 2) + le(directorySize, 4)
            + le(zip64DirectoryStart == nil ? directoryStart : marker, 4) + le(0, 2)
        return out
    }

    private func le(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
