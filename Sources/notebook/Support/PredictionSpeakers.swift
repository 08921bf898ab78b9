import Foundation
import SongEmotion

/// Speaker normalisation of the recordings `predict` is given, for a model trained on
/// speaker-normalised features (`train --speaker-normalization`, si_lstm's part 3): each
/// singer's recordings are standardised by that singer's own statistics. A RAVDESS name
/// tells the singer (its actor); all files without one count as one more singer, the
/// person whose recordings they are.
enum PredictionSpeakers {
    /// The speaker number of files without a RAVDESS name (actors are 1-24).
    static let unnamed = 0
    /// Fewer recordings than this give rough statistics (si_lstm's part 3 measures it).
    static let fewRecordings = 8

    static func speaker(of file: URL) -> Int {
        (try? RecordingName(parsing: file.lastPathComponent))?.actor ?? unnamed
    }

    /// `rows` (one per file, `columns` values each) standardised per speaker, and a line
    /// saying how.
    /// - Throws: `CommandFailure` naming a singer with a single recording, whose
    ///   statistics would turn it into zeros.
    static func normalized(_ rows: [Double], columns: Int, files: [URL]) throws -> (rows: [Double], note: String) {
        let speakers = files.map(speaker(of:))
        var counts: [Int: Int] = [:]
        for speaker in speakers { counts[speaker, default: 0] += 1 }
        let singers = counts.keys.sorted().map { speaker in "\(name(speaker)) \(counts[speaker]!)" }
        if let (speaker, _) = counts.first(where: { $0.value < 2 }) {
            throw CommandFailure("speaker normalization needs at least 2 recordings of each singer, ideally a fair "
                                 + "sample of their range; \(name(speaker)) has 1")
        }
        let normalization = try SpeakerNormalization(rows: rows, columns: columns, speakers: speakers)
        var note = "speaker normalization: each singer's recordings standardised by their own statistics (recordings: "
            + singers.joined(separator: ", ") + ")"
        if counts.values.contains(where: { $0 < fewRecordings }) {
            note += "; statistics of fewer than \(fewRecordings) recordings are rough"
        }
        return (try normalization.apply(to: rows, speakers: speakers), note)
    }

    private static func name(_ speaker: Int) -> String {
        speaker == unnamed ? "files without a RAVDESS name" : "actor \(speaker)"
    }
}
