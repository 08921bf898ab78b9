import ArgumentParser
import Foundation
import SongEmotion

/// `notebook data features [--out data/features]`: the saved features the lessons
/// `sd_lstm` and `si_cnn` read, made from the recordings by the project's own extractor.
struct DataFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Extract the 386 features of every recording into data/features (x, y and the speaker-independent split, .npy).",
        discussion: """
            Writes x.npy (N x 386 float64) and y.npy (N int64, emotion code - 1) for every \
            recording in sorted path order, recordings.txt naming each row, and the \
            speaker-independent split x_train.npy/y_train.npy (actors 1-20) and \
            x_test.npy/y_test.npy (actors 21-24). Run it from the repository root to refresh \
            the committed copy; CommittedFeaturesTests checks that copy against a fresh extraction.
            """
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(help: ArgumentHelp("Folder to write the files into (created if needed).", valueName: "dir"))
    var out: String = SavedFeatures.defaultFolder

    @Option(parsing: .unconditional, help: "Files processed in parallel (default: all cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let location = try corpus.locate()
        // Before the extraction, which takes minutes: the folder can be written, lies outside
        // the corpus (files written there would be read as part of it) and, if it exists,
        // has no folder where one of the files goes.
        try OutputPaths.checkFolder("--out", out, protected: [("the corpus folder", location.directory.path)])
        if FileManager.default.fileExists(atPath: out) {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            try OutputPaths.check(SavedFeatures.fileNames.map { ("--out", folder.appendingPathComponent($0).path) }, inputs: [])
        }
        let recordings = try Recording.list(in: location.directory)
        guard !recordings.isEmpty else {
            throw CommandFailure("\(location.directory.path): no recordings found (from \(location.sourceDescription))")
        }
        print("Extracting the features of \(recordings.count) recordings in \(location.directory.path)")
        let start = Date()
        let result = try ExtractionOptions.extract(recordings.map(\.url), jobs: jobs, skipBad: nil, stopped: "Nothing written to \(out)")
        let rows = result.rows.compactMap { $0 }
        let saved = try SavedFeatures(rows: rows, recordings: recordings)
        let split = try saved.speakerIndependentSplit()
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try saved.write(to: folder)
        print(String(format: "wrote %d x %d features (%d train, %d test by speaker) to %@ in %.1f s",
                     saved.count, FeatureRecipe.count, split.train.count, split.test.count, folder.path,
                     Date().timeIntervalSince(start)))
    }
}
