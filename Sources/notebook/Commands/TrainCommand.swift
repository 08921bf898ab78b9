import ArgumentParser
import Foundation
import Learn
import NumPy
import SongEmotion

/// `notebook train`: trains one of the tutorial's models on saved features and reports
/// the test loss, accuracy and unweighted average recall.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one of the tutorial's models on saved features.",
        discussion: """
            The speaker-dependent split (sd) holds out a seeded 10% of the rows. The \
            speaker-independent split (si) tests on actors 21-24 and trains on the rest; the \
            actor of each row comes from --actors (one number per line), from --files (one \
            recording path per line, e.g. Actor_03/03-02-01-01-01-01-03.flac), else from \
            recordings.txt beside the features (as data/features has it), or, for a full \
            1012-row feature file without one, from the corpus listing in sorted path order \
            (the order x.npy was written in).
            """
    )

    @Option(help: "sd_fc, sd_lstm, si_lstm or si_cnn.")
    var model: String

    @Option(help: "Features, (rows, columns) .npy: the recipe's 386 columns (notebook features), or your own.")
    var features: String = SavedFeatures.defaultFolder + "/x.npy"

    @Option(name: .customLong("labels"),
            help: "Class numbers 0-5 (0 to --classes - 1), one per row: (rows,) or (rows, 1) .npy. Default: the y file beside the features (x.npy: y.npy, x_train.npy: y_train.npy).")
    var labelsOption: String?

    /// --labels, else the labels file NumPy users keep beside X: the name with x for y.
    var labels: String { labelsOption ?? Self.labelsBeside(features) ?? "" }

    static func labelsBeside(_ features: String) -> String? {
        let url = URL(fileURLWithPath: features)
        let name = url.lastPathComponent
        guard name.first == "x" || name.first == "X" else { return nil }
        return url.deletingLastPathComponent().appendingPathComponent((name.first == "x" ? "y" : "Y") + name.dropFirst()).path
    }

    @Option(parsing: .unconditional, help: ArgumentHelp("Classes the output layer has: the six song emotions by default; more for labels of your own (e.g. the eight emotions of RAVDESS speech, labelled by you). Labels must lie in 0 to classes - 1.",
                               valueName: "n"))
    var classes: Int = Emotion.allCases.count

    @Option(help: "sd (seeded 90/10) or si (actors 21-24 held out). Default: the model's own prefix.")
    var split: String?

    @Option(parsing: .unconditional, help: "Epochs.")
    var epochs: Int = 100

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Batch size.")
    var batchSize: Int = 16

    @Option(name: .customLong("seed"), parsing: .unconditional, help: ArgumentHelp("Seed for initialisation, the split, shuffling and dropout (default: 0).",
                                                          valueName: "seed"),
            transform: { text in
                guard let seed = UInt64(text) else { throw ValidationError("'\(text)' is not a seed (0, 1, ...)") }
                return seed
            })
    var seedOption: UInt64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train once for each of these seeds, e.g. 0-4 or 0,3,7, and report each one's test figures with their mean and range.",
                               discussion: "The spread over seeds is how far one run's accuracy can be trusted; each seed's figures are those `--seed S` gives.",
                               valueName: "list"),
            transform: { try SeedList.parse($0) })
    var seeds: SeedList?

    /// The seeds to train: --seeds, else --seed, else 0.
    var seedsToTrain: [UInt64] { seeds?.seeds ?? [seedOption ?? 0] }

    @Option(help: ArgumentHelp("How to order the training rows: every-epoch, once or off.",
                               discussion: """
                                   every-epoch draws a new order each epoch (Keras's documented behaviour); once \
                                   draws one and keeps it, as Keras 3 on TensorFlow does when seeded, which is how \
                                   Keras's reference accuracies were measured; off keeps the file order.
                                   """))
    var shuffle: FitOptions.Shuffle = .everyEpoch

    @Option(name: .customLong("validation-split"), parsing: .unconditional, help: ArgumentHelp(
        "Hold out this fraction of the training rows for validation (0 to below 1).",
        discussion: "As Keras's validation_split: the last rows of the training set, taken before shuffling; each epoch then reports val_loss and val_accuracy."))
    var validationSplit: Double = 0

    @Option(name: .customLong("early-stopping"), parsing: .unconditional, help: ArgumentHelp(
        "Stop when --monitor has not improved for this many epochs, and restore the best epoch's weights.",
        valueName: "patience"))
    var patience: Int?

    @Option(help: "What --early-stopping watches: val_loss, val_accuracy, loss or accuracy. Default: val_loss with --validation-split, else loss.")
    var monitor: EarlyStopping.Monitor?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --early-stopping: the value --monitor must beat for the wait to restart (Keras's baseline).",
        discussion: "Until the monitored figure beats it, the wait never restarts: training stops at the first epoch without improvement once --early-stopping epochs have been watched (as Keras does); the best watched epoch's weights are still restored.",
        valueName: "value"))
    var baseline: Float?

    @Option(name: .customLong("start-from-epoch"), parsing: .unconditional, help: ArgumentHelp(
        "With --early-stopping: epochs of warm-up before monitoring starts (Keras's start_from_epoch).", valueName: "n"))
    var startFromEpoch: Int?

    @Option(help: ArgumentHelp("Write the trained weights here (.npz, Keras weight paths).",
                               discussion: "Beside them, NAME.training.json records the --extra list and --speaker-normalization, which predict then checks."))
    var save: String?

    @Option(name: .customLong("extra"), help: ArgumentHelp(
        "The --extra list the features were extracted with (notebook features --extra), in its order: checked against the features' width and recorded with --save, so that predict refuses another.",
        valueName: "names"), transform: { try FeatureExtra.list($0) })
    var extra: [FeatureExtra]?

    @Option(help: ArgumentHelp("Start from these weights instead of the seeded initialisation (.npz, Keras weight paths).",
                               discussion: "E.g. a Keras model's initial weights, to tell its initialisation apart from its training. Weights written by train --save are checked against the record beside them, as predict checks them: the features must have the same --extra list and --speaker-normalization."))
    var load: String?

    @Option(help: "For --split si and --speaker-normalization: one actor number per feature row.")
    var actors: String?

    @Option(help: "For --split si and --speaker-normalization: one recording path per feature row. Default: recordings.txt beside the features file (as notebook data features writes it), if it has a line per row.")
    var files: String?

    @Flag(name: .customLong("speaker-normalization"), help: ArgumentHelp(
        "Standardise each actor's rows by that actor's own mean and standard deviation per column before training.",
        discussion: "Speaker normalisation (the si_lstm lesson's part 3): the statistics take in every row, the test actors' too, but no labels; they assume each actor's rows cover the emotions about evenly, as RAVDESS's do."))
    var speakerNormalization = false

    /// For --split si with the 1012-row file: where the corpus is, to take the actors from.
    @OptionGroup var corpus: CorpusOptions

    @Option(parsing: .unconditional, help: "OpenBLAS threads inside each matrix product; one is fastest at batch 16. (Learn's own loops, which split the Dense and LSTM products, run si_cnn's FFT convolution and Adam, use LEARN_THREADS threads, by default one per core up to 2.)")
    var threads: Int = 1

    @Flag(help: "Print only the summary and the final figures.")
    var quiet = false

    func validate() throws {
        try ModelName.validate(model)
        // Before what the features' name implies for the labels: a missing file comes first.
        // A file error, as a bad file's is (status 1, no usage text): the command was used right.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: features, isDirectory: &isFolder) else {
            let isDefault = features == SavedFeatures.defaultFolder + "/x.npy"
            throw CommandFailure("--features \(features): no such file" + (isDefault ? " (the default, relative to this folder)" : ""))
        }
        guard !isFolder.boolValue else {
            throw CommandFailure("--features \(features) is a folder; give the features file (an N x 386 .npy)")
        }
        if labelsOption == nil, Self.labelsBeside(features) == nil {
            throw ValidationError("--labels: give the labels file (\(features) is not named x*.npy, so no y file beside it is assumed)")
        }
        if let split, !["sd", "si"].contains(split) { throw ValidationError("--split must be sd or si, not '\(split)'") }
        if (split ?? String(model.prefix(2))) == "sd", !speakerNormalization, actors != nil || files != nil {
            throw ValidationError("--actors and --files say whose each row is, for --split si or --speaker-normalization; "
                                  + "the sd split is seeded and ignores them")
        }
        if seeds != nil, seedOption != nil { throw ValidationError("give --seed or --seeds, not both") }
        if seeds != nil, save != nil {
            throw ValidationError("--save keeps one model's weights: train the seed you want with --seed S --save FILE")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard (2...10_000).contains(classes) else { throw ValidationError("--classes must be between 2 and 10000, not \(classes)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw ValidationError("--validation-split must be at least 0 and below 1, not \(validationSplit)")
        }
        if let patience, patience < 0 { throw ValidationError("--early-stopping needs a patience of 0 epochs or more") }
        if monitor != nil, patience == nil { throw ValidationError("--monitor is what --early-stopping watches; give --early-stopping too") }
        if patience == nil, baseline != nil || startFromEpoch != nil {
            throw ValidationError("--baseline and --start-from-epoch shape --early-stopping; give --early-stopping too")
        }
        if let baseline, !baseline.isFinite { throw ValidationError("--baseline must be a finite number, not \(baseline)") }
        if let startFromEpoch, startFromEpoch < 0 { throw ValidationError("--start-from-epoch must be 0 or more, not \(startFromEpoch)") }
        if let startFromEpoch, startFromEpoch >= epochs {
            throw ValidationError("--start-from-epoch \(startFromEpoch) is not below --epochs \(epochs): early stopping would watch no epoch")
        }
        if let monitor, [.validationLoss, .validationAccuracy].contains(monitor), validationSplit == 0 {
            throw ValidationError("--monitor \(monitor.rawValue) needs validation rows: give --validation-split")
        }
    }

    /// Keras's EarlyStopping as the options ask for it, restoring the best weights.
    private var earlyStopping: EarlyStopping? {
        patience.map { patience in
            EarlyStopping(monitor: monitor ?? (validationSplit > 0 ? .validationLoss : .loss), patience: patience,
                          restoreBestWeights: true, baseline: baseline, startFromEpoch: startFromEpoch ?? 0)
        }
    }

    /// One whole-number label per feature row, from an (N,) or (N, 1) array of any integer
    /// or float type NumPy saves; errors name the file and say what is wrong with it.
    static func readLabels(_ path: String, rows: Int, features: String) throws -> [Int] {
        let array = try NPY.read(contentsOf: URL(fileURLWithPath: path))
        guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[1] == 1) else {
            let oneHot = array.shape.count == 2 && array.shape[0] == rows ? " (one-hot? save y.argmax(axis=1) instead)" : ""
            throw ValidationError("\(path): labels have shape \(array.shape); expected one label per row, shape (\(rows),)\(oneHot)")
        }
        guard array.count == rows else {
            throw ValidationError("\(path) has \(array.count) labels for \(rows) feature rows in \(features)")
        }
        do {
            return try array.integers().map { Int($0) }
        } catch NumPyError.notIntegral(let row, let value) {
            throw ValidationError("\(path): row \(row) has label \(value); "
                                  + (value.rounded() == value ? "labels must be class numbers from 0" : "labels must be whole numbers"))
        }
    }

    func run() throws {
        // --load may be --save: it is read whole before training, to continue from it.
        // recordings.txt beside the features may be read for the si split (RowActors).
        let record = save.map { TrainingRecord.url(besideWeights: URL(fileURLWithPath: $0)).path }
        try OutputPaths.check([("--save", save), ("the training record beside --save", record)], inputs: [("the --features file", features), ("the --labels file", labels),
                                                          ("the recordings list beside the features",
                                                           RowActors.recordingsPath(beside: features))]
                                  + [("the --actors file", actors), ("the --files list", files)]
                                      .compactMap { what, path in path.map { (what, $0) } })
        LearnBackend.blasThreads = threads
        let x = try NPY.read(contentsOf: URL(fileURLWithPath: features))
        guard x.shape.count == 2 else { throw ValidationError("\(features): expected (rows, features), got \(x.shape)") }
        // Not named by the user, a missing labels file needs saying where it was looked for.
        if labelsOption == nil, !FileManager.default.fileExists(atPath: labels) {
            throw CommandFailure("\(labels): no such file. Without --labels, train reads the labels beside the features;\n"
                                 + "write them with `notebook features ... --labels \(labels)`, or give --labels.")
        }
        let y = try Self.readLabels(labels, rows: x.shape[0], features: features)
        // Checked here, where the rows still have the file's numbering (fit checks again,
        // but after the split, counting samples of the training or test set).
        if let row = y.firstIndex(where: { !(0..<classes).contains($0) }) {
            let meaning = classes == Emotion.allCases.count
                ? " (the emotion code of the file name minus 1: \(Emotion.allCases.map { "\($0.label) \($0.name)" }.joined(separator: ", ")))"
                : ""
            throw CommandFailure("\(labels): row \(row) has label \(y[row]); labels are 0-\(classes - 1)\(meaning); "
                                 + "--classes sets how many there are")
        }
        let values = x.floats
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let stored = x.doubles[bad]
            let why = stored.isFinite ? "\(stored), beyond float32's range (±3.4e38), in which the network computes" : "\(stored)"
            throw CommandFailure("\(features): row \(bad / x.shape[1]), column \(bad % x.shape[1]) is \(why); "
                                 + "features must be finite")
        }
        if let extra {
            let expected = FeatureRecipe.count(extras: extra)
            guard x.shape[1] == expected else {
                throw CommandFailure("\(features) has \(x.shape[1]) columns, but the recipe with --extra "
                                     + "\(extra.map(\.rawValue).joined(separator: ",")) has \(expected): "
                                     + "give the list the features were extracted with")
            }
        } else if let note = FeatureWidthNote.note(features: features, columns: x.shape[1]) {
            print(note)
        }
        // The --extra list these features carry, as far as train knows it.
        let extrasOfFeatures = extra ?? (x.shape[1] == FeatureRecipe.count ? [] : nil)
        if let load {
            // As predict does: weights trained on other columns would load (same width) and
            // go on from features they were not trained on.
            let url = URL(fileURLWithPath: load)
            try TrainingRecord.load(besideWeights: url)?.check(
                extras: extrasOfFeatures, speakerNormalization: speakerNormalization, command: "train",
                recordPath: TrainingRecord.url(besideWeights: url).path)
        }
        let splitName = split ?? String(model.prefix(2))
        // Read once: the si split is the same for every seed.
        let actorsOfRows = splitName == "si" || speakerNormalization
            ? try RowActors.actors(rows: x.shape[0], actorsFile: actors, filesList: files, features: features, corpus: corpus,
                                      purpose: splitName == "si" ? "--split si" : "--speaker-normalization")
            : nil
        var scalars = values
        if speakerNormalization, let actorsOfRows {
            let doubles = x.doubles  // converted once (a float32 file's values are mapped)
            let normalization = try SpeakerNormalization(rows: doubles, columns: x.shape[1], speakers: actorsOfRows)
            scalars = try normalization.apply(to: doubles, speakers: actorsOfRows).map { Float($0) }
            print("speaker normalisation: each of the \(normalization.statistics.count) actors' rows standardised\n"
                  + "by that actor's own mean and standard deviation")
        }
        let all = try Tensor(shape: x.shape, scalars: scalars)
        var outcomes: [SeedOutcome] = []
        var lastModel: Sequential?
        // One handler for all the seeds: libdispatch on Linux delivers no signal to a
        // second signal source once the first is cancelled, so Ctrl-C must not be
        // set up again for each seed.
        let seedIndex = SharedInt(), epochUnderWay = SharedInt()
        let interrupted: @Sendable () -> String = { [epochs, save, seeds] in
            let seed = seeds.map { "Seed \($0.seeds[seedIndex.value]): " } ?? ""
            return seed + "Interrupted in epoch \(epochUnderWay.value) of \(epochs)."
                + (save.map { " No weights written to \($0)." } ?? "")
        }
        let seedWidth = seedsToTrain.map { String($0).count }.max() ?? 1
        try Interruption.reported(by: interrupted) {
            for (index, seed) in seedsToTrain.enumerated() {
                seedIndex.set(index)
                let (outcome, model) = try train(seed: seed, all: all, labels: y, splitName: splitName,
                                                 actorsOfRows: splitName == "si" ? actorsOfRows : nil, announce: index == 0, epochUnderWay: epochUnderWay)
                if seeds != nil {
                    print(SeedOutcome.row(outcome, first: index == 0, seedWidth: seedWidth))
                    fflush(stdout)  // a row is kept even if a later seed is interrupted
                }
                outcomes.append(outcome)
                lastModel = model
            }
        }
        if seeds != nil { print(SeedOutcome.summary(outcomes)) } else if let outcome = outcomes.first { report(outcome) }
        if let save, let lastModel {
            let weights = URL(fileURLWithPath: save), recordURL = TrainingRecord.url(besideWeights: weights)
            // The .npz holds Keras's weights and nothing else; how they were trained goes beside
            // them, written together, so that no stale record is ever left beside new weights.
            let archive = try NPZ.encode(lastModel.weightArrays(), for: weights)
            let record = TrainingRecord(model: model, columns: x.shape[1],
                                        extra: extrasOfFeatures?.map(\.rawValue),
                                        speakerNormalization: speakerNormalization, weightsSHA256: FileDigest(of: archive).sha256)
            try FileSet.writeTogether([(weights, archive), (recordURL, try record.encoded())])
            // Each on a line of its own, within 80 columns but for the paths.
            let normalized = speakerNormalization ? "\n(trained on speaker-normalised features: give predict --speaker-normalization)" : ""
            print("weights written to \(save)\(normalized)\nhow they were trained (for predict) written to \(recordURL.path)")
        }
    }

    /// One seed's training and its test figures.
    private func train(seed: UInt64, all: Tensor, labels y: [Int], splitName: String, actorsOfRows: [Int]?,
                       announce: Bool, epochUnderWay: SharedInt) throws -> (SeedOutcome, Sequential) {
        // The lessons' splits, so `train --seed S` reproduces a lesson run with seed S.
        let split = try actorsOfRows.map { try Split.speakerIndependent(actors: $0) }
            ?? Split.speakerDependent(count: all.shape[0], testFraction: 0.1, seed: seed)
        let train = split.train, test = split.test
        let net = try Models.named(model, inputs: all.shape[1], classes: classes, seed: seed)
        if let load { try net.loadWeights(from: URL(fileURLWithPath: load)) }
        let trainX = try Models.shape(all.samples(train), for: net), testX = try Models.shape(all.samples(test), for: net)
        let trainY = train.map { y[$0] }, testY = test.map { y[$0] }
        let fitOptions = FitOptions(epochs: epochs, batchSize: batchSize, validationSplit: validationSplit, shuffle: shuffle,
                                    seed: seed, earlyStopping: earlyStopping)
        if announce {
            print(net.summary)
            let validationRows = train.count - fitOptions.trainingCount(of: train.count)
            let held = validationRows > 0 ? " (last \(validationRows) for validation)" : ""
            let seedText = seeds.map { "\($0.seeds.count) seed\($0.seeds.count == 1 ? "" : "s")" } ?? "seed \(seed)"
            func rows(_ n: Int, _ kind: String) -> String { "\(n) \(kind) row\(n == 1 ? "" : "s")" }
            print("\(splitName) split: \(rows(train.count, "training"))\(held), \(rows(test.count, "test"));\nbatch \(batchSize), \(seedText), shuffle \(shuffle.rawValue)")
        }
        let printer = ProgressPrinter(live: isatty(1) == 1) { text in
            print(text, terminator: "")
            fflush(stdout)
        }
        // With --seeds, each epoch's line would bury the table: a terminal shows the
        // epoch under way and clears it; elsewhere nothing is printed until the seed's row.
        let epochLines = !quiet && seeds == nil
        let liveBar = !quiet && seeds != nil && isatty(1) == 1
        let progress: (TrainingEvent) -> Void = { event in
            if case .epochBegan(let epoch, _) = event {
                epochUnderWay.set(epoch + 1)  // counted from 1, as printed
                if liveBar {
                    print("\rseed \(seed): epoch \(epoch + 1)/\(epochs)\u{1B}[K", terminator: "")
                    fflush(stdout)
                }
            }
            if epochLines { printer.handler(event) }
        }
        var options = fitOptions
        options.progress = progress
        let history = try net.fit(trainX, trainY, options: options)
        if liveBar { print("\r\u{1B}[K", terminator: "") }
        let (loss, accuracy) = try net.evaluate(testX, testY)
        let predicted = try net.predictClasses(testX)
        let uar = Metrics.unweightedAverageRecall(predicted: predicted, labels: testY, classes: net.classes)
        return (SeedOutcome(seed: seed, history: history, loss: loss, accuracy: accuracy, uar: uar), net)
    }

    /// One run's figures as the single-seed command prints them.
    private func report(_ outcome: SeedOutcome) {
        let history = outcome.history
        // With the best weights restored, the model may hold an earlier epoch's weights even
        // when training ran to the end (as in Keras 3): say which.
        if history.stoppedEpoch != nil || history.restoredEpoch != nil {
            let trained = history.loss.count
            let weights = history.restoredEpoch.map { best in
                best + 1 == trained ? "; the last epoch was the best" : "; the weights are epoch \(best + 1)'s, the best"
            } ?? ""
            print((history.stoppedEpoch.map { "stopped early after epoch \($0 + 1) of \(epochs)" } ?? "trained all \(epochs) epochs")
                  + weights)
        }
        // Training, validation and test figures each on a line of their own: on one they
        // took 110 columns, 151 with validation.
        let validation = history.validationLoss.last.map { vLoss in
            String(format: ",\nvalidation loss %.4f, accuracy %.4f", vLoss, history.validationAccuracy.last ?? .nan)
        } ?? ""
        print(String(format: "last epoch: loss %.4f, accuracy %.4f", history.loss.last ?? .nan, history.accuracy.last ?? .nan)
              + validation
              + String(format: ";\ntest loss %.4f, accuracy %.4f, UAR %.4f (median %.3f s/epoch)", outcome.loss, outcome.accuracy,
                       outcome.uar, outcome.secondsPerEpoch))
    }
}

/// `--shuffle every-epoch|once|off`.
extension FitOptions.Shuffle: ExpressibleByArgument {}

/// `--monitor val_loss|val_accuracy|loss|accuracy`, Keras's names.
extension EarlyStopping.Monitor: ExpressibleByArgument {}
