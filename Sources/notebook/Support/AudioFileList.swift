import ArgumentParser
import Audio
import Foundation
import SongEmotion

/// The audio files named on the command line, directories expanded recursively.
enum AudioFileList {
    /// Each path in turn; a directory contributes the files libsndfile reads (by extension,
    /// case-insensitive) under it, walked as the corpus is (`FileTree`: sorted relative
    /// paths, hidden entries skipped, linked folders followed). A missing path is an
    /// error naming it; an explicit file is kept whatever its extension.
    ///
    /// A file reached twice (`DIR DIR/a.wav`, two spellings of one path, a hard link) is
    /// kept once, where it first comes, and a note on standard error says so: twice, it
    /// would be one more recording of its singer for speaker normalization and count
    /// twice in the accuracy.
    static func expand(_ paths: [String]) throws -> [URL] {
        var out = [URL](), seen = Set<String>(), repeated = [String]()
        func add(_ url: URL) {
            if seen.insert(identity(of: url)).inserted { out.append(url) } else { repeated.append(url.path) }
        }
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ValidationError("\(path): no such file or directory")
            }
            guard isDir.boolValue else { add(URL(fileURLWithPath: path)); continue }
            let root = URL(fileURLWithPath: path, isDirectory: true)
            let relative = try FileTree.regularFiles(under: root)
                .filter { ReadableFormats.isReadable(fileName: ($0 as NSString).lastPathComponent) }
            relative.forEach { add(root.appendingPathComponent($0)) }
        }
        if let first = repeated.first {
            FileHandle.standardError.write(Data(("note: \(repeated.count) file(s) named more than once (\(first)"
                                                 + (repeated.count > 1 ? ", ..." : "") + ") are analysed once\n").utf8))
        }
        return out
    }

    /// One file under any name: its device and inode, which a link, a hard link or
    /// another case on a disk that ignores case (macOS's default) all share, where a
    /// path compared as text would take some of them for two files. A file that cannot
    /// be examined keeps its resolved path.
    private static func identity(of url: URL) -> String {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return OutputPaths.canonical(url.path) }
        return "\(info.st_dev):\(info.st_ino)"
    }
}
