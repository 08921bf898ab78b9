import Crypto
import Foundation

/// SHA-256 of a file, read in 1 MiB pieces so memory stays flat whatever the file size.
public struct FileDigest: Equatable, Sendable {
    /// Lower-case hexadecimal SHA-256.
    public let sha256: String
    public let byteCount: Int64

    public init(of url: URL) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var count: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            count += Int64(chunk.count)
        }
        sha256 = Self.hexadecimal(hasher.finalize())
        byteCount = count
    }

    /// The digest the file holding `data` will have (one about to be written).
    public init(of data: Data) {
        sha256 = Self.hexadecimal(SHA256.hash(data: data))
        byteCount = Int64(data.count)
    }

    private static func hexadecimal(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
