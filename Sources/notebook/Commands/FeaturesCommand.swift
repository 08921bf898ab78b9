import ArgumentParser
import Foundation
import NumPy
import SongEmotion

/// `notebook features PATH... --out FILE.npy`: the tutorial's 386 values per recording.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Extract the tutorial's 386 features per recording into an N x 386 float64 .npy file.",
        usage: UsageText.wrapped(["notebook features", "<paths> ...", "--out <out>", "[--columns <file>]", "[--labels <labels>]",
                                  "[--files <file>]", "[--extra <names>]", "[--jobs <jobs>]", "[--skip-bad]"]),
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
