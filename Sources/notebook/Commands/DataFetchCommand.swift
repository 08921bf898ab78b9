import ArgumentParser
import Foundation
import NumPy
import SongEmotion

/// `notebook data fetch [--from-zip FILE]`: download (or take) the Zenodo zip, extract it
/// safely into the corpus folder, verify it.
struct DataFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the recordings from Zenodo (record 1188976), extract and verify them.",
        usage: UsageText.wrapped(["notebook data fetch", "[--data <DIR>]", "[--from-zip <FILE>]", "[--url <URL>]",
                                  "[--manifest <FILE>]"]),
        discussion: """
            Installs into --data DIR, else $RAVDESS_SONG_DIR, else the cache \
            ($XDG_CACHE_HOME/ravdess-song or ~/.cache/ravdess-song). The zip is downloaded \
            beside that folder (.NAME-download) and removed once the recordings verify; an \
            interrupted download resumes where it stopped when run again. The folder must not exist yet or be empty; \
            a folder that already verifies is left alone.
            """
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(name: .customLong("from-zip"), help: ArgumentHelp(
        "Install from \(CorpusDownload.zipName) already on disk instead of downloading it.", valueName: "FILE"))
    var fromZip: String?

    // No default shown by ArgumentParser: Zenodo's URL, unbreakable, took 94 columns.
    @Option(name: .customLong("url"), help: ArgumentHelp(
        "Where to download the zip from: a mirror (default: Zenodo, record 1188976).", valueName: "URL"))
    var givenURL: String?

    var url: String { givenURL ?? CorpusDownload.zenodoURL.absoluteString }

    @Option(help: ArgumentHelp("Manifest to check against (default: the project's, built in).", valueName: "FILE"))
    var manifest: String?

    func validate() throws {
        if let fromZip { try Self.checkZipFile(fromZip) }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? "") else {
            throw ValidationError("--url: '\(url)' is not an http(s) URL")
        }
    }

    func run() throws {
        let target = corpus.resolve()
        let manifest = try CorpusVerifier.manifest(self.manifest)
        print("Installing into \(target)")
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: target.directory.path),
           !contents.filter({ !$0.hasPrefix(".") }).isEmpty {
            print("\(target.directory.path) already has files; checking them")
            let verification = try CorpusVerifier.verify(target.directory, manifest: manifest)
            if verification.isClean {
                print("The recordings are already in place.")
                return
            }
            throw ValidationError("\(target.directory.path) holds files that do not verify; move it away (or choose another folder with --data) and fetch again")
        }

        let zip: URL
        var downloaded = false
        if let fromZip {
            zip = URL(fileURLWithPath: fromZip)
        } else {
            // Beside the folder it fills (same disk, so a --data on a larger disk holds the
            // 1 GB zip too), at a fixed place so an interrupted download resumes.
            zip = target.directory.deletingLastPathComponent()
                .appendingPathComponent(".\(target.directory.lastPathComponent)-download")
                .appendingPathComponent(CorpusDownload.zipName)
            Self.adoptEarlierPartialDownload(into: zip)
            let source = URL(string: url) ?? CorpusDownload.zenodoURL  // checked in validate()
            print("Downloading \(source.absoluteString)\n  to \(zip.path)")
            let bar = ProgressBar("download", total: nil, unit: .bytes)
            try CorpusDownload.fetch(source, to: zip) { done, total in bar.update(done, total: total) }
            bar.finish()
            downloaded = true
        }

        let bar = ProgressBar("extract", total: nil, unit: .items("entries"))
        try CorpusInstallation.install(zip: zip, into: target.directory) { done, total in
            bar.update(Int64(done), total: Int64(total))
        }
        bar.finish()
        let verification = try CorpusVerifier.verify(target.directory, manifest: manifest)
        guard verification.isClean else { throw ExitCode(1) }
        if downloaded {
            // The zip is ~1 GB and everything in it is now verified in place.
            try? FileManager.default.removeItem(at: zip)
            let folder = zip.deletingLastPathComponent()
            if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        print("The recordings are ready in \(target.directory.path)")
    }

    /// `--from-zip` must name a regular file: a folder (or a pipe) given there kept the zip
    /// reader busy forever instead of failing.
    private static func checkZipFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ValidationError(errno == ENOENT ? "--from-zip: \(path) does not exist"
                                                  : "--from-zip: \(path): \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw ValidationError("--from-zip \(path) is a folder; give the zip file itself (\(CorpusDownload.zipName))")
        default: throw ValidationError("--from-zip \(path) is not a regular file; give the zip file itself (\(CorpusDownload.zipName))")
        }
    }

    /// Earlier versions downloaded into `~/.cache/ravdess-song-download` whatever the
    /// target: a partial download left there is moved beside the target and resumed,
    /// not abandoned (up to 1 GB).
    private static func adoptEarlierPartialDownload(into zip: URL) {
        let earlier = CorpusLocator().cacheRoot.appendingPathComponent("ravdess-song-download")
        let complete = earlier.appendingPathComponent(CorpusDownload.zipName)
        let partial = complete.appendingPathExtension("part")
        let target = zip.appendingPathExtension("part")
        let fm = FileManager.default
        if fm.fileExists(atPath: complete.path), complete.path != zip.path {
            print("note: an earlier download is complete in \(earlier.path): `notebook data fetch --from-zip \(complete.path)` "
                  + "installs it without downloading again (delete it otherwise)")
        }
        guard partial.path != target.path, fm.fileExists(atPath: partial.path), !fm.fileExists(atPath: target.path) else { return }
        // On another disk the move is a copy of up to 1 GB: say so before it starts.
        print("Resuming the partial download left in \(earlier.path) (moving it to \(target.deletingLastPathComponent().path))")
        do {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.moveItem(at: partial, to: target)
            if (try? fm.contentsOfDirectory(atPath: earlier.path))?.isEmpty == true { try? fm.removeItem(at: earlier) }
        } catch {
            print("note: a partial download in \(earlier.path) could not be moved (\(IOFailure.reason(of: error))); it can be deleted")
        }
    }
}
