import Foundation
import NumPy
import SongEmotion

/// Singers' speaker-normalisation statistics kept in a `.npz` (`predict --save-singers`),
/// so that later predictions of a singer already heard need no more of their recordings
/// (`predict --singers`). One pair of float64 arrays a singer: `actor_NN/mean` and
/// `actor_NN/scale` for a RAVDESS actor, `unnamed/...` for the files without a RAVDESS
/// name (`PredictionSpeakers.unnamed`), each as long as the feature rows.
enum SingerEnrolment {
    static func save(_ normalization: SpeakerNormalization, to url: URL) throws {
        var arrays = [(name: String, array: NPYArray)]()
        for speaker in normalization.statistics.keys.sorted() {
            let own = normalization.statistics[speaker]!
            arrays.append(("\(key(speaker))/mean", try NPYArray(float64: own.mean)))
            arrays.append(("\(key(speaker))/scale", try NPYArray(float64: own.scale)))
        }
        try NPZ.write(arrays, to: url)   // atomically: an earlier enrolment stays whole until replaced
    }

    /// The statistics in `url`, which must have `columns` values a singer.
    /// - Throws: `CommandFailure` naming the file and what is wrong with it.
    static func load(from url: URL, columns: Int) throws -> SpeakerNormalization {
        func refuse(_ why: String) -> CommandFailure {
            CommandFailure("\(url.path): not a singer enrolment written by predict --save-singers: \(why)")
        }
        let file: NPZFile
        // NumPy's errors name the file already.
        do { file = try NPZ.read(contentsOf: url) } catch { throw CommandFailure("--singers: \(error)") }
        var statistics = [Int: SpeakerNormalization.Statistics]()
        for name in file.names where name.hasSuffix("/mean") {
            let singer = String(name.dropLast("/mean".count))
            guard let speaker = speaker(singer) else { throw refuse("unknown singer '\(singer)'") }
            guard file.names.contains("\(singer)/scale") else { throw refuse("'\(singer)' has no scale") }
            let mean = try file.array(named: name), scale = try file.array(named: "\(singer)/scale")
            // An enrolment all the same, saved for features of another width: say which width.
            if mean.dtype == .float64, scale.dtype == .float64, mean.shape == scale.shape, mean.shape.count == 1,
               mean.shape != [columns] {
                throw CommandFailure("\(url.path): '\(singer)' has statistics of \(mean.shape[0]) columns, but these "
                                     + "features have \(columns)\n(the recipe's \(FeatureRecipe.count) and the --extra "
                                     + "groups', as the weights take them). It was saved for\nfeatures with another "
                                     + "--extra: save the singers again with these weights and --extra.")
            }
            guard mean.dtype == .float64, scale.dtype == .float64, mean.shape == [columns], scale.shape == [columns] else {
                throw refuse("'\(singer)' has \(mean.dtype) \(mean.shape) and \(scale.dtype) \(scale.shape), "
                             + "not float64 [\(columns)] each (the features' columns, --extra included)")
            }
            do { statistics[speaker] = try .init(mean: mean.doubles, scale: scale.doubles) } catch { throw refuse("\(error)") }
        }
        guard !statistics.isEmpty else { throw refuse("it holds no singer") }
        return try SpeakerNormalization(columns: columns, statistics: statistics)
    }

    private static func key(_ speaker: Int) -> String {
        speaker == PredictionSpeakers.unnamed ? "unnamed" : String(format: "actor_%02d", speaker)
    }

    private static func speaker(_ key: String) -> Int? {
        if key == "unnamed" { return PredictionSpeakers.unnamed }
        guard key.hasPrefix("actor_"), let actor = Int(key.dropFirst("actor_".count)), (1...24).contains(actor) else { return nil }
        return actor
    }
}
