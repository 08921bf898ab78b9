import Foundation
import NumPy

/// Checks a command's output files before it does its work, so that a bad path costs
/// nothing and overwrites nothing: each output's folder must exist and be writable, the
/// output must not be a folder, and no output may be one of the command's inputs or
/// another output (`--out` onto a recording, or `--labels` onto `--out`).
enum OutputPaths {
    /// - Parameters:
    ///   - outputs: flag and path of each output given (nil: not given).
    ///   - inputs: the files the command reads, described for the message (`--weights`,
    ///     `an input recording`).
    /// - Throws: `CommandFailure` naming the flag and the path.
    static func check(_ outputs: [(flag: String, path: String?)], inputs: [(what: String, path: String)]) throws {
        let given = outputs.compactMap { output in output.path.map { (flag: output.flag, path: $0) } }
        guard !given.isEmpty else { return }
        var inputWhat: [String: String] = [:]
        for input in inputs {
            let key = canonical(input.path)
            if inputWhat[key] == nil { inputWhat[key] = input.what }
        }
        var outputFlag: [String: String] = [:]
        for output in given {
            try checkWritable(output.flag, output.path)
            let key = canonical(output.path)
            if let what = inputWhat[key] {
                throw CommandFailure("\(output.flag) \(output.path) is \(what); writing there would overwrite it")
            }
            if let other = outputFlag[key] {
                throw CommandFailure("\(other) and \(output.flag) are the same file, \(output.path); give each its own")
            }
            outputFlag[key] = output.flag
        }
    }

    /// The folder exists and can be written to, and the path is not itself a folder.
    private static func checkWritable(_ flag: String, _ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure("\(flag) \(path) is a folder; give a file name")
        }
        let folder = url.deletingLastPathComponent()
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("\(flag) \(path): the folder \(folder.path) does not exist")
        }
        guard access(folder.path, W_OK) == 0 else {
            throw CommandFailure("\(flag) \(path): cannot write in \(folder.path) (\(String(cString: strerror(errno))))")
        }
    }

    /// Creates the output folder `path` (and its parents) before the work that fills it,
    /// so that a path that is a file, or cannot be created, costs nothing.
    /// - Throws: `CommandFailure` naming the flag, the path and the system's reason.
    static func prepareFolder(_ flag: String, _ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandFailure("\(flag) \(path) is a file; give a folder") }
            guard access(path, W_OK) == 0 else {
                throw CommandFailure("\(flag) \(path): cannot write in it (\(String(cString: strerror(errno))))")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("\(flag) \(path): cannot create the folder (\(IOFailure.reason(of: error)))")
        }
    }

    /// Writes several files so that either all of them are replaced or none: each goes to a
    /// temporary file beside its destination, and only when every one is written are they
    /// renamed into place (`--out` and `--labels` are one result).
    /// - Throws: `CommandFailure` naming the file that could not be written.
    static func writeTogether(_ files: [(url: URL, data: Data)]) throws {
        var written: [(temporary: URL, url: URL)] = []
        func removeTemporaries() { for file in written { try? FileManager.default.removeItem(at: file.temporary) } }
        for file in files {
            let temporary = file.url.deletingLastPathComponent()
                .appendingPathComponent(".\(file.url.lastPathComponent).tmp-\(getpid())")
            do { try file.data.write(to: temporary) } catch {
                try? FileManager.default.removeItem(at: temporary)
                removeTemporaries()
                throw CommandFailure("cannot write \(file.url.path): \(IOFailure.reason(of: error)); no output written")
            }
            written.append((temporary, file.url))
        }
        for file in written where rename(file.temporary.path, file.url.path) != 0 {
            let reason = String(cString: strerror(errno))
            removeTemporaries()
            throw CommandFailure("cannot write \(file.url.path): \(reason)")
        }
    }

    /// The path with `.`, `..` and symbolic links in its folder resolved, so that two
    /// spellings of one file compare equal.
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return url.path }
        defer { free(resolved) }
        let name = url.lastPathComponent
        // The file itself may be a link to an input: resolve it too when it exists.
        let joined = (String(cString: resolved) as NSString).appendingPathComponent(name)
        guard let full = realpath(joined, nil) else { return joined }
        defer { free(full) }
        return String(cString: full)
    }
}
