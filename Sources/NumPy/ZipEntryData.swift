import CLibz
import Foundation
import ZIPFoundation

/// Where a ZIP directory record puts its entry's data, with the sizes and checksum it
/// lists (ZIP64 values where the record has them), as Python's `zipfile` trusts them.
public struct ZipEntryLocation: Equatable {
    /// The name as the directory record spells it (UTF-8), for messages.
    public let name: String
    public let localHeaderOffset: UInt64
    /// 0 stored, 8 deflate; others are refused when the entry is read.
    public let method: UInt64
    public let compressedSize: UInt64
    public let uncompressedSize: UInt64
    public let checksum: UInt32

    /// The bytes read as its data: a stored entry's uncompressed size, as ZIPFoundation
    /// reads it too, else its compressed size.
    var dataSize: UInt64 { method == 0 ? uncompressedSize : compressedSize }
}

/// An archive entry as ZIPFoundation lists it (path, type), with where its data lies.
public struct ZipEntry {
    public let entry: Entry
    public let location: ZipEntryLocation
    /// The archive, as listed, from which `ZipEntryData` reads the data.
    let file: ZipArchiveFile

    public var path: String { entry.path }
    public var type: Entry.EntryType { entry.type }
}

/// Reads an entry's bytes within the bounds its directory record sets, with zlib itself.
///
/// ZIPFoundation's reading cannot be bounded that way: it inflates from the entry's start
/// until the deflate stream says it has ended, reading on into whatever follows. On Linux
/// it also tells zlib every chunk is full-sized, so a damaged stream still unfinished in
/// the file's last, short chunk is inflated from memory past that chunk; and when the
/// file ends on a chunk boundary it asks for more bytes forever (a hang, ZIPFoundation
/// issue #389). Here a stream is given exactly the entry's compressed bytes, must end
/// within them, and must inflate to the listed size with the listed CRC-32.
public enum ZipEntryData {
    private static let chunkSize = 1 << 16
    /// The most bytes deflate can pack into one: a 258-byte match coded in two bits
    /// (zlib's technical notes give 1032:1), before any block header.
    static let maximumDeflateRatio: UInt64 = 1032

    /// Passes the bytes of `entry` to `consumer` in chunks of at most 64 KiB.
    ///
    /// - Throws: `ZipEntryDamage` for data that lies outside the file, a missing local
    ///   header, a method other than stored or deflate, a listed size deflate cannot reach, a corrupt or cut-short deflate
    ///   stream, a size or checksum other than the directory lists; the file's own read
    ///   errors; and whatever `consumer` throws. `consumer` may have been given some of
    ///   the bytes before an error: a caller that keeps them must discard them then.
    public static func read(_ entry: ZipEntry, _ consumer: (Data) throws -> Void) throws {
        let location = entry.location, file = entry.file, fileSize = file.size
        let dataStart = try dataOffset(of: entry)
        let dataSize = location.dataSize
        guard dataStart <= fileSize, dataSize <= fileSize - dataStart else {
            throw ZipEntryDamage.dataOutsideFile(entry: entry.path, offset: dataStart, size: dataSize, fileSize: fileSize)
        }
        // A size no deflate stream of this length can reach is damage (or a reader being
        // made to expect gigabytes); say so before inflating anything.
        if location.method == 8, location.uncompressedSize / maximumDeflateRatio > location.compressedSize {
            throw ZipEntryDamage.sizeBeyondDeflate(entry: entry.path, listed: location.uncompressedSize,
                                                   compressed: location.compressedSize)
        }
        var unread = dataSize
        func nextChunk() throws -> Data? {
            guard unread > 0 else { return nil }
            let chunk = try file.bytes(at: dataStart + (dataSize - unread), count: Int(min(unread, UInt64(chunkSize))))
            // The file was measured above; a shorter read means it shrank while being read.
            guard !chunk.isEmpty else { throw ZipEntryDamage.dataOutsideFile(entry: entry.path, offset: dataStart, size: dataSize, fileSize: fileSize) }
            unread -= UInt64(chunk.count)
            return chunk
        }

        var produced: UInt64 = 0
        var checksum = crc32(0, nil, 0)
        func emit(_ bytes: Data) throws {
            produced += UInt64(bytes.count)
            guard produced <= location.uncompressedSize else {
                throw ZipEntryDamage.sizeMismatch(entry: entry.path, listed: location.uncompressedSize, larger: true)
            }
            checksum = bytes.withUnsafeBytes { crc32(checksum, $0.bindMemory(to: UInt8.self).baseAddress, UInt32($0.count)) }
            try consumer(bytes)
        }

        switch location.method {
        case 0:
            while let chunk = try nextChunk() { try emit(chunk) }
        case 8:
            try inflate(entry: entry.path, input: nextChunk, output: emit)
        default:
            throw ZipEntryDamage.unsupportedMethod(entry: entry.path, method: location.method)
        }
        guard produced == location.uncompressedSize else {
            throw ZipEntryDamage.sizeMismatch(entry: entry.path, listed: location.uncompressedSize, larger: false)
        }
        guard UInt32(checksum) == location.checksum else { throw ZipEntryDamage.checksumMismatch(entry: entry.path) }
    }

