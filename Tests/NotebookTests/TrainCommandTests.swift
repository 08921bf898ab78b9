import NumPy
import SongEmotion
import TestSupport
import XCTest

/// `notebook train` through the built binary.
final class TrainCommandTests: TemporaryFolderTestCase {
    /// Ctrl-C during training: the command says in which epoch, and that no weights were
    /// written, instead of dying silently.
    func testAnInterruptedTrainingSaysWhereItStopped() throws {
        let features = ReferencePaths.repositoryRoot.appendingPathComponent("data/features")
        let weights = folder.appendingPathComponent("w.npz")
        // 100 epochs of si_cnn take half a minute or more: still training after two seconds.
        let (status, output) = try TestEnvironment.notebookInterrupted([
            "train", "--model", "si_cnn", "--quiet",
            "--features", features.appendingPathComponent("x_train.npy").path,
            "--labels", features.appendingPathComponent("y_train.npy").path, "--split", "sd",
            "--save", weights.path,
        ], after: 2)
        XCTAssertEqual(status, 130, output)
        XCTAssertNotNil(output.firstMatch(of: #/Interrupted in epoch [0-9]+ of 100\. No weights written to /#), output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: weights.path))
    }

    private var features: URL { ReferencePaths.repositoryRoot.appendingPathComponent("data/features") }

    /// Ctrl-C after several seeds of `--seeds`: it still stops the command (signals were
    /// lost once a second seed set up its handler), naming the seed under way, and the
    /// finished seeds' rows reach the output even when it is a pipe.
    func testAnInterruptionStopsALaterSeedAndKeepsTheRowsBeforeIt() throws {
        let (status, output) = try TestEnvironment.notebookInterrupted([
            "train", "--model", "sd_fc", "--epochs", "5", "--seeds", "0-999",
            "--features", features.appendingPathComponent("x.npy").path,
            "--labels", features.appendingPathComponent("y.npy").path,
        ], after: 3)
        XCTAssertEqual(status, 130, output)
        let stopped = try XCTUnwrap(output.firstMatch(of: #/Seed ([0-9]+): Interrupted in epoch [0-9]+ of 5\./#), output)
        let seed = try XCTUnwrap(Int(stopped.1))
        XCTAssertGreaterThan(seed, 0, "interrupted in a later seed than the first: \(output)")
        for finished in 0..<seed {
            XCTAssertNotNil(output.firstMatch(of: try Regex("\n\(finished) +5 +[0-9.]+ +[0-9.]+ +[0-9.]+")), "seed \(finished)'s row: \(output)")
        }
    }

    private func train(_ options: [String]) throws -> TestEnvironment.Result {
        try TestEnvironment.notebook(["train", "--model", "sd_fc",
                                      "--features", features.appendingPathComponent("x.npy").path,
                                      "--labels", features.appendingPathComponent("y.npy").path] + options)
    }

    /// Keras's validation_split and EarlyStopping(restore_best_weights=True) from the
    /// command line: val_ figures each epoch, an early stop, the best epoch's weights kept.
    func testValidationSplitAndEarlyStopping() throws {
        let result = try train(["--validation-split", "0.2", "--early-stopping", "3"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains(" - val_accuracy: "), result.output)
        let stop = try XCTUnwrap(result.output.firstMatch(of: #/stopped early after epoch ([0-9]+) of 100; the weights are epoch ([0-9]+)'s, the best/#),
                                 result.output)
        let stopped = try XCTUnwrap(Int(stop.1)), best = try XCTUnwrap(Int(stop.2))
        XCTAssertEqual(stopped - best, 3, "patience 3: three epochs without a better val_loss")
        XCTAssertTrue(result.output.contains("Epoch \(stopped): early stopping"), result.output)
        XCTAssertNotNil(result.output.firstMatch(of: #/last epoch: loss [0-9.]+, accuracy [0-9.]+,\nvalidation loss [0-9.]+, accuracy [0-9.]+;\ntest loss/#),
                        result.output)
    }

    /// Every line train writes of its own fits an 80-column terminal: the closing figures
    /// (110 columns, more with validation), the speaker-normalisation line and the saved
    /// weights' took more. Lines naming the test's folder, and the Keras-style progress
    /// lines (Keras's format, kept for parity), are not counted.
    func testTrainsOwnLinesFitEightyColumns() throws {
        let weights = folder.appendingPathComponent("w.npz")
        let result = try train(["--epochs", "2", "--validation-split", "0.2", "--early-stopping", "1",
                                "--speaker-normalization", "--save", weights.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("\ntest loss "), result.output)
        let wide = result.output.split(separator: "\n")
            .filter { $0.count > 80 && !$0.contains(folder.path) && !$0.contains("/step") }
        XCTAssertEqual(wide, [], "lines wider than 80 columns")
    }

    /// Keras 3 restores the best weights even when training runs to the end: the command
    /// says which epoch's weights the model holds.
    func testBestWeightsAreNamedWhenTrainingRunsToTheEnd() throws {
        let result = try train(["--epochs", "5", "--validation-split", "0.2", "--early-stopping", "100"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertNotNil(result.output.firstMatch(of: #/trained all 5 epochs; (the weights are epoch [1-4]'s, the best|the last epoch was the best)/#),
                        result.output)
    }

    #if os(Linux)
    /// SIGTERM while standard output is a full pipe that nobody reads: the command still
    /// exits (flushing standard output would wait for the lock of the thread blocked in
    /// its write, and did, until the reader went away).
    func testATerminationEndsACommandBlockedOnAFullPipe() throws {
        let output = Pipe()
        _ = fcntl(output.fileHandleForWriting.fileDescriptor, 1031 /* F_SETPIPE_SZ */, 4096)
        let process = Process()
        process.executableURL = try TestEnvironment.notebookBinary()
        process.arguments = ["train", "--model", "sd_fc", "--epochs", "1", "--seeds", "0-999",
                             "--features", features.appendingPathComponent("x.npy").path,
                             "--labels", features.appendingPathComponent("y.npy").path]
        process.currentDirectoryURL = TestEnvironment.packageRoot
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 6)  // about 60 rows of 70 bytes fill the 4 KB pipe
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let stillRunning = process.isRunning
        if stillRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        XCTAssertFalse(stillRunning, "the command hung after SIGTERM with its output pipe full")
        XCTAssertEqual(process.terminationStatus, 128 + SIGTERM)
    }
    #else
    func testATerminationEndsACommandBlockedOnAFullPipe() throws {
        throw XCTSkip("needs a pipe shrunk to 4 KB to fill in seconds (F_SETPIPE_SZ, Linux only)")
    }
    #endif

    /// Keras's baseline and start_from_epoch from the command line. A val_accuracy
    /// baseline of 1 cannot be beaten, so the wait never restarts: training stops at the
    /// first epoch without improvement once three are watched, no later than without the
    /// baseline; the warm-up epochs (1-4) are not watched, so none of them is restored.
    func testBaselineAndWarmUpShapeEarlyStopping() throws {
        func stoppedAndBest(_ extra: [String]) throws -> (stopped: Int, best: Int) {
            let result = try train(["--epochs", "30", "--validation-split", "0.2", "--early-stopping", "3",
                                    "--monitor", "val_accuracy", "--start-from-epoch", "4"] + extra)
            XCTAssertEqual(result.status, 0, result.output)
            let stop = try XCTUnwrap(result.output.firstMatch(of: #/stopped early after epoch ([0-9]+) of 30; (the weights are epoch ([0-9]+)'s, the best|the last epoch was the best)/#),
                                     result.output)
            let stopped = try XCTUnwrap(Int(stop.1))
            return (stopped, stop.3.flatMap { Int($0) } ?? stopped)
        }
        let withBaseline = try stoppedAndBest(["--baseline", "1"]), without = try stoppedAndBest([])
        XCTAssertGreaterThanOrEqual(withBaseline.stopped, 7, "epochs 5, 6, 7 are watched before any stop")
        XCTAssertLessThanOrEqual(withBaseline.stopped, without.stopped, "improvements no longer restart the wait (8 vs 10 here)")
        XCTAssertGreaterThanOrEqual(withBaseline.best, 5)
        XCTAssertGreaterThanOrEqual(without.best, 5)
    }

    /// Labels outside the six emotions, and non-finite features, are named by their row in
    /// the file (the training loop would count samples of the shuffled training set).
    func testBadLabelsAndFeaturesAreNamedByTheirRowInTheFile() throws {
        var labels = try NPY.read(contentsOf: features.appendingPathComponent("y.npy")).integers()
        labels[7] = 9
        let badLabels = folder.appendingPathComponent("y.npy")
        try NPY.write(try NPYArray(int64: labels), to: badLabels)
        let wide = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", features.appendingPathComponent("x.npy").path,
                                                 "--labels", badLabels.path])
        XCTAssertNotEqual(wide.status, 0)
        XCTAssertTrue(wide.output.contains("\(badLabels.path): row 7 has label 9; labels are 0-5 (the emotion code of the file name minus 1: 0 neutral,"),
                      wide.output)
        XCTAssertTrue(wide.output.contains("--classes sets how many there are"), wide.output)
        // Asked for, ten classes take label 9: the output layer has ten units.
        let ten = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", features.appendingPathComponent("x.npy").path,
                                                "--labels", badLabels.path, "--classes", "10", "--epochs", "1", "--quiet"])
        XCTAssertEqual(ten.status, 0, ten.output)
        XCTAssertNotNil(ten.output.firstMatch(of: #/dense_3 \(Dense\) +│ \(None, 10\)/#), ten.output)

        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy"))
        var values = x.doubles
        values[3 * 386 + 4] = .nan
        let badFeatures = folder.appendingPathComponent("x.npy")
        try NPY.write(try NPYArray(float64: values, shape: x.shape), to: badFeatures)
        let nan = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", badFeatures.path,
                                                "--labels", features.appendingPathComponent("y.npy").path])
        XCTAssertNotEqual(nan.status, 0)
        XCTAssertTrue(nan.output.contains("\(badFeatures.path): row 3, column 4 is nan; features must be finite"), nan.output)

        // Finite in the file, infinite in float32: said so.
        values[3 * 386 + 4] = 1e300
        try NPY.write(try NPYArray(float64: values, shape: x.shape), to: badFeatures)
        let huge = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", badFeatures.path,
                                                 "--labels", features.appendingPathComponent("y.npy").path])
        XCTAssertNotEqual(huge.status, 0)
        XCTAssertTrue(huge.output.contains("row 3, column 4 is 1e+300, beyond float32's range (±3.4e38)"), huge.output)
    }

    /// Without --features and --labels, train uses the project's saved features and the
    /// y file beside an x file, so `notebook train --model si_cnn --seed 3` as the lessons
    /// quote it works; the same figures as with both named.
    func testFeaturesDefaultToTheSavedOnesAndLabelsToTheYFileBeside() throws {
        let named = try train(["--epochs", "1", "--quiet"])
        let defaulted = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet"])
        XCTAssertEqual(defaulted.status, 0, defaulted.output)
        func figures(_ output: String) -> String? { output.firstMatch(of: #/test loss [0-9.]+, accuracy [0-9.]+/#).map { String($0.0) } }
        XCTAssertNotNil(figures(named.output), named.output)
        XCTAssertEqual(figures(defaulted.output), figures(named.output))
        let other = folder.appendingPathComponent("features.npy")
        try FileManager.default.copyItem(at: features.appendingPathComponent("x.npy"), to: other)
        let refused = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", other.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("--labels: give the labels file (\(other.path) is not named x*.npy"), refused.output)
        // A missing features file or a folder is a file error (status 1, no usage text).
        for (path, message) in [(folder.appendingPathComponent("none.npy").path, "no such file"), (folder.path, "is a folder")] {
            let result = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", path])
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.output.contains("--features \(path)") && result.output.contains(message), result.output)
            XCTAssertFalse(result.output.contains("Usage:"), result.output)
        }
        // An x file without its y file: where train looked, and how to make one.
        let alone = folder.appendingPathComponent("x.npy"), missing = folder.appendingPathComponent("y.npy")
        try FileManager.default.copyItem(at: other, to: alone)
        let unlabelled = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", alone.path])
        XCTAssertNotEqual(unlabelled.status, 0)
        XCTAssertTrue(unlabelled.output.contains("\(missing.path): no such file. Without --labels, train reads the labels beside "
                                                 + "the features;\nwrite them with `notebook features ... --labels \(missing.path)`"),
                      unlabelled.output)
    }

    /// Labels as NumPy users save them: int32 (Windows' default integer) and an (N, 1)
    /// column train; one-hot labels and fractions are refused, naming the file.
    func testLabelsOfOtherTypesAndShapes() throws {
        let y = try NPY.read(contentsOf: features.appendingPathComponent("y.npy")).integers()
        let x = features.appendingPathComponent("x.npy").path
        let column = folder.appendingPathComponent("column.npy")
        try NPY.write(try NPYArray(int64: y, shape: [y.count, 1]), to: column)
        let trained = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", x, "--labels", column.path,
                                                    "--epochs", "1", "--quiet"])
        XCTAssertEqual(trained.status, 0, trained.output)

        let oneHot = folder.appendingPathComponent("onehot.npy")
        try NPY.write(try NPYArray(float32: y.flatMap { label in (0..<6).map { $0 == label ? 1 : 0 } }, shape: [y.count, 6]), to: oneHot)
        let refused = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", x, "--labels", oneHot.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("\(oneHot.path): labels have shape [1012, 6]; expected one label per row, shape (1012,) (one-hot?"),
                      refused.output)

        let fraction = folder.appendingPathComponent("fraction.npy")
        try NPY.write(try NPYArray(float64: y.enumerated().map { $0.offset == 5 ? 2.5 : Double($0.element) }), to: fraction)
        let whole = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", x, "--labels", fraction.path])
        XCTAssertNotEqual(whole.status, 0)
        XCTAssertTrue(whole.output.contains("\(fraction.path): row 5 has label 2.5; labels must be whole numbers"), whole.output)
    }

    /// Training can continue from a weights file and write it back (--load is read whole
    /// first); --save onto the features is refused.
    func testSaveMayBeTheLoadedWeightsButNotAnInput() throws {
        let weights = folder.appendingPathComponent("w.npz")
        XCTAssertEqual(try train(["--epochs", "1", "--quiet", "--save", weights.path]).status, 0)
        let before = try Data(contentsOf: weights)
        let again = try train(["--epochs", "1", "--quiet", "--load", weights.path, "--save", weights.path])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertNotEqual(try Data(contentsOf: weights), before, "one more epoch of training was written back")
        // Nor onto the recordings list beside the features, which the si split reads.
        let beside = try train(["--epochs", "1", "--save", features.appendingPathComponent("recordings.txt").path])
        XCTAssertTrue(beside.output.contains("is the recordings list beside the features; writing there would overwrite it"),
                      beside.output)
        let onto = try train(["--epochs", "1", "--save", features.appendingPathComponent("x.npy").path])
        XCTAssertNotEqual(onto.status, 0)
        XCTAssertTrue(onto.output.contains("is the --features file; writing there would overwrite it"), onto.output)
        #if os(Linux)
        // A folder that takes no new files is refused before training, not after it. (The
        // fix shows as root, whom access() let through: a user was refused before too.)
        let proc = try train(["--epochs", "1", "--save", "/proc/w.npz"])
        XCTAssertNotEqual(proc.status, 0)
        XCTAssertTrue(proc.output.contains("--save /proc/w.npz: cannot write in /proc ("), proc.output)
        XCTAssertFalse(proc.output.contains("Epoch"), "refused before training: \(proc.output)")
        #endif
    }

    /// --load checks the record train --save wrote beside the weights, as predict does:
    /// weights trained on speaker-normalised features would otherwise go on training from
    /// the raw ones without a word (the shapes are the same).
    func testLoadedWeightsMustBeContinuedOnFeaturesMadeAsTheirRecordSays() throws {
        let weights = folder.appendingPathComponent("normalized.npz")
        let first = try train(["--epochs", "1", "--quiet", "--speaker-normalization", "--save", weights.path])
        XCTAssertEqual(first.status, 0, first.output)
        let record = folder.appendingPathComponent("normalized.training.json").path
        let raw = try train(["--epochs", "1", "--quiet", "--load", weights.path])
        XCTAssertNotEqual(raw.status, 0)
        XCTAssertTrue(raw.output.contains("the weights were trained on speaker-normalised features (\(record)): "
                                          + "add --speaker-normalization"), raw.output)
        XCTAssertFalse(raw.output.contains("Epoch 1/1"), "refused before training: \(raw.output)")
        let same = try train(["--epochs", "1", "--quiet", "--load", weights.path, "--speaker-normalization"])
        XCTAssertEqual(same.status, 0, same.output)

        // Another --extra list of the same width (two columns each).
        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy"))
        let wider = (0..<x.shape[0]).flatMap { row in Array(x.doubles[(row * 386)..<((row + 1) * 386)]) + [0.1, 0.01] }
        let x388 = folder.appendingPathComponent("x388.npy").path
        try NPY.write(try NPYArray(float64: wider, shape: [x.shape[0], 388]), to: URL(fileURLWithPath: x388))
        func train388(_ options: [String]) throws -> TestEnvironment.Result {
            try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet", "--features", x388,
                                          "--labels", features.appendingPathComponent("y.npy").path] + options)
        }
        let rms = folder.appendingPathComponent("rms.npz")
        XCTAssertEqual(try train388(["--extra", "rms", "--save", rms.path]).status, 0)
        let crossings = try train388(["--extra", "zero_crossing_rate", "--load", rms.path])
        XCTAssertNotEqual(crossings.status, 0)
        XCTAssertTrue(crossings.output.contains("the weights were trained on features with --extra rms, not --extra zero_crossing_rate ("
                                                + folder.appendingPathComponent("rms.training.json").path
                                                + ");\ngive train --extra rms, in that order"), crossings.output)
        // Without train --extra the list is not known, and only speaker normalization is checked.
        XCTAssertEqual(try train388(["--load", rms.path]).status, 0)
    }

    /// `--seeds` trains each seed as `--seed` would and reports the mean and range of the
    /// test figures; a row per seed, not a line per epoch.
    func testSeedsReportEachSeedAsSeedWouldAndTheirMean() throws {
        let both = try train(["--epochs", "3", "--seeds", "1,4"])
        XCTAssertEqual(both.status, 0, both.output)
        XCTAssertFalse(both.output.contains("Epoch 1/3"), both.output)
        XCTAssertTrue(both.output.contains("batch 16, 2 seeds, shuffle every-epoch"), both.output)
        var accuracies: [Double] = []
        for seed in [1, 4] {
            let alone = try train(["--epochs", "3", "--seed", "\(seed)"])
            XCTAssertEqual(alone.status, 0, alone.output)
            let figures = try XCTUnwrap(alone.output.firstMatch(of: #/test loss ([0-9.]+), accuracy ([0-9.]+), UAR ([0-9.]+)/#), alone.output)
            let row = try XCTUnwrap(both.output.firstMatch(of: Regex("\n\(seed) +3 +[0-9.]+ +([0-9.]+) +([0-9.]+) +([0-9.]+) ")),
                                    both.output)
            XCTAssertEqual(row.output[1].substring, figures.1, "seed \(seed)'s test loss")
            XCTAssertEqual(row.output[2].substring, figures.2, "seed \(seed)'s accuracy")
            XCTAssertEqual(row.output[3].substring, figures.3, "seed \(seed)'s UAR")
            accuracies.append(try XCTUnwrap(Double(figures.2)))
        }
        let mean = try XCTUnwrap(both.output.firstMatch(of: #/mean \(range\) over 2 seeds: accuracy ([0-9.]+) \(([0-9.]+)-([0-9.]+)\)/#),
                                 both.output)
        XCTAssertEqual(try XCTUnwrap(Double(mean.1)), (accuracies[0] + accuracies[1]) / 2, accuracy: 1e-4)
        XCTAssertEqual(try XCTUnwrap(Double(mean.2)), accuracies.min()!, accuracy: 1e-4)
        XCTAssertEqual(try XCTUnwrap(Double(mean.3)), accuracies.max()!, accuracy: 1e-4)
    }

    /// A bad name in a --files list is reported at its line in the file, blank lines
    /// counted; a list of the wrong length names the list.
    func testListsAreReportedByTheirFileAndLine() throws {
        let names = try String(contentsOf: features.appendingPathComponent("recordings.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let list = folder.appendingPathComponent("files.txt")
        func run(_ lines: [String]) throws -> TestEnvironment.Result {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: list)
            return try TestEnvironment.notebook(["train", "--model", "si_cnn", "--split", "si", "--files", list.path, "--epochs", "1", "--quiet"])
        }
        var lines = names
        lines[4] = "not-a-recording"
        let bad = try run(["", ""] + lines)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.output.contains("\(list.path):7: "), bad.output)
        let short = try run(Array(names.dropLast()))
        XCTAssertNotEqual(short.status, 0)
        XCTAssertTrue(short.output.contains("\(list.path): 1011 actors listed for 1012 feature rows"), short.output)

        // A recordings.txt beside the features that lists another number of rows is
        // passed over, with a note.
        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy"))
        let fewer = folder.appendingPathComponent("x.npy")
        try NPY.write(try NPYArray(float64: Array(x.doubles.prefix(44 * 386)), shape: [44, 386]), to: fewer)
        try NPY.write(try NPYArray(int64: [Int64](repeating: 0, count: 44)), to: folder.appendingPathComponent("y.npy"))
        try FileManager.default.copyItem(at: features.appendingPathComponent("recordings.txt"), to: folder.appendingPathComponent("recordings.txt"))
        let passedOver = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--split", "si", "--features", fewer.path, "--epochs", "1"])
        XCTAssertNotEqual(passedOver.status, 0)
        XCTAssertTrue(passedOver.output.contains("note: \(folder.appendingPathComponent("recordings.txt").path) lists 1012 recordings for 44 feature rows; not used"),
                      passedOver.output)
    }

    /// --speaker-normalization trains on exactly what SpeakerNormalization makes of the
    /// features (a file normalised beforehand gives the same figures), on either split;
    /// without a way to tell each row's actor it is refused by name.
    func testSpeakerNormalizationTrainsOnEachActorsStandardisedRows() throws {
        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy"))
        let names = try String(contentsOf: features.appendingPathComponent("recordings.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let actors = try names.map { try RecordingName(parsing: $0).actor }
        let normalized = try SpeakerNormalization(rows: x.doubles, columns: 386, speakers: actors).apply(to: x.doubles, speakers: actors)
        try NPY.write(try NPYArray(float64: normalized, shape: x.shape), to: folder.appendingPathComponent("x.npy"))
        for file in ["y.npy", "recordings.txt"] {
            try FileManager.default.copyItem(at: features.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        for split in ["si", "sd"] {
            let flagged = try train(["--split", split, "--epochs", "2", "--speaker-normalization"])
            XCTAssertEqual(flagged.status, 0, flagged.output)
            XCTAssertTrue(flagged.output.contains("speaker normalisation: each of the 23 actors' rows standardised"), flagged.output)
            let beforehand = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--split", split, "--epochs", "2",
                                                           "--features", folder.appendingPathComponent("x.npy").path])
            XCTAssertEqual(beforehand.status, 0, beforehand.output)
            let figures = #/test loss [0-9.]+, accuracy [0-9.]+, UAR [0-9.]+/#
            let expected = try XCTUnwrap(beforehand.output.firstMatch(of: figures), beforehand.output).output
            XCTAssertEqual(try XCTUnwrap(flagged.output.firstMatch(of: figures), flagged.output).output, expected, split)
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("recordings.txt"))
        let fewer = folder.appendingPathComponent("x44.npy")
        try NPY.write(try NPYArray(float64: Array(x.doubles.prefix(44 * 386)), shape: [44, 386]), to: fewer)
        try NPY.write(try NPYArray(int64: [Int64](repeating: 0, count: 44)), to: folder.appendingPathComponent("y44.npy"))
        let unknown = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", fewer.path, "--epochs", "1",
                                                    "--speaker-normalization"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.output.contains("--speaker-normalization needs the actor of each of the 44 rows: give --actors or --files"),
                      unknown.output)
    }

    /// Features wider than the recipe's 386: the note says `predict --extra` takes such
    /// weights when some --extra list gives the width, and that nothing does otherwise.
    func testANoteSaysWhetherPredictCanExtractTheFeaturesWidth() throws {
        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy")).doubles
        let labels = folder.appendingPathComponent("y.npy")
        try NPY.write(try NPYArray(int64: (0..<24).map { Int64($0 % 6) }), to: labels)
        func note(adding extra: [Double]) throws -> String {
            let wider = folder.appendingPathComponent("x\(386 + extra.count).npy")
            let rows = (0..<24).flatMap { row in Array(x[(row * 386)..<((row + 1) * 386)]) + extra }
            try NPY.write(try NPYArray(float64: rows, shape: [24, 386 + extra.count]), to: wider)
            let result = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", wider.path,
                                                       "--labels", labels.path, "--epochs", "1", "--quiet"])
            XCTAssertEqual(result.status, 0, result.output)
            return result.output
        }
        let rms = try note(adding: [0.1, 0.01])  // as --extra rms adds them
        XCTAssertTrue(rms.contains("has 388 columns, 2 more than the recipe's 386.\n"
                                   + "To use these weights, give `notebook predict` the --extra list"), rms)
        XCTAssertFalse(rms.contains("cannot use"), rms)
        let odd = try note(adding: [0.1])  // every extra group adds a mean and a deviation
        XCTAssertTrue(odd.contains("No --extra list gives 387 columns"), odd)
        XCTAssertTrue(odd.contains("`notebook predict` cannot use these weights"), odd)
    }

    func testOptionsThatCannotWorkAreRefused() throws {
        for (options, message) in [
            (["--validation-split", "1"], "--validation-split must be at least 0 and below 1, not 1.0"),
            (["--early-stopping", "3", "--monitor", "val_loss"], "--monitor val_loss needs validation rows: give --validation-split"),
            (["--monitor", "loss"], "--monitor is what --early-stopping watches; give --early-stopping too"),
            (["--early-stopping=-1"], "--early-stopping needs a patience of 0 epochs or more"),
            (["--files", "data/features/recordings.txt"], "--actors and --files say whose each row is, for --split si"),
            (["--seeds", "4-1"], "The value '4-1' is invalid for '--seeds <list>': 4-1 is a reversed range; write 1-4"),
            (["--seeds", "0-x"], "The value '0-x' is invalid for '--seeds <list>': '0-x' is not a seed (0, 1, ...) or a range of seeds such as 0-4"),
            (["--seeds", "0,x"], "'x' is not a seed"),
            (["--seeds", "-1"], "'-1' is not a seed"),
            (["--seed", "-1"], "The value '-1' is invalid for '--seed <seed>': '-1' is not a seed (0, 1, ...)"),
            (["--early-stopping", "2", "--monitor", "bogus"], "--monitor <monitor>'. Please provide one of 'val_loss', 'val_accuracy', 'loss' or 'accuracy'"),
            (["--seeds", "0-2,1"], "The value '0-2,1' is invalid for '--seeds <list>': it names a seed twice"),
            (["--seeds", "0-5000"], "it names more than 1000 seeds"),
            (["--seeds", "0-1", "--seed", "3"], "give --seed or --seeds, not both"),
            (["--baseline", "0.5"], "--baseline and --start-from-epoch shape --early-stopping; give --early-stopping too"),
            (["--early-stopping", "2", "--start-from-epoch", "-1"], "--start-from-epoch must be 0 or more, not -1"),
            (["--seeds", "0-1", "--save", "w.npz"], "--save keeps one model's weights"),
            // A negative number reaches the range check (it was taken for a missing value).
            (["--validation-split", "-0.5"], "--validation-split must be at least 0 and below 1, not -0.5"),
            (["--classes", "-1"], "--classes must be between 2 and 10000, not -1"),
            (["--epochs", "-1"], "--epochs must be at least 1, got -1"),
            (["--batch-size", "0"], "--batch-size must be at least 1, got 0"),
        ] {
            let result = try train(options)
            XCTAssertNotEqual(result.status, 0, "\(options)")
            XCTAssertTrue(result.output.contains(message), result.output)
        }
        // A missing features file is said first, not what its name implies for the labels.
        let missing = folder.appendingPathComponent("features.npy").path
        let result = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--features", missing])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("\(missing): no such file"), result.output)
        XCTAssertFalse(result.output.contains("--labels"), result.output)
    }
}
