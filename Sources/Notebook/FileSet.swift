import Foundation
import NumPy  // IOFailure

/// Writing several files that belong together, such as a site's pages, as one change.
///
/// Each file is first written whole beside its target under a temporary name; only when
/// every one is written are they renamed into place. A failure while writing (a full disk,
/// a folder that refuses new files) removes the temporary files and leaves every old file
/// as it was, instead of a mix of new pages linking to old ones. Renames need no room and
/// rarely fail (a folder in a file's place, which `site` and `export` check before they
/// write; a read-only or foreign-owned file); if one does, the files before it are new,
/// the rest old, and the error says how many.
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

    /// Writes every file of `files` or, if one cannot be written, none of them (see
    /// above for a failed rename). Two files with one target are refused: one would
    /// silently replace the other.
    public static func write(_ files: [File]) throws {
        var targets = Set<String>()
        for file in files where !targets.insert(file.url.standardizedFileURL.path).inserted {
            throw FileSetError(path: file.url.path, reason: "given twice in one set of files", replaced: 0, total: files.count)
        }
        var staged: [(temporary: URL, target: URL)] = []
        defer { for file in staged { try? FileManager.default.removeItem(at: file.temporary) } }
        for file in files {
            let temporary = DurableFile.temporaryURL(beside: file.url)
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
        let written = replaced == 0
            ? "none of the \(total) files was written"
            : "\(replaced) of the \(total) files \(replaced == 1 ? "was" : "were") written, the others are unchanged"
        return "could not write \(path): \(reason) (\(written))"
    }
}
