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
    ///   - protected: folders no output may go into, described (`the cache folder`): files
    ///     there are read later without a second look.
    /// - Throws: `CommandFailure` naming the flag and the path.
    static func check(_ outputs: [(flag: String, path: String?)], inputs: [(what: String, path: String)],
                      protected: [(what: String, path: String)] = []) throws {
        let given = outputs.compactMap { output in output.path.map { (flag: output.flag, path: $0) } }
        guard !given.isEmpty else { return }
        for output in given { try checkOutside(protected, output.flag, output.path) }
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
        guard !path.isEmpty else { throw CommandFailure("\(flag) is empty; give a file name") }
        let url = URL(fileURLWithPath: path)
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure("\(flag) \(path) is a folder; give a file name")
        }
        let folder = url.deletingLastPathComponent()
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(flag) \(path): the folder \(folder.path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw CommandFailure("\(flag) \(path): \(folder.path) is a file, not a folder")
        }
        try probe(flag, path, folder: folder.path)
    }

    /// Creates a file in `folder` and removes it at once. `access(W_OK)` is not enough:
    /// it lets root through everywhere, and /proc then refuses the file only when the
    /// command writes it, after its work (minutes of training, for `train --save`).
    private static func probe(_ flag: String, _ path: String, folder: String) throws {
        let testFile = (folder as NSString).appendingPathComponent(".notebook-write-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(testFile, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "it takes no new files" : String(cString: strerror(errno))
            throw CommandFailure("\(flag) \(path): cannot write in \(folder) (\(reason))")
        }
        close(descriptor)
        unlink(testFile)
    }

    /// Checks, before the work that fills it, that the output folder `path` can be written
    /// or created: it is a writable folder, or the nearest folder above it that exists is
    /// writable (the command creates it when it writes; no folder is created here, so a
    /// command that fails later leaves no empty folder behind).
    /// - Throws: `CommandFailure` naming the flag and the path.
    static func checkFolder(_ flag: String, _ path: String, protected: [(what: String, path: String)] = []) throws {
        try checkOutside(protected, flag, path)
        var url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandFailure("\(flag) \(path) is a file; give a folder")
        }
        while !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), url.path != "/" {
            url.deleteLastPathComponent()
        }
        guard isDirectory.boolValue else {
            throw CommandFailure("\(flag) \(path): \(url.path) is a file, so the folder cannot be created")
        }
        try probe(flag, path, folder: url.path)
    }

    /// None of the files a command will write into the output folder `path` (by `names`)
    /// is a folder there, which would stop it halfway, after its lessons ran and some
    /// files were written.
    /// - Throws: `CommandFailure` naming the flag and the folder in the way.
    static func checkFiles(_ flag: String, _ path: String, names: [String]) throws {
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        for name in names {
            var isDirectory: ObjCBool = false
            let file = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandFailure("\(flag) \(path): \(file) is a folder, where the command would write the file \(name)")
            }
        }
    }

    /// The output is not in (or one of) the `protected` folders.
    private static func checkOutside(_ protected: [(what: String, path: String)], _ flag: String, _ path: String) throws {
        let output = canonical(path)
        for folder in protected {
            let root = canonical(folder.path)
            if output == root || output.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw CommandFailure("\(flag) \(path) is inside \(folder.what) (\(folder.path)); give a path outside it")
            }
        }
    }

    /// The path with `.`, `..` and symbolic links in its folder resolved, so that two
    /// spellings of one file compare equal; on macOS, whose disks ignore case by
    /// default, lower-cased (`x.npy` and `X.npy` are one file there).
    static func canonical(_ path: String) -> String {
        #if os(macOS)
        return resolved(path).lowercased()
        #else
        return resolved(path)
        #endif
    }

    private static func resolved(_ path: String) -> String {
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
