import ArgumentParser
import Foundation
import Learn
import NumPy

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
            recording path per line, e.g. Actor_03/03-02-01-01-01-01-03.flac), or, for the \
            full 1012-row feature file, from the corpus listing in sorted path order (the \
            order x.npy was written in).
            """
    )

    @Option(help: "sd_fc, sd_lstm, si_lstm or si_cnn.")
    var model: String

    @Option(help: "Features, (rows, 386) .npy.")
    var features: String

    @Option(help: "Labels 0-5, (rows,) .npy.")
    var labels: String

    @Option(help: "sd (seeded 90/10) or si (actors 21-24 held out). Default: the model's own prefix.")
    var split: String?

    @Option(help: "Epochs.")
    var epochs: Int = 100

    @Option(name: .customLong("batch-size"), help: "Batch size.")
    var batchSize: Int = 16

    @Option(help: "Seed for initialisation, the split, shuffling and dropout.")
    var seed: UInt64 = 0

    @Option(help: "Write the trained weights here (.npz, Keras weight paths).")
    var save: String?

    @Option(help: "For --split si: one actor number per feature row.")
    var actors: String?

    @Option(help: "For --split si: one recording path per feature row.")
    var files: String?

    @Option(help: "For --split si with the 1012-row file: the corpus folder (default $RAVDESS_SONG_DIR, else ../shared/datasets/ravdess-song).")
    var data: String?

    @Option(help: "OpenBLAS threads. One is fastest for batches of 16 on a busy machine; two can help si_cnn on an idle one.")
    var threads: Int = 1

    @Flag(help: "Print only the summary and the final figures.")
    var quiet = false

    func validate() throws {
        guard Models.names.contains(model) else {
            throw ValidationError("--model must be one of \(Models.names.joined(separator: ", ")), not '\(model)'")
        }
        if let split, !["sd", "si"].contains(split) { throw ValidationError("--split must be sd or si, not '\(split)'") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        LearnBackend.blasThreads = threads
        let x = try NPY.read(contentsOf: URL(fileURLWithPath: features))
        guard x.shape.count == 2 else { throw ValidationError("\(features): expected (rows, features), got \(x.shape)") }
        let y = try NPY.read(contentsOf: URL(fileURLWithPath: labels)).integers().map { Int($0) }
        guard y.count == x.shape[0] else {
            throw ValidationError("\(labels) has \(y.count) labels for \(x.shape[0]) feature rows in \(features)")
        }
        let all = try Tensor(shape: x.shape, scalars: x.floats)
        let splitName = split ?? String(model.prefix(2))
        let (train, test): ([Int], [Int])
        if splitName == "si" {
            let rowActors = try TrainingData.actors(rows: x.shape[0], actorsFile: actors, filesList: files, corpus: data)
            train = rowActors.indices.filter { rowActors[$0] <= 20 }
            test = rowActors.indices.filter { rowActors[$0] > 20 }
        } else {
            (train, test) = TrainingData.speakerDependent(rows: x.shape[0], testFraction: 0.1, seed: seed)
        }
        let net = try Models.named(model, inputs: x.shape[1], classes: max(6, (y.max() ?? 0) + 1), seed: seed)
        let trainX = try Models.shape(all.samples(train), for: net), testX = try Models.shape(all.samples(test), for: net)
        let trainY = train.map { y[$0] }, testY = test.map { y[$0] }
        print(net.summary)
        print("\(splitName) split: \(train.count) training rows, \(test.count) test rows; batch \(batchSize), seed \(seed)")
        let printer = ProgressPrinter(live: isatty(1) == 1) { text in
            print(text, terminator: "")
            fflush(stdout)
        }
        let history = try net.fit(trainX, trainY, options: FitOptions(epochs: epochs, batchSize: batchSize, seed: seed,
                                                                       progress: quiet ? nil : printer.handler))
        let (loss, accuracy) = try net.evaluate(testX, testY)
        let predicted = try net.predictClasses(testX)
        let uar = Metrics.unweightedAverageRecall(predicted: predicted, labels: testY, classes: net.classes)
        let perEpoch = history.seconds.sorted()[history.seconds.count / 2]
        print(String(format: "test loss %.4f, accuracy %.4f, UAR %.4f (median %.3f s/epoch)", loss, accuracy, uar, perEpoch))
        if let save {
            try net.saveWeights(to: URL(fileURLWithPath: save))
            print("weights written to \(save)")
        }
    }
}

/// Where rows of a feature file come from, and the tutorial's splits over them.
enum TrainingData {
    /// A seeded shuffle of the rows; the first ceil(fraction · rows) are the test set (as
    /// scikit-learn's train_test_split sizes it).
    static func speakerDependent(rows: Int, testFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
        var rng = SeededGenerator(seed: seed &+ 0x5EED)
        let order = rng.permutation(rows)
        let testCount = Int((Double(rows) * testFraction).rounded(.up))
        return (Array(order[testCount...]).sorted(), Array(order[..<testCount]).sorted())
    }

    /// The actor (1-24) of each feature row.
    static func actors(rows: Int, actorsFile: String?, filesList: String?, corpus: String?) throws -> [Int] {
        let actors: [Int]
        if let actorsFile {
            actors = try lines(actorsFile).enumerated().map { i, line in
                guard let a = Int(line.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("\(actorsFile):\(i + 1): '\(line)' is not an actor number")
                }
                return a
            }
        } else if let filesList {
            actors = try lines(filesList).enumerated().map { i, path in
                guard let a = actor(ofPath: path) else {
                    throw ValidationError("\(filesList):\(i + 1): '\(path)' is not a RAVDESS recording name (..-AA.flac)")
                }
                return a
            }
        } else if rows == 1012 {
            actors = try corpusActors(corpus)
        } else {
            throw ValidationError("--split si needs the actor of each of the \(rows) rows: give --actors or --files")
        }
        guard actors.count == rows else {
            throw ValidationError("\(actors.count) actors listed for \(rows) feature rows")
        }
        return actors
    }

    /// The actor field (the seventh, `AA`) of a RAVDESS file name such as 03-02-01-01-01-01-07.flac.
    static func actor(ofPath path: String) -> Int? {
        let stem = (path as NSString).lastPathComponent.split(separator: ".").first ?? ""
        let fields = stem.split(separator: "-")
        guard fields.count == 7 else { return nil }
        return Int(fields[6])
    }

    /// Actors of the corpus recordings in sorted path order.
    static func corpusActors(_ option: String?) throws -> [Int] {
        let env = ProcessInfo.processInfo.environment
        let folder = option ?? env["RAVDESS_SONG_DIR"] ?? "../shared/datasets/ravdess-song"
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: folder) else {
            throw ValidationError("\(folder): no corpus here to take the actors from; give --data, --actors or --files")
        }
        let paths = enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".flac") || $0.hasSuffix(".wav") }
            .sorted()
        guard paths.count == 1012 else {
            throw ValidationError("\(folder): \(paths.count) recordings, expected 1012; give --actors or --files")
        }
        return try paths.map { path in
            guard let a = actor(ofPath: path) else { throw ValidationError("\(folder)/\(path): not a RAVDESS recording name") }
            return a
        }
    }

    static func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }
}
