import Foundation
import NumPy
import ZIPFoundation

/// Extracts a zip archive into a new folder without ever writing outside it.
///
/// Every entry is checked before anything is written: an absolute path, a `..`
/// component, a symbolic link whose target is absolute or climbs out of the folder, or
/// an entry stored beneath a symbolic link (which would be written wherever the link
/// points) refuses the whole archive. Entries go into a temporary folder beside the target
/// (same file system), which is renamed onto the target only when all of them are out,
/// so the target is either absent or complete, never half-written.
public enum SafeZipExtraction {
    /// - Parameters:
    ///   - archive: the zip file.
    ///   - destination: a folder that must not exist yet, or be empty.
    ///   - selectRoot: given the temporary folder after extraction, returns the subfolder
    ///     to install as `destination` (e.g. skip a single top folder); nil installs it whole.
    ///   - progress: called with (entries done, entries total).
    /// - Throws: `ZipExtractionError`; on any error the temporary folder is removed
    ///   and `destination` is untouched.
    public static func extract(_ archive: URL, to destination: URL,
                               selectRoot: ((URL) throws -> URL)? = nil,
                               progress: ((Int, Int) -> Void)? = nil) throws {
        let zip: Archive
        let entries: [ZipEntry]
        do {
            let file = try ZipArchiveFile(url: archive)  // first: see ZipEntryList.entries
            zip = try Archive(url: archive, accessMode: .read)
            entries = try ZipEntryList.entries(of: zip, in: file)
        } catch {
            throw ZipExtractionError.unreadable(archive.path, reason: ZipFailure.reason(of: error))
        }
        for entry in entries {
            try check(entry, archive: archive.path)
        }
        try checkNoEntryThroughLink(entries, archive: archive.path)
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: destination.path), !contents.isEmpty {
            throw ZipExtractionError.destinationNotEmpty(destination.path)
        }

        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).extracting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: staging) }

        for (index, entry) in entries.enumerated() {
            let target = staging.appendingPathComponent(entry.path)
            do {
                if entry.type == .file {
                    try extractFile(entry, to: target)
                } else {
                    // Our own check above is stricter than ZIPFoundation's; keep its own too.
                    _ = try zip.extract(entry.entry, to: target)
                }
                try resetPermissions(of: target, type: entry.type)
            } catch {
                throw ZipExtractionError.entryFailed(archive.path, entry: entry.path, reason: ZipFailure.reason(of: error))
            }
            progress?(index + 1, entries.count)
        }

        let root = try selectRoot?(staging) ?? staging
        // rename(2) replaces an empty folder atomically; a non-empty one makes it fail.
        if Foundation.rename(root.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            throw ZipExtractionError.installFailed(destination.path, reason: reason)
        }
    }

    /// Writes a file entry through `ZipEntryData`, which stops at the size the directory
    /// lists: ZIPFoundation's own extraction to a file inflates to the end of the stream,
    /// so a small hostile archive could fill the disk.
    private static func extractFile(_ entry: ZipEntry, to target: URL) throws {
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: target.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        let handle = try FileHandle(forWritingTo: target)
        defer { try? handle.close() }
        try ZipEntryData.read(entry) { try handle.write(contentsOf: $0) }
    }

    /// ZIPFoundation gives an extracted item the mode stored in the archive, setuid and
    /// world-writable bits included; a downloaded corpus gets plain ones instead: files
    /// readable by all and writable by their owner, folders also searchable.
    private static func resetPermissions(of item: URL, type: Entry.EntryType) throws {
        guard type != .symlink else { return }  // a link's own mode is not used
        try FileManager.default.setAttributes([.posixPermissions: type == .directory ? 0o755 : 0o644],
                                              ofItemAtPath: item.path)
    }

    /// Refuses an entry that could write outside the extraction folder.
    static func check(_ entry: ZipEntry, archive: String) throws {
        let path = entry.path
        func refuse(_ reason: String) -> ZipExtractionError { .unsafeEntry(archive, entry: path, reason: reason) }
        if path.hasPrefix("/") || path.hasPrefix("\\") { throw refuse("absolute path") }
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).filter { $0 != "." }
        if components.contains("..") { throw refuse("'..' component") }
        if components.isEmpty { throw refuse("empty path") }
        guard entry.type == .symlink else { return }

        let data: Data
        do {
            data = try ZipEntryData.contents(of: entry)
        } catch {
            throw ZipExtractionError.entryFailed(archive, entry: path, reason: ZipFailure.reason(of: error))
        }
        guard let link = String(data: data, encoding: .utf8), !link.isEmpty else {
            throw refuse("symbolic link with an unreadable target")
        }
        if link.hasPrefix("/") { throw refuse("symbolic link to the absolute path \(link)") }
        // The link's own folder holds no links (checkNoEntryThroughLink), so leading ".."
        // components climb exactly as many real folders; after the first name a ".."
        // could climb out of wherever an inner link leads, so it is refused.
        var depth = components.count - 1
        var sawName = false
        for part in link.split(separator: "/") where part != "." {
            if part == ".." {
                if sawName { throw refuse("symbolic link to \(link), with '..' after a name") }
                depth -= 1
                if depth < 0 { throw refuse("symbolic link to \(link), outside the folder") }
            } else {
                sawName = true
            }
        }
    }

    /// Refuses an entry whose path goes through a symbolic-link entry: extracting it
    /// would follow the link. Compared case-insensitively, since on a case-insensitive
    /// file system `Dir/link` and `dir/LINK` are the same link.
    static func checkNoEntryThroughLink(_ entries: [ZipEntry], archive: String) throws {
        let links = Set(entries.filter { $0.type == .symlink }.map { normalised($0.path) })
        guard !links.isEmpty else { return }
        for entry in entries {
            let parts = normalised(entry.path).split(separator: "/")
            for length in stride(from: 1, to: parts.count, by: 1)
            where links.contains(parts[..<length].joined(separator: "/")) {
                throw ZipExtractionError.unsafeEntry(archive, entry: entry.path,
                                                     reason: "a path through the symbolic link '\(parts[..<length].joined(separator: "/"))'")
            }
        }
    }

    private static func normalised(_ path: String) -> String {
        path.lowercased().split(whereSeparator: { $0 == "/" || $0 == "\\" }).filter { $0 != "." }.joined(separator: "/")
    }
}

/// Why a zip could not be extracted. Each names the archive or folder (and the entry).
public enum ZipExtractionError: Error, Equatable, CustomStringConvertible {
    case unreadable(String, reason: String)
    case unsafeEntry(String, entry: String, reason: String)
    case entryFailed(String, entry: String, reason: String)
    case destinationNotEmpty(String)
    case installFailed(String, reason: String)
    case unexpectedLayout(String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let zip, let reason):
            return "\(zip): not a readable zip archive (\(reason))"
        case .unsafeEntry(let zip, let entry, let reason):
            return "\(zip): refused: entry '\(entry)' has \(reason); nothing was extracted"
        case .entryFailed(let zip, let entry, let reason):
            return "\(zip): cannot extract entry '\(entry)': \(reason)"
        case .destinationNotEmpty(let dir):
            return "\(dir) already exists and is not empty; move it away or choose another folder with --data"
        case .installFailed(let dir, let reason):
            return "cannot move the extracted files to \(dir): \(reason)"
        case .unexpectedLayout(let zip, let reason):
            return "\(zip): \(reason)"
        }
    }
}
