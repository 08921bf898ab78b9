import Audio
import Foundation

/// Where the recordings are and which rule chose the folder.
public struct CorpusLocation: Equatable, Sendable, CustomStringConvertible {
    /// How the folder was chosen, in order of precedence.
    public enum Source: Equatable, Sendable {
        /// `--data DIR` on the command line.
        case option
        /// The `RAVDESS_SONG_DIR` environment variable.
        case environment
        /// The user's cache: `$XDG_CACHE_HOME/ravdess-song` or `~/.cache/ravdess-song`.
        case cache
    }

    public let directory: URL
    public let source: Source

    public init(directory: URL, source: Source) {
        self.directory = directory
        self.source = source
    }

    /// e.g. "--data option", "RAVDESS_SONG_DIR", "the cache".
    public var sourceDescription: String {
        switch source {
        case .option: return "the --data option"
        case .environment: return "the \(CorpusLocator.environmentVariable) environment variable"
        case .cache: return "the cache (no --data option, \(CorpusLocator.environmentVariable) unset)"
        }
    }

    public var description: String { "\(directory.path) (from \(sourceDescription))" }
}

/// Finds the RAVDESS song recordings: `--data DIR`, else `$RAVDESS_SONG_DIR`, else the
/// cache folder. The first rule that applies decides; a folder named by the option or
/// the variable that does not exist is an error, not a reason to look further (a typo
/// should not silently pick up another copy).
public struct CorpusLocator: Sendable {
    public static let environmentVariable = "RAVDESS_SONG_DIR"
    /// How `notebook run`, `step` and `test` hand their `--data DIR` to the lessons, which
    /// take no options of their own: read as that option (`RAVDESS_SONG_DIR` would name the
    /// wrong rule, and its advice, `data fetch` without `--data`, the wrong folder).
    public static let optionVariable = "NOTEBOOK_LESSON_DATA"
    /// The folder name inside the cache.
    public static let cacheFolderName = "ravdess-song"

    public let environment: [String: String]
    public let homeDirectory: URL

    /// - Parameters: the process environment and home folder by default (`$HOME` when set
    ///   to an absolute path, as the shell's `~` reads it; else the user database's); tests
    ///   pass their own.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: URL? = nil) {
        self.environment = environment
        if let homeDirectory {
            self.homeDirectory = homeDirectory
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            self.homeDirectory = URL(fileURLWithPath: home, isDirectory: true)
        } else {
            self.homeDirectory = FileManager.default.homeDirectoryForCurrentUser
        }
    }

    /// `$XDG_CACHE_HOME` (if set to an absolute path, as the XDG spec requires) or `~/.cache`.
    public var cacheRoot: URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true)
        }
        return homeDirectory.appendingPathComponent(".cache", isDirectory: true)
    }

    /// The folder the rules choose, whether or not it exists yet (where `fetch` installs).
    public func resolve(option: String?) -> CorpusLocation {
        if let option = option ?? environment[Self.optionVariable], !option.isEmpty {
            return CorpusLocation(directory: URL(fileURLWithPath: option, isDirectory: true).standardizedFileURL, source: .option)
        }
        if let dir = environment[Self.environmentVariable], !dir.isEmpty {
            return CorpusLocation(directory: URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL, source: .environment)
        }
        return CorpusLocation(directory: cacheRoot.appendingPathComponent(Self.cacheFolderName, isDirectory: true), source: .cache)
    }

    /// The folder the rules choose, which must exist and hold at least one audio file.
    /// - Throws: `CorpusNotFound`, whose message says how to get the recordings.
    public func locate(option: String?) throws -> CorpusLocation {
        let location = resolve(option: option)
        let variableSetEmpty = environment[Self.environmentVariable] == ""
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw CorpusNotFound(looked: location, variableSetEmpty: variableSetEmpty)
        }
        // An empty folder (made ready for `data fetch`, or for a download not yet unpacked)
        // or the wrong one is said here, with the ways to get the recordings: a lesson
        // would otherwise list no recordings and fail later on an empty list.
        let files = try FileTree.regularFiles(under: location.directory)
        guard files.contains(where: { ReadableFormats.isReadable(fileName: ($0 as NSString).lastPathComponent) }) else {
            throw CorpusNotFound(looked: location, variableSetEmpty: variableSetEmpty, holdsNoAudio: true)
        }
        return location
    }
}

