import ArgumentParser
import Audio
import Foundation
import NumPy
import SongEmotion

/// `notebook features PATH... --out FILE.npy`: the tutorial's 386 values per recording.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Extract the tutorial's 386 features per recording into an N x 386 float64 .npy file.",
        discussion: """
            Rows follow the files in order: each PATH in turn, directories searched recursively \
            for audio files and listed in sorted relative-path order (the tutorial's sorted glob). \
            Columns: means then standard deviations of mfcc (40), chroma_stft (12), \
            melspectrogram (128), spectral_contrast (7), tonnetz (6), as librosa 0.8.1 computes them; \
            then those of the --extra groups. --columns writes a name for each column.
            """
    )

    @Argument(help: "Audio files or directories holding them.")
    var paths: [String]

    @Option(help: "Where to write the N x 386 float64 features (.npy), more columns with --extra.")
    var out: String

    @Option(help: ArgumentHelp("Also write a name for each column, one per line (mfcc_mean_0 ... tonnetz_std_5, then the extras').",
                               valueName: "file"))
    var columns: String?

    @Option(help: "Also write the int64 labels (emotion code - 1) parsed from the RAVDESS file names.")
    var labels: String?

    // Named as train's option that reads it, as --labels is.
    @Option(name: .customLong("files"), help: ArgumentHelp(
        "Also write each row's recording path, one per line: train --files reads the rows' actors from it (for --split si and --speaker-normalization).",
        valueName: "file"))
    var filesList: String?

    @OptionGroup var extraction: ExtractionOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one audio file or directory.") }
    }

    func run() async throws {
        let files = try AudioFileList.expand(paths)
        guard !files.isEmpty else { throw ValidationError("No audio files found under \(paths.joined(separator: ", ")).") }
        try OutputPaths.check([("--out", out), ("--labels", labels), ("--columns", columns), ("--files", filesList)],
                              inputs: files.map { ("an input recording", $0.path) })
        // Labels come from the names, so a name that does not parse is found before any
        // audio is decoded (or, with --skip-bad, that file is left out like unreadable ones:
        // never decoded, so it is skipped, and counted, once).
        var analysed = files, labelValues = [Int64](), nameFailures = [String]()
        if labels != nil {
            analysed = []
            for file in files {
                // The song corpus's names, read as everywhere else (emotion code - 1).
                do {
                    labelValues.append(Int64(try RecordingName(parsing: file.lastPathComponent, file: file.path).emotion.label))
                    analysed.append(file)
                } catch {
                    guard extraction.skipBad else {
                        throw CommandFailure("\(error)\n--labels reads each label from a RAVDESS file name; "
                                             + "leave it out to extract features of other recordings")
                    }
                    nameFailures.append("\(error)")
                }
            }
        }

        let result = try extraction.extract(analysed, stopped: "No output written")
        var kept = [Double](), keptLabels = [Int64](), keptPaths = [String]()
        for (i, row) in result.rows.enumerated() {
            guard let row else { continue }
            if labels != nil { keptLabels.append(labelValues[i]) }
            keptPaths.append(analysed[i].path)
            kept += row
        }
        let skipped = nameFailures + result.failures.map { "\($0.error)" }
        for message in skipped {
            FileHandle.standardError.write(Data("skipped \(message)\n".utf8))
        }
        let width = extraction.columns
        let n = kept.count / width
        guard n > 0 else { throw CommandFailure("No file left to write; no output written.") }
        let featureFile = (URL(fileURLWithPath: out), NPY.encode(try NPYArray(float64: kept, shape: [n, width])))
        let labelFile = try labels.map { (URL(fileURLWithPath: $0), NPY.encode(try NPYArray(int64: keptLabels, shape: [n]))) }
        let namesFile = columns.map {
            (URL(fileURLWithPath: $0), Data(FeatureRecipe.columnNames(extras: extraction.extras).map { $0 + "\n" }.joined().utf8))
        }
        let pathsFile = filesList.map { (URL(fileURLWithPath: $0), Data(keptPaths.map { $0 + "\n" }.joined().utf8)) }
        try FileSet.writeTogether([featureFile] + [labelFile, namesFile, pathsFile].compactMap { $0 })
        print("wrote \(n) x \(width) features to \(out)"
              + (labels.map { " and \(n) labels to \($0)" } ?? "")
              + (skipped.isEmpty ? "" : "; \(skipped.count) file(s) skipped"))
        if let columns { print("the \(width) column names written to \(columns)") }
        if let filesList { print("each row's recording path written to \(filesList) (for train --files)") }
    }
}

/// A failure reported to the user as is (ArgumentParser prints it and exits non-zero).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Extracts the recipe for many files on `jobs` threads, each pulling the next file.
enum FeatureBatch {
    struct Failure { let index: Int; let error: Error }
    struct Result {
        var rows: [[Double]?]
        /// Each file's sample rate (nil for a failed file).
        var sampleRates: [Int?]
        var failures: [Failure]
    }

    /// Rows in file order (nil for a failed file); failures sorted by file index.
    /// With `stopOnFailure`, workers stop taking new files after the first failure.
    static func run(files: [URL], extras: [FeatureExtra] = [], jobs: Int, stopOnFailure: Bool, profile: FeatureRecipe.Profile? = nil,
                    progress: @escaping @Sendable () -> Void = {}) -> Result {
        let state = BatchState(count: files.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { _ in
            while let i = state.next(stopOnFailure: stopOnFailure) {
                do {
                    let signal = try FeatureRecipe.decode(files[i], profile: profile)
                    let row = try FeatureRecipe.extract(signal, path: files[i].path, extras: extras, profile: profile)
                    state.store(row, sampleRate: signal.sampleRate, at: i)
                } catch {
                    state.fail(Failure(index: i, error: error))
                }
                progress()
            }
        }
        return state.result()
    }

    private final class BatchState: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private let count: Int
        private var rows: [[Double]?]
        private var sampleRates: [Int?]
        private var failures: [Failure] = []

        init(count: Int) {
            self.count = count
            rows = Array(repeating: nil, count: count)
            sampleRates = Array(repeating: nil, count: count)
        }

        func next(stopOnFailure: Bool) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextIndex < count, !(stopOnFailure && !failures.isEmpty) else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }

        func store(_ row: [Double], sampleRate: Int, at i: Int) {
            lock.lock(); rows[i] = row; sampleRates[i] = sampleRate; lock.unlock()
        }
        func fail(_ f: Failure) { lock.lock(); failures.append(f); lock.unlock() }

        func result() -> Result {
            lock.lock(); defer { lock.unlock() }
            return Result(rows: rows, sampleRates: sampleRates, failures: failures.sorted { $0.index < $1.index })
        }
    }
}

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

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class TerminalProgress: @unchecked Sendable {
    private let total: Int
    private let title: String
    private let enabled = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()
    private var done = 0
    private let start = Date()

    init(total: Int, title: String) {
        self.total = total
        self.title = title
    }

    /// Items finished so far.
    var completed: Int {
        lock.lock(); defer { lock.unlock() }
        return done
    }

    /// One more item finished.
    @Sendable func advance() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled else { return }
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = Double(done) / max(Date().timeIntervalSince(start), 1e-9)
        FileHandle.standardError.write(Data("\r\(title) [\(bar)] \(done)/\(total) \(String(format: "%.1f", rate))/s".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
