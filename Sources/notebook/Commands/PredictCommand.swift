import ArgumentParser
import Foundation
import Lessons
import Learn
import Notebook
import NumPy
import SongEmotion

/// `notebook predict`: the emotion a trained model hears in each recording, the use the
/// lessons' models are trained for.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Say which emotion a trained model hears in each recording.",
        discussion: """
            Extracts each file's 386 features as `notebook features` does (and the --extra \
            groups the model was trained with), runs the model with \
            weights written by `notebook train --save` (or exported from Keras), or with the \
            network a lesson trained (--lesson, from the lesson's last stored run), and prints \
            the most likely emotion with its probability and the runner-up. Where a file has a \
            RAVDESS song name, the emotion the name gives is shown beside it, and the accuracy \
            and unweighted average recall over those files close the list. Weights saved by \
            train --save have a record beside them (NAME.training.json) of their --extra list \
            (when train was given it) and of --speaker-normalization; a prediction made \
            otherwise is refused. Without a record, give the --extra list the training features \
            were extracted with, in the same order, for another list of the same width goes \
            unnoticed.
            """
    )

    @Argument(help: "Audio files or directories holding them.")
    var paths: [String]

    @Option(help: "The model the weights belong to: sd_fc, sd_lstm, si_lstm or si_cnn (with --lesson, the lesson's name by default).")
    var model: String?

    @Option(help: "Trained weights (.npz, Keras weight paths), e.g. from notebook train --save.")
    var weights: String?

    @Option(help: ArgumentHelp("Use the network this lesson trained in its last stored run (notebook run or test) instead of --weights.",
                               valueName: "name"))
    var lesson: String?

    @Option(help: ArgumentHelp("With --lesson: which of the lesson's trained models, when its run trained several (si_lstm).",
                               valueName: "name"))
    var value: String?

    @Option(help: ArgumentHelp("With --lesson: the cache folder the lesson ran with.", valueName: "dir"))
    var cacheDir: String = ".cache"

    @Option(help: "Also write the probabilities here: N x 6 float64 (.npy), one row per file predicted, in file order (files skipped have none).")
    var out: String?

    @OptionGroup var extraction: ExtractionOptions

    @Flag(help: "Print only the closing figures, not one line per file.")
    var quiet = false

    @Flag(name: .customLong("speaker-normalization"), help: ArgumentHelp(
        "With --weights from train --speaker-normalization: standardise each singer's recordings by that singer's own statistics.",
        discussion: "A RAVDESS name gives the singer; all other files count as one singer. Give several recordings of each, covering their range. With --lesson the model says whether it needs this."))
    var speakerNormalization = false

    @Option(help: ArgumentHelp("With speaker normalisation: also write each singer's statistics here (.npz), for --singers later.",
                               valueName: "file"))
    var saveSingers: String?

    @Option(help: ArgumentHelp(
        "With speaker normalisation: singers' statistics saved by --save-singers; their recordings need no others beside them.",
        discussion: "Singers not in the file still need 2 or more recordings among the files given.", valueName: "file"))
    var singers: String?

    func validate() throws {
        guard (weights == nil) != (lesson == nil) else {
            throw ValidationError("Give the weights with --weights W.npz or --lesson NAME (one of the two).")
        }
        if lesson == nil, value != nil { throw ValidationError("--value goes with --lesson.") }
        if lesson != nil, !extraction.extras.isEmpty {
            throw ValidationError("--extra goes with --weights; the lessons' models are trained on the recipe's 386 features.")
        }
        if lesson != nil, speakerNormalization {
            throw ValidationError("--speaker-normalization goes with --weights; a lesson's model says whether it needs it.")
        }
        // Not a ValidationError: an unknown lesson ends predict with run's status (1), not the usage status.
        if let lesson, LessonRegistry.lesson(named: lesson) == nil { throw CommandFailure(LessonSelection.unknownLesson(lesson).message) }
        if let model {
            try ModelName.validate(model)
        } else if let lesson {
            guard Models.names.contains(lesson) else {
                throw ValidationError("lesson \(lesson) is not named after a model: if it trains one, give --model "
                                      + "(sd_fc, sd_lstm, si_lstm or si_cnn); the tutorial's lessons that do are named after theirs")
            }
        } else {
            throw ValidationError("Give --model: sd_fc, sd_lstm, si_lstm or si_cnn.")
        }
        // A lesson named after a model trained that model: another --model cannot load its weights.
        if let lesson, let model, Models.names.contains(lesson), model != lesson {
            throw ValidationError("--model \(model) contradicts --lesson \(lesson), which trains \(lesson); leave out --model")
        }
        guard !paths.isEmpty else { throw ValidationError("Give at least one audio file or directory.") }
    }

    func run() async throws {
        // The weights first: a wrong file should not cost an extraction.
        let model = self.model ?? lesson!
        let net = try Models.named(model, inputs: extraction.columns, classes: Emotion.allCases.count)
        var weightsFile = weights
        var saved: [(name: String, array: NPYArray)] = []
        var normalizePerSpeaker = speakerNormalization
        // The training record beside --weights, read once (a record that does not match its
        // weights says so on stderr as it is read).
        let record = try weights.flatMap { try TrainingRecord.load(besideWeights: URL(fileURLWithPath: $0)) }
        do {
            if let lesson {
                let trained = try LessonModel.load(lesson: lesson, value: value, cacheRoot: LessonSelection.cacheRoot(cacheDir))
                saved = trained.model.weights
                normalizePerSpeaker = trained.model.speakerNormalized
                try trained.model.restore(into: net)
                weightsFile = trained.file.path
                print(trained.provenance)
            } else if let weights {
                let url = URL(fileURLWithPath: weights)
                // First: another --extra list would also fail to load, but less clearly.
                try record?.check(
                    extras: extraction.extras, speakerNormalization: speakerNormalization,
                    recordPath: TrainingRecord.url(besideWeights: url).path)
                try net.loadWeights(from: url)
            }
        } catch LearnError.weights(let reason) {
            if let weights, let file = try? NPZ.read(contentsOf: URL(fileURLWithPath: weights)) {
                saved = file.names.compactMap { name in (try? file.array(named: name)).map { (name, $0) } }
            }
            // The record beside the weights names the model they were trained as: say so
            // rather than guess from their shapes. (Only when they do not load: sd_lstm and
            // si_lstm are one architecture, and either's weights fit the other.)
            if let weights, let record, record.model != model {
                throw CommandFailure("\(LearnError.weights(reason))\n"
                    + "\(TrainingRecord.url(besideWeights: URL(fileURLWithPath: weights)).path) says they were trained as "
                    + "\(record.model): give --model \(record.model)")
            }
            throw CommandFailure("\(LearnError.weights(reason))\n\(Self.misfit(saved, net: net, model: model, columns: extraction.columns))")
        }
        let files = try AudioFileList.expand(paths)
        guard !files.isEmpty else { throw ValidationError("No audio files found under \(paths.joined(separator: ", ")).") }
        if !normalizePerSpeaker, saveSingers != nil || singers != nil {
            throw CommandFailure("--singers and --save-singers go with speaker normalisation: "
                                 + (lesson.map { "lesson \($0)'s model does not use it" }
                                    ?? "add --speaker-normalization if the weights were trained with it"))
        }
        // Before the extraction, which takes a while: a file that is no enrolment is found first.
        let enrolled = try singers.map { try SingerEnrolment.load(from: URL(fileURLWithPath: $0), columns: extraction.columns) }
        try OutputPaths.check([("--out", out), ("--save-singers", saveSingers)],
                              inputs: files.map { ("an input recording", $0.path) }
                                  + (weightsFile.map { [("the weights file", $0)] } ?? [])
                                  // --save-singers may rewrite the --singers file: it is read first, replaced atomically.
                                  + (singers.flatMap { $0 == saveSingers ? nil : [("the --singers file", $0)] } ?? []),
                              protected: [("the lessons' cache folder", cacheDir)])

        let batch = try extraction.extract(files, stopped: "Nothing predicted")
        for failure in batch.failures {
            FileHandle.standardError.write(Data("skipped \(failure.error)\n".utf8))
        }
        let kept = batch.rows.indices.filter { batch.rows[$0] != nil }
        guard !kept.isEmpty else { throw CommandFailure("No file could be analysed; nothing predicted.") }
        var features = kept.flatMap { batch.rows[$0]! }
        if normalizePerSpeaker {
            let normalized = try PredictionSpeakers.normalized(features, columns: extraction.columns, files: kept.map { files[$0] },
                                                               enrolled: enrolled)
            features = normalized.rows
            print(normalized.note)
            if let saveSingers {
                try SingerEnrolment.save(normalized.statistics, to: URL(fileURLWithPath: saveSingers))
                print("singers' statistics written to \(saveSingers) (for --singers)")
            }
        }
        let rows = features.map(Float.init)
        let x = try Models.shape(try Tensor(shape: [kept.count, extraction.columns], scalars: rows), for: net)
        let probabilities = try net.predict(x)
        let classes = net.classes
        if let bad = probabilities.scalars.firstIndex(where: { !$0.isFinite }) {
            let value = probabilities.scalars[bad]
            throw CommandFailure("\(files[kept[bad / classes]].path): the network's output is \(value.isNaN ? "NaN" : "\(value)"); "
                                 + "the weights (\(weightsFile ?? model)) give no usable prediction. Nothing written.")
        }
        let predictions = kept.indices.map { row in
            Prediction(file: files[kept[row]], sampleRate: batch.sampleRates[kept[row]] ?? 0,
                       probabilities: Array(probabilities.scalars[(row * classes)..<((row + 1) * classes)]))
        }

        if let out {
            let values = predictions.flatMap { $0.probabilities.map(Double.init) }
            try NPY.write(try NPYArray(float64: values, shape: [predictions.count, classes]), to: URL(fileURLWithPath: out))
        }
        if !quiet {
            print(Prediction.table(predictions).rendered(), terminator: "")
            if let note = Prediction.missNote(predictions) { print(note) }
        }
        if let note = Prediction.sampleRateNote(predictions) { print(note) }
        print(Prediction.summary(predictions, skipped: batch.failures.count, written: out))
    }

    /// Why `saved`, weights that did not load into `net`, do not fit. Weights with `model`'s
    /// layers in their order but other shapes are `model` trained on features of another
    /// width (train takes any number of columns) or with other --classes: the shapes say so.
    /// Anything else is most likely another model's weights.
    static func misfit(_ saved: [(name: String, array: NPYArray)], net: Sequential, model: String,
                       columns: Int) -> String {
        let parameters = net.parameters
        // Matched by Keras path when the names are exactly the model's, else by order, as
        // loadWeights matches them.
        let paths = net.weightPaths
        let byPath = Dictionary(saved.map { ($0.name, $0.array) }, uniquingKeysWith: { first, _ in first })
        let ordered: [(name: String, array: NPYArray)] = Set(byPath.keys) == Set(paths) && byPath.count == saved.count
            ? paths.map { (name: $0, array: byPath[$0]!) } : saved
        let sameLayers = ordered.count == parameters.count
            && zip(ordered, parameters).allSatisfy { $0.name.split(separator: "/").last.map(String.init) == $1.name }
        guard sameLayers, let differing = zip(ordered, parameters).first(where: { $0.array.shape != $1.shape }) else {
            return "Are they the weights of another model than \(model)?"
        }
        let (weight, parameter) = differing
        return "They have \(model)'s layers with other shapes: '\(weight.name)' is \(weight.array.shape) in them, \(parameter.shape) "
            + "in the \(model) predict builds for the recipe's \(FeatureRecipe.count) features"
            + (columns == FeatureRecipe.count ? "" : " and the --extra groups (\(columns) in all)") + " and \(net.classes) emotions. "
            + "Weights trained on features with another number of columns (or with other --classes) cannot predict from these features"
            + (columns == FeatureRecipe.count ? "; if they were trained with `notebook features --extra`, give predict the same --extra." : ".")
    }
}

