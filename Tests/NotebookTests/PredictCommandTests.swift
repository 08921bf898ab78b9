import NumPy
import TestSupport
import XCTest

/// `notebook predict` through the built binary: weights from `notebook train --save`,
/// features extracted afresh from the corpus's audio.
final class PredictCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try TestEnvironment.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var features: URL { ReferencePaths.repositoryRoot.appendingPathComponent("data/features") }

    /// Trains sd_fc for two epochs on the committed features with the speaker-independent
    /// split, saves the weights and returns train's output.
    private func trainWeights(to weights: URL) throws -> String {
        let result = try TestEnvironment.notebook([
            "train", "--model", "sd_fc", "--split", "si", "--epochs", "2", "--quiet",
            "--features", features.appendingPathComponent("x.npy").path,
            "--labels", features.appendingPathComponent("y.npy").path,
            "--files", features.appendingPathComponent("recordings.txt").path,
            "--save", weights.path,
        ])
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
        XCTAssertTrue(result.output.contains("with a RAVDESS name right: accuracy \(accuracy),"),
                      "train said \(accuracy):\n\(result.output.suffix(300))")

        // One table row per file, paths below the corpus folder, in file order.
        let rows = result.output.split(separator: "\n").filter { $0.hasPrefix("Actor_") }
        XCTAssertEqual(rows.count, 176)
        XCTAssertTrue(rows[0].hasPrefix("Actor_21/03-02-01-01-01-01-21.flac "), String(rows[0]))

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
        let result = try TestEnvironment.notebook(["predict", "--model", "si_cnn", "--weights", weights.path,
                                                   folder.appendingPathComponent("missing.wav").path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("\(weights.path) holds 12 arrays, the model has 8 weights"), result.output)
        XCTAssertTrue(result.output.contains("Are they the weights of another model than si_cnn?"), result.output)
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
    }
}
