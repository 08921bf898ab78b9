import Foundation
import SongEmotion

/// How weights saved by `train --save` were trained, in a small JSON file beside them
/// (`w.npz` → `w.training.json`), so that `predict` can refuse features made differently
/// instead of predicting from the wrong columns without a word: another `--extra` list of
/// the same width, the same list reordered, or speaker normalization left out, all load
/// the weights and give confident, wrong answers.
///
/// The `.npz` itself holds Keras's weights and nothing else, so that NumPy and Keras users
/// can load it as they load any weight archive. Weights without a record (exported from
/// Keras, or saved by an older `notebook`) are used as before, on the user's word.
struct TrainingRecord: Codable, Equatable {
    var model: String
    /// Feature columns the model takes.
    var columns: Int
    /// The `--extra` groups after the recipe's 386 columns, in order; nil when train was
    /// not told them (features of another width without `train --extra`).
    var extra: [String]?
    var speakerNormalization: Bool
    /// Of the `.npz` written with this record: weights replaced since (a Keras export
    /// copied over them) are not the ones described.
    var weightsSHA256: String

    /// Where the record of `weights` lives.
    static func url(besideWeights weights: URL) -> URL {
        let name = weights.lastPathComponent
        let stem = name.hasSuffix(".npz") ? String(name.dropLast(4)) : name
        return weights.deletingLastPathComponent().appendingPathComponent(stem + ".training.json")
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The record beside `weights`, or nil when there is none, or when it describes other
    /// weights (then a note on standard error says so).
    ///
    /// - Throws: `CommandFailure` naming the record for one that cannot be read.
    static func load(besideWeights weights: URL) throws -> TrainingRecord? {
        let url = url(besideWeights: weights)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let record: TrainingRecord
        do {
            record = try JSONDecoder().decode(TrainingRecord.self, from: Data(contentsOf: url))
        } catch {
            throw CommandFailure("\(url.path): not a training record written by train --save (\(error)); "
                                 + "remove it to use \(weights.lastPathComponent) without its checks")
        }
        // An unreadable weights file is for loading the weights to report.
        guard let digest = try? FileDigest(of: weights), digest.sha256 != record.weightsSHA256 else { return record }
        FileHandle.standardError.write(Data(("note: \(url.path) describes other weights than \(weights.lastPathComponent) "
                                             + "(replaced since train --save wrote them); they are used without its checks\n").utf8))
        return nil
    }

    /// Refuses features not made as the training ones were: `predict`'s, or those
    /// `train --load` continues training on.
    ///
    /// - Parameters:
    ///   - extras: the `--extra` list of the features at hand; nil when unknown (train
    ///     without `--extra`, on features wider than the recipe), then not compared.
    ///   - command: the command whose `--extra` option the message names.
    ///   - recordPath: named in the message, as the source of what it says.
    func check(extras: [FeatureExtra]?, speakerNormalization normalized: Bool, command: String = "predict",
               recordPath: String) throws {
        if let extra, let extras, extra != extras.map(\.rawValue) {
            throw CommandFailure("the weights were trained on features with " + Self.describe(extra)
                                 + ", not " + Self.describe(extras.map(\.rawValue)) + " (\(recordPath));\n"
                                 + (extra.isEmpty ? "leave out --extra" : "give \(command) --extra \(extra.joined(separator: ",")), in that order"))
        }
        if speakerNormalization != normalized {
            throw CommandFailure(speakerNormalization
                ? "the weights were trained on speaker-normalised features (\(recordPath)): add --speaker-normalization"
                : "the weights were trained without speaker normalisation (\(recordPath)): leave out --speaker-normalization")
        }
    }

    private static func describe(_ extra: [String]) -> String {
        extra.isEmpty ? "the recipe's \(FeatureRecipe.count) columns alone" : "--extra \(extra.joined(separator: ","))"
    }
}
