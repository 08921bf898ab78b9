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

    /// `rows` (one per file, `columns` values each) standardised per speaker, a line saying
    /// how, and the statistics used. Singers in `enrolled` (`predict --singers`) keep
    /// those statistics; the others' come from their recordings among `files`.
    /// - Throws: `CommandFailure` naming a singer neither enrolled nor with two recordings
    ///   at least (one recording's statistics would turn it into zeros).
    static func normalized(_ rows: [Double], columns: Int, files: [URL], enrolled: SpeakerNormalization? = nil)
        throws -> (rows: [Double], note: String, statistics: SpeakerNormalization) {
        let speakers = files.map(speaker(of:))
        let known = enrolled?.statistics ?? [:]
        var counts: [Int: Int] = [:]
        for speaker in speakers where known[speaker] == nil { counts[speaker, default: 0] += 1 }
        if let (speaker, _) = counts.first(where: { $0.value < 2 }) {
            throw CommandFailure("speaker normalisation needs at least 2 recordings of each singer, ideally a fair "
                                 + "sample of their range; \(name(speaker)) has 1"
                                 + (enrolled == nil ? " (or give --singers with their saved statistics)" : " and is not in --singers"))
        }
        let own = try SpeakerNormalization(rows: rows, columns: columns, speakers: speakers,
                                           statisticsRows: speakers.indices.filter { known[speakers[$0]] == nil })
        let statistics = try SpeakerNormalization(columns: columns, statistics: own.statistics.merging(known) { _, saved in saved })
        var parts = [String]()
        if !counts.isEmpty {
            parts.append("recordings: " + counts.keys.sorted().map { "\(name($0)) \(counts[$0]!)" }.joined(separator: ", "))
        }
        let used = Set(speakers).filter { known[$0] != nil }.sorted()
        if !used.isEmpty { parts.append("saved statistics (--singers): " + used.map(name).joined(separator: ", ")) }
        // In lines that fit 80 columns (for up to about five singers): on one it took 150.
        var note = "speaker normalisation: each singer's recordings standardised by their own\nstatistics ("
            + parts.joined(separator: ";\n") + ")"
        if counts.values.contains(where: { $0 < fewRecordings }) {
            note += "\nstatistics of fewer than \(fewRecordings) recordings are rough"
        }
        return (try statistics.apply(to: rows, speakers: speakers), note, statistics)
    }

    private static func name(_ speaker: Int) -> String {
        speaker == unnamed ? "files without a RAVDESS name" : "actor \(speaker)"
    }
}