/// One recording's probabilities and what its name says, for `notebook predict`.
struct Prediction {
    let file: URL
    let sampleRate: Int
    let probabilities: [Float]

    /// Classes from most to least likely.
    var ranked: [Int] { probabilities.indices.sorted { probabilities[$0] > probabilities[$1] } }

    /// The emotion the RAVDESS name gives, or nil for any other name.
    var named: Emotion? { (try? RecordingName(parsing: file.lastPathComponent))?.emotion }

    static func name(_ label: Int) -> String { Emotion(label: label)?.name ?? "class \(label)" }

    /// Each file's path below the folder all of them share (`Actor_21/03-02-...flac` for
    /// a corpus folder; the bare name for files side by side), so the column stays narrow;
    /// full paths when they share only the root.
    static func displayPaths(_ files: [URL]) -> [String] {
        let folders = files.map { $0.deletingLastPathComponent().pathComponents }
        var shared = folders.first ?? []
        for folder in folders.dropFirst() {
            shared = Array(zip(shared, folder).prefix { $0 == $1 }.map(\.0))
        }
        guard shared.count > 1 else { return files.map(\.path) }
        return files.map { $0.pathComponents.dropFirst(shared.count).joined(separator: "/") }
    }

    /// The table of predictions; a corpus recording's row fits 80 columns, a missed
    /// emotion marked by a `*` of its own (`missNote` explains it).
    static func table(_ predictions: [Prediction]) -> Table {
        let paths = displayPaths(predictions.map(\.file))
        return Table(headers: ["recording", "predicted", "prob.", "runner-up", "prob.", "named"],
                     rows: zip(paths, predictions).map { path, p in
            let ranked = p.ranked
            let said = p.named.map { $0.label == ranked[0] ? $0.name : $0.name + "*" } ?? "-"
            return [path, name(ranked[0]), String(format: "%.3f", p.probabilities[ranked[0]]),
                    name(ranked[1]), String(format: "%.3f", p.probabilities[ranked[1]]), said]
        })
    }

