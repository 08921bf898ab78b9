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

/// Walking a folder the same way everywhere (corpus listing, verification, the audio
/// files named on the command line).
public enum FileTree {
    /// Relative paths of the regular files under `directory`, byte-wise sorted, hidden
    /// entries (names starting with `.`, e.g. macOS's `._name.wav` resource files)
    /// skipped. Symbolic links count as what they point to, so a corpus whose actor
    /// folders are links to another disk lists in full; a link back to a folder being
    /// walked (a loop), or to one that holds `directory` (`~`, `/`), is skipped, never
    /// followed.
    ///
    /// - Throws: `CorpusError.unreadableFolder` if `directory` or a folder under it cannot
    ///   be listed.
    public static func regularFiles(under directory: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw CorpusError.unreadableFolder(directory.path, reason: "no such folder")
        }
        var result: [String] = []
        let root = canonicalPath(directory)
        // The folders above the root, as given and as resolved (the root may itself be a
        // link, ~/ravdess to /mnt/disk/ravdess): a link to one of them would walk
        // everything under it, the home folder or the whole disk.
        var above: Set<String> = ["/"]
        for path in [root, directory.standardizedFileURL.path] {
            var folder = URL(fileURLWithPath: path)
            while folder.path != "/" && !folder.path.isEmpty {
                folder.deleteLastPathComponent()
                above.insert(folder.path)
                above.insert(canonicalPath(folder))
            }
        }
        try walk(directory, prefix: "", ancestors: above.union([root]), into: &result)
        return result.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// `ancestors`: the real paths of the folders from the root down to `folder`.
    private static func walk(_ folder: URL, prefix: String, ancestors: Set<String>, into result: inout [String]) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw CorpusError.unreadableFolder(folder.path, reason: IOFailure.reason(of: error))
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            // fileExists follows links; a dangling link is neither and is left out.
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let real = canonicalPath(url)
                guard !ancestors.contains(real) else { continue }
                try walk(url, prefix: relative, ancestors: ancestors.union([real]), into: &result)
            } else if isRegularFile(url) {
                result.append(relative)
            }
        }
    }

    /// A regular file, or a link to one (not a FIFO, socket or device).
    private static func isRegularFile(_ url: URL) -> Bool {
        let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type]
        return type as? FileAttributeType == .typeRegular
    }

    private static func canonicalPath(_ url: URL) -> String {
        url.resolvingSymlinksInPath().standardizedFileURL.path
    }
}
