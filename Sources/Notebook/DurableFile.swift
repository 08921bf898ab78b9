import Foundation

/// Replacing a file so that a reader finds the old one or the new one whole, never a part.
enum DurableFile {
    /// Calls `write` with a temporary file beside `url` (its name starts with a dot and
    /// keeps the extension, which some writers, .npz, look at), flushes it to disk, and
    /// renames it onto `url`; the temporary file is removed if anything fails. Without the
    /// flush, a machine that stops soon after the rename can leave `url` empty on a file
    /// system that orders data after names.
    static func replace(_ url: URL, _ write: (URL) throws -> Void) throws {
        let temporary = temporaryURL(beside: url)
        do {
            try write(temporary)
            try flush(temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CacheError.io(path: url.path, action: "store", reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// A name for a temporary file in `url`'s folder: hidden, unique to this process and
    /// call, with `url`'s extension.
    static func temporaryURL(beside url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".tmp-\(getpid())-\(UUID().uuidString).\(url.pathExtension)")
    }

    /// fsync(2) on `url`'s contents.
    private static func flush(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CacheError.io(path: url.path, action: "open", reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw CacheError.io(path: url.path, action: "flush", reason: String(cString: strerror(errno)))
        }
    }
}