/// The recordings are not where the rules point. The message says exactly how to get them.
public struct CorpusNotFound: Error, Equatable, CustomStringConvertible {
    public let looked: CorpusLocation
    /// `RAVDESS_SONG_DIR` was set, to nothing (`RAVDESS_SONG_DIR= notebook ...`).
    public var variableSetEmpty = false
    /// The folder exists, but no audio file lies under it.
    public var holdsNoAudio = false

    public init(looked: CorpusLocation, variableSetEmpty: Bool = false, holdsNoAudio: Bool = false) {
        self.looked = looked
        self.variableSetEmpty = variableSetEmpty
        self.holdsNoAudio = holdsNoAudio
    }

    public var description: String {
        let path = looked.directory.path
        // A file where the folder should be is worth saying (a mistyped --data, say).
        let isFile = !holdsNoAudio && FileManager.default.fileExists(atPath: path)
        // `data fetch` fills a folder only if it is empty (hidden files aside).
        let otherFiles = holdsNoAudio
            && !((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).allSatisfy { $0.hasPrefix(".") }
        let missing = holdsNoAudio ? "holds no audio files" : isFile ? "is a file, not a folder" : "does not exist"
        let variable = CorpusLocator.environmentVariable
        let what: String
        switch looked.source {
        case .option: what = "The folder given with --data, \(path), \(missing)."
        case .environment: what = "\(CorpusLocator.environmentVariable) points at \(path), which \(missing)."
        case .cache:
            let unset = variableSetEmpty ? "is empty" : "is unset"
            what = "The RAVDESS song recordings were not found: no --data option, \(variable) \(unset), and the cache folder \(path) \(missing)."
        }
        // Without --data, fetch installs where RAVDESS_SONG_DIR or the cache points: a folder
        // that came from --data must be named again for the command to fill it. A file, or a
        // folder holding other files, it cannot fill: then a new folder is offered.
        let intoNewFolder = isFile || otherFiles
        let fetch = intoNewFolder ? "notebook data fetch --data DIR"
            : looked.source == .option ? "notebook data fetch --data \(ShellWord.quoted(path))" : "notebook data fetch"
        let ways = [
            (fetch, "download them from Zenodo (record 1188976) into " + (intoNewFolder ? "a new folder DIR" : path)),
            (fetch + " --from-zip FILE", "install them from \(CorpusDownload.zipName) already on disk"),
            // Every command that can end here takes --data (features and predict take
            // files, and never do); listing them ran to 88 columns and fell behind.
            ("--data DIR", "point the command you run at a folder that has them"),
            ("export \(variable)=DIR", "point every command and the lessons at that folder"),
        ]
        // Each command on a line of its own with what it does below, not two columns: a
        // path makes the columns wider than a terminal, whose wrapping then runs them together.
        let lines = ways.flatMap { ["  " + $0.0, "      " + $0.1] }
        return ([what, "To get the recordings, do one of:"] + lines).joined(separator: "\n")
    }

}

/// Text as one word of a shell command line, for commands a message suggests: they must
/// run as shown when pasted, whatever the path or value holds.
public enum ShellWord {
    /// `text` unchanged when it is only ASCII letters, digits and `/._-+,:@%=`, else
    /// single-quoted (an empty text too), a `'` inside written `'\''`.
    public static func quoted(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%=")
        guard text.isEmpty || !text.allSatisfy(plain.contains) else { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
