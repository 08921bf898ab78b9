import Foundation
import NumPy  // IOFailure

/// Writing several files that belong together, such as a site's pages, as one change.
///
/// Each file is first written whole beside its target under a temporary name; only when
/// every one is written are they renamed into place. A failure while writing (a full disk,
/// a folder that refuses new files) removes the temporary files and leaves every old file
/// as it was, instead of a mix of new pages linking to old ones. A rename needs no room on
/// the disk; it fails only where a folder stands in a file's place, which `site` and
/// `export` refuse before they write (`OutputPaths.checkFiles`).
public enum FileSet {
    /// A file of the set: where it goes and what it holds.
    public struct File {
        public let url: URL
        public let contents: Data

        public init(url: URL, contents: Data) {
            self.url = url
            self.contents = contents
        }
    }

    /// Writes every file of `files` or, if one cannot be written, none of them.
    public static func write(_ files: [File]) throws {
        var staged: [(temporary: URL, target: URL)] = []
        defer { for file in staged { try? FileManager.default.removeItem(at: file.temporary) } }
        for file in files {
            let temporary = file.url.deletingLastPathComponent()
                .appendingPathComponent(".tmp-\(getpid())-\(UUID().uuidString).\(file.url.pathExtension)")
            do {
                try file.contents.write(to: temporary)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw FileSetError(path: file.url.path, reason: IOFailure.reason(of: error), replaced: 0, total: files.count)
            }
            staged.append((temporary, file.url))
        }
        while let file = staged.first {
            if rename(file.temporary.path, file.target.path) != 0 {
                let reason = String(cString: strerror(errno))
                throw FileSetError(path: file.target.path, reason: reason, replaced: files.count - staged.count, total: files.count)
            }
            staged.removeFirst()
        }
    }
}

/// A file of a set that could not be written: which, why, and how many of the set were
/// already in place (none, unless the failure came while renaming).
public struct FileSetError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public let replaced: Int
    public let total: Int

    public var description: String {
        let kept = replaced == 0 ? "no file was replaced" : "\(replaced) of the \(total) files were replaced"
        return "could not write \(path): \(reason) (\(kept))"
    }
}
