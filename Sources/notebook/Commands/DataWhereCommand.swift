import ArgumentParser
import SongEmotion

/// `notebook data where`: the folder in use and the rule that chose it.
struct DataWhereCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "where",
        abstract: "Print the folder of recordings in use and how it was chosen.",
        discussion: "Exits 1 (with instructions) when that folder does not exist."
    )

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let location = try corpus.locate()
        print(location.directory.path)
        print("chosen by \(location.sourceDescription)")
        let recordings = try Recording.list(in: location.directory)
        print("\(recordings.count) recordings; `notebook data verify` checks them against data/MANIFEST.tsv")
    }
}