    /// The bytes of `entry`, checked as `read` checks them.
    public static func contents(of entry: ZipEntry) throws -> Data {
        var bytes = Data()
        try read(entry) { bytes.append($0) }
        return bytes
    }

    /// Where the data starts: after the local header, whose name and extra field may
    /// differ in length from the directory record's.
    private static func dataOffset(of entry: ZipEntry) throws -> UInt64 {
        let offset = entry.location.localHeaderOffset
        let header = [UInt8](try entry.file.bytes(at: offset, count: 30))
        guard header.count == 30, header.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw ZipEntryDamage.noLocalHeader(entry: entry.path, offset: offset)
        }
        let nameLength = ZipEntryList.littleEndian(header, at: 26, bytes: 2)
        let extraLength = ZipEntryList.littleEndian(header, at: 28, bytes: 2)
        return offset + 30 + nameLength + extraLength
    }

    /// Inflates a raw deflate stream (no zlib header, as ZIP stores it) given in chunks
    /// by `input` (nil: no more), passing the output on in chunks. The stream must end
    /// before the input does.
    private static func inflate(entry: String, input: () throws -> Data?, output: (Data) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipEntryDamage.corruptStream(entry: entry, reason: "zlib cannot start inflating")
        }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while var chunk = try input() {
            var status = Z_OK
            try chunk.withUnsafeMutableBytes { (compressed: UnsafeMutableRawBufferPointer) in
                stream.next_in = compressed.bindMemory(to: UInt8.self).baseAddress
                stream.avail_in = UInt32(compressed.count)
                // zlib's own pattern (zpipe.c): call until the output buffer is not filled,
                // which leaves no input unused unless the stream has ended.
                repeat {
                    let made = buffer.withUnsafeMutableBufferPointer { out -> Int in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        status = CLibz.inflate(&stream, Z_NO_FLUSH)
                        return out.count - Int(stream.avail_out)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        throw ZipEntryDamage.corruptStream(entry: entry, reason: reason)
                    }
                    if made > 0 { try output(Data(buffer[..<made])) }
                } while stream.avail_out == 0 && status != Z_STREAM_END
            }
            // Bytes after the stream's end are ignored, as zipfile and ZIPFoundation do.
            if status == Z_STREAM_END { return }
        }
        throw ZipEntryDamage.streamCutShort(entry: entry)
    }
}

/// An entry whose data does not agree with its directory record.
public enum ZipEntryDamage: Error, Equatable, CustomStringConvertible {
    case dataOutsideFile(entry: String, offset: UInt64, size: UInt64, fileSize: UInt64)
    case noLocalHeader(entry: String, offset: UInt64)
    case unsupportedMethod(entry: String, method: UInt64)
    case corruptStream(entry: String, reason: String)
    case streamCutShort(entry: String)
    case sizeMismatch(entry: String, listed: UInt64, larger: Bool)
    case sizeBeyondDeflate(entry: String, listed: UInt64, compressed: UInt64)
    case checksumMismatch(entry: String)

    public var description: String {
        switch self {
        case .dataOutsideFile(_, let offset, let size, let fileSize):
            return "its data (\(size) bytes from byte \(offset)) runs past the end of the file (\(fileSize) bytes): "
                + "the file is damaged or cut short"
        case .noLocalHeader(_, let offset):
            return "no entry header at byte \(offset), where the ZIP directory puts it: the file is damaged"
        case .unsupportedMethod(_, let method):
            return "it uses compression method \(method); only stored (0) and deflate (8) are read"
        case .corruptStream(_, let reason):
            return "its compressed data is corrupt (zlib: \(reason)): the file is damaged"
        case .streamCutShort:
            return "its compressed data ends before the deflate stream does: the file is damaged or cut short"
        case .sizeMismatch(_, let listed, let larger):
            return "it holds \(larger ? "more" : "fewer") bytes than the \(listed) its ZIP directory lists: the file is damaged"
        case .sizeBeyondDeflate(_, let listed, let compressed):
            return "its ZIP directory lists \(listed) bytes once inflated, more than its \(compressed) compressed bytes can hold "
                + "(deflate packs at most \(ZipEntryData.maximumDeflateRatio) bytes into one): the file is damaged"
        case .checksumMismatch:
            return "its checksum does not match its contents: the file is damaged"
        }
    }
}
