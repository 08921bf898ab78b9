import Foundation

/// Several files that are one result (features and their labels; a saved-features
/// folder), written so that a failure leaves the old set whole rather than a mix of old
/// and new files that readers would take as one.
public enum FileSet {
    /// Writes each file to a temporary file beside its destination; only when every one is
    /// written are they renamed into place, so a write that fails (a full disk, a folder in
    /// the way) replaces none of them. The renames go one after the other; should one
    /// fail, the message names the files already replaced.
    ///
    /// - Throws: `NumPyError.io` naming the file that could not be written.
    public static func writeTogether(_ files: [(url: URL, data: Data)]) throws {
        let files = files.map { (url: destination(of: $0.url), data: $0.data) }
        // A folder where a file should go would make its rename fail after others had
        // succeeded; look for one first.
        for file in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw NumPyError.io(file: file.url.path, reason: "cannot write: \(String(cString: strerror(EISDIR))); no output written")
            }
        }
        var written: [(temporary: URL, url: URL)] = []
        func removeTemporaries() { for file in written { try? FileManager.default.removeItem(at: file.temporary) } }
        for file in files {
            let temporary = file.url.deletingLastPathComponent()
                .appendingPathComponent(".\(file.url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString)")
            do { try file.data.write(to: temporary) } catch {
                try? FileManager.default.removeItem(at: temporary)
                removeTemporaries()
                throw NumPyError.io(file: file.url.path, reason: "cannot write: \(IOFailure.reason(of: error)); no output written")
            }
            written.append((temporary, file.url))
        }
        for (index, file) in written.enumerated() where rename(file.temporary.path, file.url.path) != 0 {
            let reason = String(cString: strerror(errno))
            removeTemporaries()
            let replaced = written.prefix(index).map(\.url.path)
            throw NumPyError.io(file: file.url.path, reason: "cannot write: \(reason)"
                                + (replaced.isEmpty ? "; no output written" : "; \(replaced.joined(separator: ", ")) already replaced"))
        }
    }

    /// Where writing `url` should land: the file a symbolic link there points to (as
    /// `np.save` writes through a link), else `url`. Renaming a new file over the link
    /// itself would replace the link and leave its target's old contents behind.
    static func destination(of url: URL) -> URL {
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil,
              let target = realpath(url.path, nil) else { return url }
        defer { free(target) }
        return URL(fileURLWithPath: String(cString: target))
    }
}
