import ArgumentParser
import SongEmotion

/// `--data DIR`, shared by every command that reads the recordings
/// (`@OptionGroup var corpus: CorpusOptions`).
struct CorpusOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Folder holding the RAVDESS song recordings (Actor_NN/...). Default: $RAVDESS_SONG_DIR, else the cache.",
        valueName: "DIR"))
    var data: String?

    /// The folder the rules choose, whether or not it exists (where `fetch` installs).
    func resolve() -> CorpusLocation { CorpusLocator().resolve(option: data) }

    /// The folder holding the recordings.
    /// - Throws: `CorpusNotFound`, whose message says how to get them.
    func locate() throws -> CorpusLocation { try CorpusLocator().locate(option: data) }

    /// The recordings, in the tutorial's order.
    func recordings() throws -> [Recording] { try Recording.list(in: locate().directory) }
}
