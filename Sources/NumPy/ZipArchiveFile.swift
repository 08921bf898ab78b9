import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A ZIP archive opened once: its directory is listed from this descriptor and every
/// entry's data read from it, so an archive renamed over on disk meanwhile (a cache entry
/// replaced by another process) cannot mix two files' offsets and bytes.
///
/// Reads go through pread(2), which keeps no file position, so entries may be read from
/// several threads at once.
public final class ZipArchiveFile: @unchecked Sendable {
    public let url: URL
    /// The size when opened; nothing past it is read.
    let size: UInt64
    private let handle: FileHandle

    public init(url: URL) throws {
        self.url = url
        handle = try FileHandle(forReadingFrom: url)
        var info = stat()
        guard fstat(handle.fileDescriptor, &info) == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        size = UInt64(info.st_size)
    }

    /// Up to `count` bytes from `offset`: fewer only at the end of the file.
    func bytes(at offset: UInt64, count: Int) throws -> Data {
        guard offset < size, count > 0 else { return Data() }
        let wanted = Int(min(UInt64(count), size - offset))
        var data = Data(count: wanted)
        var got = 0
        try data.withUnsafeMutableBytes { buffer in
            while got < wanted {
                let n = pread(handle.fileDescriptor, buffer.baseAddress! + got, wanted - got, off_t(offset) + off_t(got))
                if n < 0, errno == EINTR { continue }
                guard n >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                if n == 0 { break }  // the file shrank since it was opened
                got += n
            }
        }
        return data.prefix(got)
    }

    /// Whether `url` still names the file this was opened on, so that another reader that
    /// opened it by name after this one (ZIPFoundation's listing) saw the same file.
    func isStill(at url: URL) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(handle.fileDescriptor, &opened) == 0, stat(url.path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }
}
