import Audio
import Foundation
import NumPy

extension Recording {
    /// Every audio file under `directory` (recursively; any extension libsndfile reads),
    /// in the order of the relative paths compared byte by byte, which is the order
    /// Python's `sorted(glob(...))` gave the original tutorial. Hidden files and folders
    /// (names starting with `.`) and files libsndfile cannot read (`MANIFEST.tsv`,
    /// `LICENSE`, ...) are skipped.
    /// - Throws: `RecordingNameError` for an audio file whose name is not a RAVDESS song
    ///   name, `CorpusError.unreadableFolder` if the folder cannot be listed.
    public static func list(in directory: URL) throws -> [Recording] {
        let files = try FileTree.regularFiles(under: directory)
        let audio = files.filter { ReadableFormats.isReadable(fileName: $0.lastPathComponent) }
        return try audio.map { relative in
            Recording(url: directory.appendingPathComponent(relative),
                      relativePath: relative,
                      name: try RecordingName(parsing: relative))
        }
    }
}

/// Walking a folder the same way everywhere (listing, verification).
enum FileTree {
    /// Relative paths of the regular files under `directory`, byte-wise sorted, hidden
    /// entries skipped. Symbolic links to files count as files; links to folders are
    /// not followed (a link loop must not hang a listing).
    static func regularFiles(under directory: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw CorpusError.unreadableFolder(directory.path, reason: "no such folder")
        }
        var result: [String] = []
        try walk(directory, prefix: "", into: &result)
        return result.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    private static func walk(_ folder: URL, prefix: String, into result: inout [String]) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw CorpusError.unreadableFolder(folder.path, reason: IOFailure.reason(of: error))
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let type = attributes?[.type] as? FileAttributeType
            if type == .typeDirectory {
                try walk(url, prefix: relative, into: &result)
            } else if type == .typeRegular {
                result.append(relative)
            } else if type == .typeSymbolicLink {
                let target = url.resolvingSymlinksInPath()
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory),
                   !isDirectory.boolValue {
                    result.append(relative)
                }
            }
        }
    }
}
