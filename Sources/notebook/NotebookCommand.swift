import ArgumentParser
import Foundation
import NumPy

/// The `notebook` command: runs the song-emotion lessons and the tools beneath them.
/// Each subcommand lives in its own file under `Commands/`.
@main
struct NotebookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Song emotion recognition on the RAVDESS song corpus, as literate Swift lessons.",
        discussion: """
            The recordings are found with --data DIR, else $RAVDESS_SONG_DIR, else the cache \
            ($XDG_CACHE_HOME/ravdess-song or ~/.cache/ravdess-song). `notebook data fetch` \
            downloads them there.
            """,
        version: ProjectVersion.string,
        groupedSubcommands: [
            CommandGroup(name: "Lessons", subcommands: [
                ListCommand.self,
                RunCommand.self,
                StepCommand.self,
                TestCommand.self,
                CacheCommand.self,
                SiteCommand.self,
                ExportCommand.self,
                LessonChildCommand.self,
            ]),
            CommandGroup(name: "Data, features and models", subcommands: [
                DataCommand.self,
                FeaturesCommand.self,
                TrainCommand.self,
                PredictCommand.self,
            ]),
            CommandGroup(name: "Measurement", subcommands: [BenchCommand.self, OpenBLASCoreTypeCommand.self]),
        ]
    )

    /// ArgumentParser's `main`, after a restart with better OpenBLAS kernels where
    /// OpenBLAS misjudged the processor (`OpenBLASRestart`), except for a `ValidationError` thrown while a command runs
    /// (after its arguments parsed): that is bad input found in a file or by the work
    /// itself, so it is printed as the error it is, without the top-level usage text
    /// ArgumentParser would add (it no longer knows which subcommand ran).
    static func main() async {
        OpenBLASRestart.restartIfNeeded()
        var command: ParsableCommand
        do { command = try await asyncParseAsRoot(nil) } catch { exit(withError: error) }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            exit(withError: CommandFailure(error.message))
        } catch {
            // A file operation's error that no command worded: its path and reason.
            if let message = IOFailure.message(for: error) { exit(withError: CommandFailure(message)) }
            exit(withError: error)
        }
    }
}

enum ProjectVersion {
    static let release = "0.1.0"
    /// The release and a fingerprint of the libraries' sources (the LibraryFingerprint
    /// build plugin): part of every cached value's key and of every stored run, so a
    /// change to feature extraction or training invalidates what the old code computed.
    static let string = "\(release)+\(LibraryFingerprint.hash.prefix(12))"
}
