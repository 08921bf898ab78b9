import ArgumentParser
import Foundation
import SongEmotion

/// `notebook data verify [DIR]`: every file against the project's manifest.
struct DataVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every recording against data/MANIFEST.tsv (SHA-256 of the .flac or original .wav).",
        discussion: "Names missing, corrupt and unexpected files. Exits 0 when all is well, 1 otherwise."
    )

    @Argument(help: ArgumentHelp("Folder to check (default: as --data, $RAVDESS_SONG_DIR, the cache).", valueName: "DIR"))
    var directory: String?

    @OptionGroup var corpus: CorpusOptions

    @Option(help: ArgumentHelp("Manifest to check against (default: the project's, built in).", valueName: "FILE"))
    var manifest: String?

    func validate() throws {
        if let directory, let data = corpus.data {
            throw ValidationError("give the folder to check once: DIR (\(directory)) or --data (\(data)), not both")
        }
        var isDirectory: ObjCBool = false
        if let directory, !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("DIR: \(directory) is not a folder")
        }
    }

    func run() throws {
        let folder = try directory.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? corpus.locate().directory
        let verification = try CorpusVerifier.verify(folder, manifest: CorpusVerifier.manifest(manifest))
        if !verification.isClean { throw ExitCode(1) }
    }
}

/// Verification with a progress bar and a report, shared by `verify` and `fetch`.
enum CorpusVerifier {
    /// The manifest `--manifest` names, or the project's built-in one, with its name.
    static func manifest(_ path: String?) throws -> (manifest: CorpusManifest, name: String) {
        guard let path else { return (CorpusManifest.project, CorpusManifest.projectManifestName) }
        return (try CorpusManifest(contentsOf: URL(fileURLWithPath: path)), path)
    }

    static func verify(_ folder: URL, manifest named: (manifest: CorpusManifest, name: String)) throws -> CorpusVerification {
        let manifest = named.manifest
        print("Checking \(folder.path) against \(named.name) (\(manifest.entries.count) recordings)")
        let bar = ProgressBar("verify", total: Int64(manifest.entries.count))
        let result = try manifest.verify(folder) { done, total in bar.update(Int64(done), total: Int64(total)) }
        bar.finish()
        // A folder holding a few actors misses hundreds: list the first, count the rest.
        let listed = 20
        for path in result.missing.prefix(listed) {
            print("missing:    \(path).flac (or .wav)")
        }
        if result.missing.count > listed {
            let actors = Set(result.missing.map { $0.split(separator: "/").first.map(String.init) ?? $0 }).sorted()
            print("missing:    ... and \(result.missing.count - listed) more, from \(actors.count) actor folder(s): "
                  + actors.prefix(6).joined(separator: ", ") + (actors.count > 6 ? ", ..." : ""))
        }
        for item in result.corrupt {
            print("corrupt:    \(item.path): \(item.reason)")
        }
        for path in result.unexpected {
            print("unexpected: \(path)")
        }
        print("\(result.good) of \(result.expected) recordings good; \(result.missing.count) missing, "
              + "\(result.corrupt.count) corrupt, \(result.unexpected.count) unexpected")
        return result
    }
}
