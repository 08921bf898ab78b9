import Foundation
import Notebook
import NumPy
import TestSupport
import XCTest

/// `notebook predict` through the built binary: weights from `notebook train --save` or
/// from a lesson's stored run, features extracted afresh from the corpus's audio.
final class PredictCommandTests: TemporaryFolderTestCase {
    private var features: URL { ReferencePaths.repositoryRoot.appendingPathComponent("data/features") }

    /// The committed features with two more columns, as `--extra rms` adds them (its mean
    /// and deviation; their values do not matter here), written to x388.npy.
    private func featuresWidenedAsByRMS() throws -> URL {
        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy"))
        let columns = x.shape[1], values = x.doubles
        let wider = (0..<x.shape[0]).flatMap { row in Array(values[(row * columns)..<((row + 1) * columns)]) + [0.1, 0.01] }
        let url = folder.appendingPathComponent("x388.npy")
        try NPY.write(try NPYArray(float64: wider, shape: [x.shape[0], columns + 2]), to: url)
        return url
    }

    /// Trains sd_fc for two epochs on the committed features with the speaker-independent
    /// split, saves the weights and returns train's output.
    private func trainWeights(to weights: URL, options: [String] = []) throws -> String {
        let result = try TestEnvironment.notebook([
            "train", "--model", "sd_fc", "--split", "si", "--epochs", "2", "--quiet",
            "--features", features.appendingPathComponent("x.npy").path,
            "--labels", features.appendingPathComponent("y.npy").path,
            "--files", features.appendingPathComponent("recordings.txt").path,
            "--save", weights.path,
        ] + options)
        XCTAssertEqual(result.status, 0, result.output)
        return result.output
    }

    /// The same weights on the held-out actors' audio give train's test accuracy: the
    /// fresh features and the committed ones lead the model to the same answers.
    func testPredictingTheHeldOutActorsGivesTrainsTestAccuracy() throws {
        let corpus = try ReferencePaths.corpus()
        let weights = folder.appendingPathComponent("w.npz")
        let trained = try trainWeights(to: weights)
        let accuracy = try XCTUnwrap(trained.firstMatch(of: #/test loss [0-9.]+, accuracy ([0-9.]+)/#)?.1, trained)

        let probabilities = folder.appendingPathComponent("p.npy")
        let actors = (21...24).map { corpus.appendingPathComponent(String(format: "Actor_%02d", $0)).path }
        let result = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                   "--out", probabilities.path] + actors)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("176 recording(s) predicted; "), result.output)
        XCTAssertFalse(result.output.contains("note:"), "the corpus is all 48 kHz")
        XCTAssertTrue(result.output.contains("with a RAVDESS name right:\naccuracy \(accuracy),"),
                      "train said \(accuracy):\n\(result.output.suffix(300))")
        XCTAssertFalse(result.output.contains("mean recall of the"), "the four actors sing all six emotions")

        // One table row per file, paths below the corpus folder, in file order.
        let rows = result.output.split(separator: "\n").filter { $0.hasPrefix("Actor_") }
        XCTAssertEqual(rows.count, 176)
        XCTAssertTrue(rows[0].hasPrefix("Actor_21/03-02-01-01-01-01-21.flac "), String(rows[0]))
        // Every line fits an 80-column terminal (but for the one naming the long path the
        // test gives --out); a missed emotion is starred, and the star explained.
        XCTAssertTrue(result.output.contains("\nprobabilities written to \(probabilities.path)\n"), result.output)
        XCTAssertEqual(Self.linesWiderThan80(result.output, except: "probabilities written to \(probabilities.path)"), [])
        let missed = rows.filter { $0.hasSuffix("*") }
        XCTAssertGreaterThan(missed.count, 0, "two epochs miss some")
        for row in rows {
            let cells = row.split(separator: " "), named = cells.last!
            XCTAssertEqual(named.hasSuffix("*"), named != cells[1], "starred exactly where the name is not the pick: \(row)")
        }
        XCTAssertTrue(result.output.contains("\n* the emotion the file's name gives, missed by the prediction\n"), result.output)

