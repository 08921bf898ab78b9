import ArgumentParser
import Foundation
import SongEmotion

/// `--extra`, `--jobs` and `--skip-bad`, and the feature extraction they govern, shared
/// by the commands that analyse audio files (`features`, `predict`).
struct ExtractionOptions: ParsableArguments {
    @Option(name: .customLong("extra"), help: ArgumentHelp(
        "Feature groups to add after the 386 columns, comma-separated, in the order given: "
            + FeatureExtra.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        discussion: "Each is librosa 0.8.1's function of that name with its defaults (the deltas: of the 40 MFCCs); "
            + "their means over frames come first, then their standard deviations.",
        valueName: "names"), transform: { try FeatureExtra.list($0) })
    var extraList: [FeatureExtra]?

    /// The extra groups asked for, none by default.
    var extras: [FeatureExtra] { extraList ?? [] }

    /// Values per recording.
    var columns: Int { FeatureRecipe.count(extras: extras) }

    @Option(parsing: .unconditional, help: "Files processed in parallel (default: all cores).")
    var jobs: Int?

    @Flag(help: ArgumentHelp("Leave out files that cannot be read or analysed (listed at the end) instead of stopping.",
                             discussion: "A folder that cannot be listed still stops the run, before any file is analysed."))
    var skipBad = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    /// The features of every file, with a progress bar on a terminal. Without
    /// `--skip-bad` the first file that fails stops the run with its error, followed by
    /// `stopped` (what was not done); with it, failures come back in the result. An
    /// interruption says how far the extraction got, followed by `stopped`.
    func extract(_ files: [URL], stopped: String) throws -> FeatureBatch.Result {
        try Self.extract(files, extras: extras, jobs: jobs, skipBad: skipBad, stopped: stopped)
    }

    /// The same for a command without these options (`data features`: every corpus
    /// recording must analyse): `skipBad` nil means the first failure stops the run and
    /// no --skip-bad is offered.
    static func extract(_ files: [URL], extras: [FeatureExtra] = [], jobs: Int?, skipBad: Bool?,
                        stopped: String) throws -> FeatureBatch.Result {
        // Only on a terminal: the commands that extract say what they wrote, and predict's
        // report (and --quiet) must start with its own first line.
        let progress = ProgressBar("features", total: Int64(files.count), summarisesInLogs: false)
        let result = Interruption.reported(by: { "Interrupted after \(progress.completed) of \(files.count) files. \(stopped)." }) {
            FeatureBatch.run(files: files, extras: extras, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                             stopOnFailure: skipBad != true, progress: progress.advance)
        }
        progress.finish()
        if skipBad != true, let first = result.failures.first {
            throw CommandFailure("\(first.error)\n\(stopped)" + (skipBad == false ? "; use --skip-bad to leave such files out." : "."))
        }
        return result
    }
}