    /// What the table's `*` means, when a row has one.
    static func missNote(_ predictions: [Prediction]) -> String? {
        predictions.contains { p in p.named.map { $0.label != p.ranked[0] } ?? false }
            ? "* the emotion the file's name gives, missed by the prediction" : nil
    }

    /// A caution for recordings not at the corpus's 48 kHz: the features are taken at each
    /// file's own rate, as the tutorial takes them, and their frequency bands move with it.
    static func sampleRateNote(_ predictions: [Prediction]) -> String? {
        let others = predictions.filter { $0.sampleRate != 48_000 }
        guard let first = others.first else { return nil }
        // Broken into lines that fit 80 columns (but for a long file name).
        return "note: \(others.count) recording(s) are not at 48 kHz (\(first.file.lastPathComponent): \(first.sampleRate) Hz).\n"
            + "The models learnt from 48 kHz recordings, and the features' frequency bands\n"
            + "follow each file's rate, so resample to 48 kHz for predictions comparable\n"
            + "with the lessons'."
    }

    /// How many files were predicted and, over those with a RAVDESS name, how many right.
    static func summary(_ predictions: [Prediction], skipped: Int, written: String?) -> String {
        var text = "\(predictions.count) recording(s) predicted"
        if skipped > 0 { text += ", \(skipped) skipped" }
        let known = predictions.compactMap { p in p.named.map { (predicted: p.ranked[0], label: $0.label) } }
        if !known.isEmpty {
            let predicted = known.map(\.predicted), labels = known.map(\.label)
            let right = zip(predicted, labels).filter { $0 == $1 }.count
            let uar = Metrics.unweightedAverageRecall(predicted: predicted, labels: labels, classes: Emotion.allCases.count)
            // The figures on a line of their own, so that neither line passes 80 columns.
            text += String(format: "; %d of %d with a RAVDESS name right:\naccuracy %.4f, UAR %.4f",
                           right, known.count, Double(right) / Double(known.count), uar)
            // The UAR averages the recall of the emotions the names hold, not of all six:
            // over one actor's angry songs it is their accuracy, not a sixth of it.
            let named = Set(labels).count
            if named < Emotion.allCases.count {
                text += " (the mean recall of the \(named) emotion\(named == 1 ? "" : "s") named)"
            }
        }
        // On a line of its own: after the figures and their note it passed 80 columns.
        if let written { text += "\nprobabilities written to \(written)" }
        return text
    }
}