        // The probabilities: one row per file, each summing to 1, its largest the table's pick.
        let p = try NPY.read(contentsOf: probabilities)
        XCTAssertEqual(p.shape, [176, 6])
        let names = ["neutral", "calm", "happy", "sad", "angry", "fearful"]
        for (i, row) in rows.enumerated() {
            let values = Array(p.doubles[(i * 6)..<(i * 6 + 6)])
            XCTAssertEqual(values.reduce(0, +), 1, accuracy: 1e-5, "row \(i)")
            let best = values.indices.max { values[$0] < values[$1] }!
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(String(cells[1]), names[best], String(row))
            XCTAssertEqual(String(cells[2]), String(format: "%.3f", values[best]), String(row))
        }
    }

    func testWeightsOfAnotherModelAreRefusedBeforeAnyAudioIsRead() throws {
        let weights = folder.appendingPathComponent("w.npz")
        _ = try trainWeights(to: weights)
        let arguments = ["predict", "--model", "si_cnn", "--weights", weights.path, folder.appendingPathComponent("missing.wav").path]
        // The training record beside them names the model they were trained as.
        let recorded = try TestEnvironment.notebook(arguments)
        XCTAssertNotEqual(recorded.status, 0)
        XCTAssertTrue(recorded.output.contains("\(weights.path) holds 12 arrays, the model has 8 weights"), recorded.output)
        let record = folder.appendingPathComponent("w.training.json")
        XCTAssertTrue(recorded.output.contains("\(record.path) says they were trained as sd_fc: give --model sd_fc"),
                      recorded.output)
        // Without it, the shapes are all there is to go by.
        try FileManager.default.removeItem(at: record)
        let result = try TestEnvironment.notebook(arguments)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("\(weights.path) holds 12 arrays, the model has 8 weights"), result.output)
        XCTAssertTrue(result.output.contains("Are they the weights of another model than si_cnn?"), result.output)
    }

    /// A lesson named after a model trained that model; another --model is refused before
    /// anything is loaded, rather than blamed on the lesson's weights.
    func testALessonAndAModelThatContradictEachOtherAreRefused() throws {
        let result = try TestEnvironment.notebook(["predict", "--lesson", "sd_fc", "--model", "si_cnn",
                                                   "--cache-dir", folder.path, folder.appendingPathComponent("missing.wav").path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("--model si_cnn contradicts --lesson sd_fc, which trains sd_fc; leave out --model"),
                      result.output)
        XCTAssertFalse(result.output.contains("another model"), result.output)
    }

    /// sd_fc's own weights, trained on 40 feature columns: the shapes are the cause, not
    /// another model.
    func testWeightsTrainedOnAnotherWidthSayTheShapes() throws {
        let x = try NPY.read(contentsOf: features.appendingPathComponent("x.npy"))
        let columns = x.shape[1], values = x.doubles
        let narrow = (0..<x.shape[0]).flatMap { row in values[(row * columns)..<(row * columns + 40)] }
        let x40 = folder.appendingPathComponent("x40.npy"), weights = folder.appendingPathComponent("w40.npz")
        try NPY.write(try NPYArray(float64: narrow, shape: [x.shape[0], 40]), to: x40)
        let trained = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet", "--features", x40.path,
                                                    "--labels", features.appendingPathComponent("y.npy").path, "--save", weights.path])
        XCTAssertEqual(trained.status, 0, trained.output)
        let result = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                   folder.appendingPathComponent("missing.wav").path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("They have sd_fc's layers with other shapes: "), result.output)
        XCTAssertTrue(result.output.contains(" is [40] in them, [386] in the sd_fc predict builds for the recipe's 386 features"),
                      result.output)
        XCTAssertFalse(result.output.contains("another model"), result.output)
    }

    /// Weights trained on features with --extra columns predict with the same --extra;
    /// without it the refusal says to give it.
    func testWeightsTrainedWithExtraColumnsNeedTheSameExtra() throws {
        let x388 = try featuresWidenedAsByRMS(), weights = folder.appendingPathComponent("w388.npz")
        let trained = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet", "--features", x388.path,
                                                    "--labels", features.appendingPathComponent("y.npy").path, "--save", weights.path])
        XCTAssertEqual(trained.status, 0, trained.output)
        let recording = try ReferencePaths.corpus().appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        let withExtra = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                      "--extra", "rms", recording.path])
        XCTAssertEqual(withExtra.status, 0, withExtra.output)
        XCTAssertTrue(withExtra.output.contains("03-02-01-01-01-01-21.flac"), withExtra.output)
        let without = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, recording.path])
        XCTAssertNotEqual(without.status, 0)
        XCTAssertTrue(without.output.contains(" is [388] in them, [386] in the sd_fc predict builds for the recipe's 386 features"),
                      without.output)
        XCTAssertTrue(without.output.contains("give predict the same --extra"), without.output)
        // Without train --extra, a list of the same width, or the same list reordered,
        // cannot be told apart: the help says so.
        let help = try TestEnvironment.notebook(["predict", "--help"])
        let unwrapped = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(unwrapped.contains("Without a record, give the --extra list the training features were "
                                         + "extracted with, in the same order"), help.output)
        let lesson = try TestEnvironment.notebook(["predict", "--lesson", "sd_fc", "--extra", "rms", recording.path])
        XCTAssertNotEqual(lesson.status, 0)
        XCTAssertTrue(lesson.output.contains("--extra goes with --weights"), lesson.output)
    }

    /// train --save records the --extra list it was given and --speaker-normalization
    /// beside the weights; predict refuses features made otherwise, where the weights
    /// alone would load (same width) and answer wrongly. A damaged record is named.
    func testTheTrainingRecordRefusesFeaturesMadeOtherwise() throws {
        let x388 = try featuresWidenedAsByRMS(), weights = folder.appendingPathComponent("w388.npz")
        let y = features.appendingPathComponent("y.npy").path
        let wrongWidth = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet", "--features", x388.path,
                                                       "--labels", y, "--extra", "mfcc_delta"])
        XCTAssertNotEqual(wrongWidth.status, 0)
        XCTAssertTrue(wrongWidth.output.contains("\(x388.path) has 388 columns, but the recipe with --extra mfcc_delta has 466"),
                      wrongWidth.output)

        let trained = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet", "--features", x388.path,
                                                    "--labels", y, "--extra", "rms", "--save", weights.path])
        XCTAssertEqual(trained.status, 0, trained.output)
        let recordURL = folder.appendingPathComponent("w388.training.json")
        XCTAssertTrue(trained.output.contains("how they were trained (for predict) written to \(recordURL.path)"), trained.output)
        XCTAssertFalse(trained.output.contains("note:"), "the width is explained by --extra")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any]
        XCTAssertEqual(record?["extra"] as? [String], ["rms"])
        XCTAssertEqual(record?["columns"] as? Int, 388)
        XCTAssertEqual(record?["speakerNormalization"] as? Bool, false)

        let recording = try ReferencePaths.corpus().appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        func predict(_ options: [String], weights: URL = weights) throws -> (status: Int32, output: String) {
            let result = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path] + options + [recording.path])
            return (result.status, result.output)
        }
        let sameWidth = try predict(["--extra", "zero_crossing_rate"])  // also 2 columns: it would load
        XCTAssertNotEqual(sameWidth.status, 0)
        XCTAssertTrue(sameWidth.output.contains("the weights were trained on features with --extra rms, not --extra zero_crossing_rate "
                                                + "(\(recordURL.path));\ngive predict --extra rms, in that order"), sameWidth.output)
        let normalized = try predict(["--extra", "rms", "--speaker-normalization"])
        XCTAssertNotEqual(normalized.status, 0)
        XCTAssertTrue(normalized.output.contains("trained without speaker normalisation (\(recordURL.path)): "
                                                 + "leave out --speaker-normalization"), normalized.output)
        let right = try predict(["--extra", "rms"])
        XCTAssertEqual(right.status, 0, right.output)

        // Weights trained with speaker normalization, predicted without it.
        let normalizedWeights = folder.appendingPathComponent("normalized.npz")
        _ = try trainWeights(to: normalizedWeights, options: ["--speaker-normalization"])
        let forgotten = try predict([], weights: normalizedWeights)
        XCTAssertNotEqual(forgotten.status, 0)
        XCTAssertTrue(forgotten.output.contains("the weights were trained on speaker-normalised features ("
                                                + folder.appendingPathComponent("normalized.training.json").path
                                                + "): add --speaker-normalization"), forgotten.output)

        // Weights replaced since (here: other weights of the same shapes, without a record):
        // the record no longer describes them, says so, and is not applied.
        let otherWeights = folder.appendingPathComponent("other388.npz")
        let retrained = try TestEnvironment.notebook(["train", "--model", "sd_fc", "--epochs", "1", "--quiet", "--seed", "1",
                                                      "--features", x388.path, "--labels", y, "--save", otherWeights.path])
        XCTAssertEqual(retrained.status, 0, retrained.output)
        let kept = try Data(contentsOf: weights)
        try Data(contentsOf: otherWeights).write(to: weights)
        let replaced = try predict(["--extra", "zero_crossing_rate"])
        XCTAssertEqual(replaced.status, 0, replaced.output)
        XCTAssertTrue(replaced.output.contains("note: \(recordURL.path) describes other weights than w388.npz (replaced since "
                                               + "train --save wrote them); they are used without its checks"), replaced.output)
        try kept.write(to: weights)

        try Data("{".utf8).write(to: recordURL)
        let damaged = try predict(["--extra", "rms"])
        XCTAssertNotEqual(damaged.status, 0)
        XCTAssertTrue(damaged.output.contains("\(recordURL.path): not a training record written by train --save"), damaged.output)
        XCTAssertTrue(damaged.output.contains("remove it to use w388.npz without its checks"), damaged.output)
    }

    /// Weights that are finite but overflow the network (kernels of 3e38s) give a NaN
    /// output: an error naming the recording and the weights, and no --out written.
    func testWeightsGivingANonFiniteOutputAreAnError() throws {
        let weights = folder.appendingPathComponent("w.npz")
        _ = try trainWeights(to: weights)
        let file = try NPZ.read(contentsOf: weights)
        let arrays = try file.names.map { name -> (name: String, array: NPYArray) in
            let array = try file.array(named: name)
            guard name.hasSuffix("/kernel") else { return (name, array) }
            return (name, try NPYArray(float32: [Float](repeating: 3e38, count: array.count), shape: array.shape))
        }
        let huge = folder.appendingPathComponent("huge.npz")
        try NPZ.write(arrays, to: huge)
        let recording = try ReferencePaths.corpus().appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        let out = folder.appendingPathComponent("p.npy")
        let result = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", huge.path, recording.path, "--out", out.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("\(recording.path): the network's output is NaN; the weights (\(huge.path)) give no usable prediction"),
                      result.output)
        XCTAssertFalse(result.output.contains("another model"), result.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testAnUnreadableFileStopsThePredictionUnlessSkipped() throws {
        let corpus = try ReferencePaths.corpus()
        let weights = folder.appendingPathComponent("w.npz")
        _ = try trainWeights(to: weights)
        let bad = folder.appendingPathComponent("notes.wav")
        try Data("not audio".utf8).write(to: bad)
        let good = corpus.appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")

        let stopped = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, bad.path, good.path])
        XCTAssertNotEqual(stopped.status, 0)
        XCTAssertTrue(stopped.output.contains(bad.path), stopped.output)
        XCTAssertTrue(stopped.output.contains("Nothing predicted; use --skip-bad"), stopped.output)

        let skipped = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                    "--skip-bad", bad.path, good.path])
        XCTAssertEqual(skipped.status, 0, skipped.output)
        XCTAssertTrue(skipped.output.contains("skipped \(bad.path)"), skipped.output)
        XCTAssertTrue(skipped.output.contains("1 recording(s) predicted, 1 skipped; 0 of 1") ||
                      skipped.output.contains("1 recording(s) predicted, 1 skipped; 1 of 1"), skipped.output)
        // One recording names one emotion, and the UAR says that it is that emotion's recall.
        XCTAssertTrue(skipped.output.contains(", UAR 0.0000 (the mean recall of the 1 emotion named)\n") ||
                      skipped.output.contains(", UAR 1.0000 (the mean recall of the 1 emotion named)\n"), skipped.output)
    }

    func testRecordingsAtAnotherRateAreFlagged() throws {
        let weights = folder.appendingPathComponent("w.npz")
        _ = try trainWeights(to: weights)
        let other = ReferencePaths.fixture("AudioTests", "harmonics16k.flac")
        let result = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, other.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("note: 1 recording(s) are not at 48 kHz (harmonics16k.flac: 16000 Hz)."),
                      result.output)
        XCTAssertTrue(result.output.hasSuffix("1 recording(s) predicted\n"), result.output)
        XCTAssertEqual(Self.linesWiderThan80(result.output), [])
    }

    /// The lines of `output` an 80-column terminal would break, but `except`.
    private static func linesWiderThan80(_ output: String, except: String? = nil) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.count > 80 && $0 != except }
    }

    // MARK: --lesson
    /// Weights trained with --speaker-normalization, given the held-out actors' audio with
    /// --speaker-normalization, score what train scored (each actor's statistics come
    /// from their 44 recordings, as train took them); a singer with a single recording is
    /// refused, and the flag does not go with --lesson.
    func testSpeakerNormalizedWeightsPredictTheirTestActorsAsTrainScoredThem() throws {
        let corpus = try ReferencePaths.corpus()
        let weights = folder.appendingPathComponent("w.npz")
        let trained = try trainWeights(to: weights, options: ["--speaker-normalization"])
        XCTAssertTrue(trained.contains("weights written to \(weights.path)\n(trained on speaker-normalised features: "
                                       + "give predict --speaker-normalization)"), trained)
        let accuracy = try XCTUnwrap(trained.firstMatch(of: #/test loss [0-9.]+, accuracy ([0-9.]+)/#)?.1, trained)
        let actors = (21...24).map { corpus.appendingPathComponent(String(format: "Actor_%02d", $0)).path }
        let result = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, "--quiet",
                                                   "--speaker-normalization"] + actors)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("(recordings: actor 21 44, actor 22 44, actor 23 44, actor 24 44)\n"), result.output)
        XCTAssertEqual(Self.linesWiderThan80(result.output), [])
        XCTAssertTrue(result.output.contains("with a RAVDESS name right:\naccuracy \(accuracy),"),
                      "train said \(accuracy):\n\(result.output.suffix(300))")

        let one = corpus.appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac").path
        let alone = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                  "--speaker-normalization", one, actors[1]])
        XCTAssertNotEqual(alone.status, 0)
        XCTAssertTrue(alone.output.contains("speaker normalisation needs at least 2 recordings of each singer, ideally a fair "
                                            + "sample of their range; actor 21 has 1"), alone.output)
        let withLesson = try TestEnvironment.notebook(["predict", "--lesson", "si_lstm", "--speaker-normalization", one])
        XCTAssertNotEqual(withLesson.status, 0)
        XCTAssertTrue(withLesson.output.contains("--speaker-normalization goes with --weights"), withLesson.output)
    }

    /// --save-singers keeps each singer's statistics; with --singers a single recording
    /// of theirs is normalised, and predicted, as it was among all of them. A file that is
    /// not such an enrolment, one for features of another width (with the widths) or a
    /// missing one is named.
    func testSavedSingersLetOneRecordingBePredictedAsAmongAllOfThem() throws {
        let corpus = try ReferencePaths.corpus()
        let weights = folder.appendingPathComponent("w.npz"), enrolment = folder.appendingPathComponent("singers.npz")
        _ = try trainWeights(to: weights, options: ["--speaker-normalization"])
        let all = folder.appendingPathComponent("all.npy"), one = folder.appendingPathComponent("one.npy")
        let recordings = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("Actor_22").path)
            .filter { $0.hasSuffix(".flac") }.sorted()
        let enrol = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, "--quiet",
                                                  "--speaker-normalization", corpus.appendingPathComponent("Actor_22").path,
                                                  "--save-singers", enrolment.path, "--out", all.path])
        XCTAssertEqual(enrol.status, 0, enrol.output)
        XCTAssertTrue(enrol.output.contains("singers' statistics written to \(enrolment.path) (for --singers)"), enrol.output)

        let pick = 5
        let single = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, "--speaker-normalization",
                                                   "--singers", enrolment.path, "--out", one.path,
                                                   corpus.appendingPathComponent("Actor_22/\(recordings[pick])").path])
        XCTAssertEqual(single.status, 0, single.output)
        XCTAssertTrue(single.output.contains("(saved statistics (--singers): actor 22)"), single.output)
        let expected = try NPY.read(contentsOf: all).doubles, got = try NPY.read(contentsOf: one).doubles
        XCTAssertEqual(got.count, 6)
        for (a, b) in zip(got, expected[(pick * 6)..<(pick * 6 + 6)]) { XCTAssertEqual(a, b, accuracy: 1e-6) }

        let alone = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, "--speaker-normalization",
                                                  corpus.appendingPathComponent("Actor_22/\(recordings[pick])").path])
        XCTAssertTrue(alone.output.contains("actor 22 has 1 (or give --singers with their saved statistics)"), alone.output)
        let narrow = folder.appendingPathComponent("narrow.npz")   // statistics of 10 columns, not the features' 386
        try NPZ.write([("actor_22/mean", try NPYArray(float64: Array(repeating: 0, count: 10))),
                       ("actor_22/scale", try NPYArray(float64: Array(repeating: 1, count: 10)))], to: narrow)
        let misfit = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, "--speaker-normalization",
                                                   "--singers", narrow.path,
                                                   corpus.appendingPathComponent("Actor_22/\(recordings[pick])").path])
        XCTAssertNotEqual(misfit.status, 0)
        XCTAssertTrue(misfit.output.contains("\(narrow.path): 'actor_22' has statistics of 10 columns, but these features have 386\n"
                                             + "(the recipe's 386 and the --extra groups', as the weights take them)"), misfit.output)
        XCTAssertTrue(misfit.output.contains("save the singers again with these weights and --extra"), misfit.output)
        XCTAssertFalse(misfit.output.contains("not a singer enrolment"), misfit.output)
        let missing = folder.appendingPathComponent("missing.npz")
        let absent = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path, "--speaker-normalization",
                                                   "--singers", missing.path,
                                                   corpus.appendingPathComponent("Actor_22/\(recordings[pick])").path])
        XCTAssertNotEqual(absent.status, 0)
        XCTAssertTrue(absent.output.contains("--singers: \(missing.path): cannot read"), absent.output)
        XCTAssertEqual(absent.output.components(separatedBy: missing.path).count - 1, 1, "the path once: \(absent.output)")
        let notEnrolment = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                         "--speaker-normalization", "--singers", weights.path,
                                                         corpus.appendingPathComponent("Actor_22/\(recordings[pick])").path])
        XCTAssertNotEqual(notEnrolment.status, 0)
        XCTAssertTrue(notEnrolment.output.contains("\(weights.path): not a singer enrolment written by predict --save-singers: "
                                                   + "it holds no singer"), notEnrolment.output)
        // The weights' training record would refuse first (testTheTrainingRecordRefusesFeaturesMadeOtherwise);
        // without one, the weights are taken at the user's word, and --singers needs the flag.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("w.training.json"))
        let unnormalised = try TestEnvironment.notebook(["predict", "--model", "sd_fc", "--weights", weights.path,
                                                         "--singers", enrolment.path,
                                                         corpus.appendingPathComponent("Actor_22/\(recordings[pick])").path])
        XCTAssertNotEqual(unnormalised.status, 0)
        XCTAssertTrue(unnormalised.output.contains("--singers and --save-singers go with speaker normalisation: "
                                                   + "add --speaker-normalization"), unnormalised.output)
    }

    /// The network the si_cnn lesson trained (two epochs) predicts the held-out actors'
    /// audio as the lesson's own evaluation scored it; once its cached file is gone, the
    /// command says so and what to do.
    func testALessonsTrainedNetworkGivesTheLessonsTestAccuracy() throws {
        let corpus = try ReferencePaths.corpus()
        let cache = folder.appendingPathComponent("cache")
        let run = try TestEnvironment.notebook(["run", "si_cnn", "--param", "epochs=2", "--cache-dir", cache.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        let report = try XCTUnwrap(try ReportStore.load("si_cnn", cacheRoot: cache))
        let accuracy = try XCTUnwrap(report.results.first { $0.name == "accuracy" })
        guard case .number(let lessonAccuracy) = accuracy.value else { return XCTFail("accuracy is \(accuracy.value)") }

        let actors = (21...24).map { corpus.appendingPathComponent(String(format: "Actor_%02d", $0)).path }
        let result = try TestEnvironment.notebook(["predict", "--lesson", "si_cnn", "--cache-dir", cache.path, "--quiet"] + actors)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.hasPrefix("weights: 'cnn', trained by lesson si_cnn in step 'train' (2 epochs)\nstored run: "),
                      result.output)
        XCTAssertTrue(result.output.contains("epochs=2 features=data/features seed=0\n"), result.output)
        XCTAssertTrue(result.output.contains(String(format: "with a RAVDESS name right:\naccuracy %.4f,", lessonAccuracy)),
                      "the lesson said \(lessonAccuracy):\n\(result.output)")

        // The cache's files are read back unchecked: no output goes there.
        let intoCache = try TestEnvironment.notebook(["predict", "--lesson", "si_cnn", "--cache-dir", cache.path, actors[0],
                                                      "--out", cache.appendingPathComponent("values/shared/x.npy").path])
        XCTAssertNotEqual(intoCache.status, 0)
        XCTAssertTrue(intoCache.output.contains("is inside the lessons' cache folder (\(cache.path)); give a path outside it"),
                      intoCache.output)

        let file = try XCTUnwrap(report.steps.first { $0.id == "train" }?.cache.first?.file)
        try FileManager.default.removeItem(at: cache.appendingPathComponent(file))
        let gone = try TestEnvironment.notebook(["predict", "--lesson", "si_cnn", "--cache-dir", cache.path, actors[0]])
        XCTAssertNotEqual(gone.status, 0)
        XCTAssertTrue(gone.output.contains("\(cache.appendingPathComponent(file).path), the model lesson si_cnn's stored run cached, is gone"),
                      gone.output)
        XCTAssertTrue(gone.output.contains("run the lesson again"), gone.output)
    }

    /// Each way --lesson can fail says what to run or pass, before any audio is read.
    func testALessonWithoutAUsableRunSaysWhatToDo() throws {
        let cache = folder.appendingPathComponent("cache")
        let missing = folder.appendingPathComponent("missing.wav").path
        func predict(_ arguments: [String]) throws -> String {
            let result = try TestEnvironment.notebook(["predict", "--cache-dir", cache.path] + arguments + [missing])
            XCTAssertNotEqual(result.status, 0, result.output)
            return result.output
        }
        XCTAssertTrue(try predict(["--lesson", "si_cnn"]).contains(
            "lesson si_cnn has no stored run in \(cache.path): run it first (notebook run si_cnn; notebook step stores no run), or give the --cache-dir it ran with"))
        // A stored run that does not read: named, said why, and what to do (it was a dump
        // of a DecodingError, without the file).
        let run = ReportStore.url(for: "si_cnn", cacheRoot: cache)
        try FileManager.default.createDirectory(at: run.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"lesson\": \"si_cnn\"}".utf8).write(to: run)
        XCTAssertTrue(try predict(["--lesson", "si_cnn"]).contains(
            "\(run.path) is not a stored run this notebook can read (no 'path'): an older notebook wrote it, or it is damaged; "
            + "run the lesson again (notebook run si_cnn)"))
        try FileManager.default.removeItem(at: run)
        XCTAssertTrue(try predict(["--lesson", "nope", "--model", "sd_fc"]).contains("no lesson named 'nope'; lessons: "))
        XCTAssertTrue(try predict(["--lesson", "demo"]).contains(
            "lesson demo is not named after a model: if it trains one, give --model (sd_fc, sd_lstm, si_lstm or si_cnn)"))
        XCTAssertTrue(try predict(["--lesson", "si_cnn", "--weights", "w.npz"]).contains(
            "Give the weights with --weights W.npz or --lesson NAME (one of the two)."))

        // A run that cached several models (as si_lstm's does) needs --value to pick one.
        let steps = [
            StepReport(id: "train-si", title: nil, line: 10, status: .ok,
                       cache: [CacheUse(name: "trained-si", hit: false, file: "values/si_lstm/trained-si-0.npz")]),
            StepReport(id: "train-random", title: nil, line: 20, status: .ok,
                       cache: [CacheUse(name: "trained-random", hit: false, file: "values/si_lstm/trained-random-0.npz"),
                               CacheUse(name: "features", hit: true, file: "values/shared/features-0.npy")]),
        ]
        try ReportStore.save(LessonReport(lesson: "si_lstm", path: "lessons/si_lstm.md", title: nil, startedAt: Date(),
                                          duration: 1, parameters: [:], steps: steps, results: [], version: "test"),
                             cacheRoot: cache)
        XCTAssertTrue(try predict(["--lesson", "si_lstm"]).contains(
            "lesson si_lstm's stored run trained 2 models: trained-si (step 'train-si'), trained-random (step 'train-random'); choose one with --value"))
        XCTAssertTrue(try predict(["--lesson", "si_lstm", "--value", "other"]).contains(
            "lesson si_lstm's stored run has no model 'other'; it has trained-si (step 'train-si'), trained-random (step 'train-random')"))
        XCTAssertTrue(try predict(["--lesson", "si_lstm", "--value", "trained-si"]).contains(
            "\(cache.path)/values/si_lstm/trained-si-0.npz, the model lesson si_lstm's stored run cached, is gone"))

        // No model in the run: a complete run means the lesson trains none (demo); a run
        // that failed or was stopped early may not have reached its training.
        for (status, message) in [
            (StepStatus.ok, "lesson demo trains no network (its stored run is complete and cached none); "
                + "give a lesson that does: sd_fc, sd_lstm, si_lstm or si_cnn"),
            (.skipped, "lesson demo's stored run cached no trained model: did it stop before training? (notebook run demo)"),
        ] {
            let demoSteps = [StepReport(id: "greet", title: nil, line: 5, status: .ok),
                             StepReport(id: "plot", title: nil, line: 9, status: status)]
            try ReportStore.save(LessonReport(lesson: "demo", path: "lessons/demo.md", title: nil, startedAt: Date(),
                                              duration: 1, parameters: [:], steps: demoSteps, results: [], version: "test"),
                                 cacheRoot: cache)
            XCTAssertTrue(try predict(["--lesson", "demo", "--model", "sd_fc"]).contains(message), message)
        }
    }
}
