import Foundation
import SongEmotion
import XCTest

final class CorpusLocatorTests: XCTestCase {
    /// A recording's name in `folder`, which is all `locate` looks for (it reads no audio).
    private func addRecording(to folder: URL) throws {
        let file = folder.appendingPathComponent("Actor_01/03-02-01-01-01-01-01.flac")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: file)
    }

    func testPrecedenceOptionThenVariableThenCache() throws {
        let home = try TemporaryFolder()
        let xdg = try TemporaryFolder()
        let env = try TemporaryFolder()
        let option = try TemporaryFolder()
        for folder in [xdg.url.appendingPathComponent("ravdess-song"), home.url.appendingPathComponent(".cache/ravdess-song"),
                       env.url, option.url] {
            try addRecording(to: folder)
        }
        let all = CorpusLocator(environment: ["RAVDESS_SONG_DIR": env.url.path, "XDG_CACHE_HOME": xdg.url.path],
                                homeDirectory: home.url)
        XCTAssertEqual(try all.locate(option: option.url.path), CorpusLocation(directory: option.url.standardizedFileURL, source: .option))
        XCTAssertEqual(try all.locate(option: nil), CorpusLocation(directory: env.url.standardizedFileURL, source: .environment))

        let xdgOnly = CorpusLocator(environment: ["XDG_CACHE_HOME": xdg.url.path], homeDirectory: home.url)
        XCTAssertEqual(try xdgOnly.locate(option: nil).directory.path, xdg.url.appendingPathComponent("ravdess-song").path)
        XCTAssertEqual(try xdgOnly.locate(option: nil).source, .cache)

        // A relative XDG_CACHE_HOME is invalid by the XDG spec and ignored.
        let homeOnly = CorpusLocator(environment: ["XDG_CACHE_HOME": "relative/cache"], homeDirectory: home.url)
        XCTAssertEqual(try homeOnly.locate(option: nil).directory.path, home.url.appendingPathComponent(".cache/ravdess-song").path)

        // Without a home folder given, $HOME decides, as the shell's ~ does.
        let fromHome = CorpusLocator(environment: ["HOME": home.url.path])
        XCTAssertEqual(try fromHome.locate(option: nil).directory.path, home.url.appendingPathComponent(".cache/ravdess-song").path)
    }

    /// A named folder that does not exist is an error, not a reason to look further.
    func testMissingNamedFolderIsAnErrorThatSaysHowToGetTheRecordings() throws {
        let home = try TemporaryFolder()
        try FileManager.default.createDirectory(at: home.url.appendingPathComponent(".cache/ravdess-song"),
                                                withIntermediateDirectories: true)
        let locator = CorpusLocator(environment: ["RAVDESS_SONG_DIR": "/nonexistent/env"], homeDirectory: home.url)
        XCTAssertThrowsError(try locator.locate(option: "/nonexistent/option")) { error in
            XCTAssertEqual((error as? CorpusNotFound)?.looked.source, .option)
        }
        XCTAssertThrowsError(try locator.locate(option: nil)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("RAVDESS_SONG_DIR points at /nonexistent/env"), message)
        }

        let empty = try TemporaryFolder()
        XCTAssertThrowsError(try CorpusLocator(environment: [:], homeDirectory: empty.url).locate(option: nil)) { error in
            let message = "\(error)"
            for needed in ["notebook data fetch", "--from-zip", "--data DIR", "RAVDESS_SONG_DIR",
                           empty.url.appendingPathComponent(".cache/ravdess-song").path] {
                XCTAssertTrue(message.contains(needed), "'\(needed)' missing from: \(message)")
            }
            // The ways to get the recordings fit 80 columns (but for the lines naming a path).
            let wide = message.split(separator: "\n").filter { $0.count > 80 && !$0.contains("/") }
            XCTAssertEqual(wide, [], message)
        }
        XCTAssertThrowsError(try CorpusLocator(environment: ["RAVDESS_SONG_DIR": ""], homeDirectory: empty.url).locate(option: nil)) {
            XCTAssertTrue("\($0)".contains("no --data option, RAVDESS_SONG_DIR is empty, and the cache folder"), "\($0)")
        }
        // A file given as the folder: fetch is offered into another folder, not onto it.
        let file = empty.url.appendingPathComponent("song.flac")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try CorpusLocator(environment: [:], homeDirectory: empty.url).locate(option: file.path)) {
            XCTAssertTrue("\($0)".contains("\(file.path), is a file, not a folder."), "\($0)")
            XCTAssertTrue("\($0)".contains("notebook data fetch --data DIR"), "\($0)")
            XCTAssertFalse("\($0)".contains("into \(file.path)"), "\($0)")
        }
        // `resolve` names the folder fetch would fill, existing or not.
        XCTAssertEqual(CorpusLocator(environment: [:], homeDirectory: empty.url).resolve(option: nil).source, .cache)
    }

    /// A folder without audio (made for `data fetch`, or the wrong one) is not the corpus:
    /// a lesson listed no recordings from it and then failed on the empty list.
    func testAFolderWithoutAudioSaysHowToGetTheRecordings() throws {
        let home = try TemporaryFolder()
        let empty = try TemporaryFolder()
        try Data().write(to: empty.url.appendingPathComponent(".DS_Store"))
        XCTAssertThrowsError(try CorpusLocator(environment: ["RAVDESS_SONG_DIR": empty.url.path], homeDirectory: home.url)
            .locate(option: nil)) {
            XCTAssertEqual(($0 as? CorpusNotFound)?.holdsNoAudio, true)
            XCTAssertTrue("\($0)".hasPrefix("RAVDESS_SONG_DIR points at \(empty.url.path), which holds no audio files.\n"), "\($0)")
            // Hidden files aside it is empty, so fetch can fill it.
            XCTAssertTrue("\($0)".contains("\n  notebook data fetch\n      download them from Zenodo (record 1188976) into \(empty.url.path)\n"),
                          "\($0)")
        }
        // Other files in it: fetch would refuse the folder, so a new one is offered.
        let other = try TemporaryFolder()
        try Data("notes".utf8).write(to: other.url.appendingPathComponent("README.txt"))
        XCTAssertThrowsError(try CorpusLocator(environment: [:], homeDirectory: home.url).locate(option: other.url.path)) {
            XCTAssertTrue("\($0)".hasPrefix("The folder given with --data, \(other.url.path), holds no audio files.\n"), "\($0)")
            XCTAssertTrue("\($0)".contains("\n  notebook data fetch --data DIR\n      download them from Zenodo (record 1188976) into a new folder DIR\n"),
                          "\($0)")
            XCTAssertTrue("\($0)".contains("\n  notebook data fetch --data DIR --from-zip FILE\n"), "\($0)")
        }
        try addRecording(to: other.url)
        XCTAssertEqual(try CorpusLocator(environment: [:], homeDirectory: home.url).locate(option: other.url.path).source, .option)
    }

    /// `notebook data fetch` alone installs where RAVDESS_SONG_DIR or the cache points, so
    /// for a folder given with --data the suggestion names it again, as one shell word.
    func testTheFetchSuggestionNamesAFolderGivenWithData() throws {
        let home = try TemporaryFolder()
        let locator = CorpusLocator(environment: ["RAVDESS_SONG_DIR": "/nonexistent/env"], homeDirectory: home.url)
        XCTAssertThrowsError(try locator.locate(option: "/nonexistent/option")) {
            XCTAssertTrue("\($0)".contains("\n  notebook data fetch --data /nonexistent/option\n"), "\($0)")
            XCTAssertTrue("\($0)".contains("\n  notebook data fetch --data /nonexistent/option --from-zip FILE\n"), "\($0)")
        }
        XCTAssertThrowsError(try locator.locate(option: "/nonexistent/it's mine")) {
            XCTAssertTrue("\($0)".contains("notebook data fetch --data '/nonexistent/it'\\''s mine'\n"), "\($0)")
        }
        // The variable's folder is where a plain fetch installs (the variable still set).
        XCTAssertThrowsError(try locator.locate(option: nil)) {
            XCTAssertTrue("\($0)".contains("\n  notebook data fetch\n"), "\($0)")
            XCTAssertFalse("\($0)".contains("--data /nonexistent/env"), "\($0)")
        }
    }
}
