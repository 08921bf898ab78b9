import Foundation
import TestSupport
import XCTest

/// `--data` of `notebook run`, `step` and `test`: the lessons take no options of their own,
/// yet they find the recordings in the folder named, and say that it came from `--data`.
final class LessonDataOptionTests: TemporaryFolderTestCase {
    /// The folder given wins over RAVDESS_SONG_DIR, as it does for every other command.
    func testRunHandsTheDataFolderToTheLesson() throws {
        let corpus = try ReferencePaths.corpus()
        let result = try TestEnvironment.notebook(["run", "sd_fc", "--until", "list", "--data", corpus.path,
                                                   "--cache-dir", folder.appendingPathComponent("cache").path],
                                                  environment: ["RAVDESS_SONG_DIR": "/nonexistent/ravdess-song"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("folder: \(corpus.standardizedFileURL.path)\n"), result.output)
        XCTAssertTrue(result.output.contains("(from the --data option)"), result.output)
        XCTAssertTrue(result.output.contains("1012 recordings"), result.output)
    }

    /// A folder without recordings stops the lesson at its first step, and the advice fills
    /// that folder: `data fetch` alone would install into the cache instead.
    func testAnEmptyDataFolderStopsTheLessonWithHowToFillIt() throws {
        let empty = try emptyFolder()
        let result = try TestEnvironment.notebook(["run", "si_lstm", "--data", empty.path,
                                                   "--cache-dir", folder.appendingPathComponent("cache").path])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("The folder given with --data, \(empty.path), holds no audio files."), result.output)
        XCTAssertTrue(result.output.contains(" notebook data fetch --data \(empty.path)\n"), result.output)
        XCTAssertTrue(result.output.contains("not run: step 'list' failed"), result.output)
    }

    /// `site` (and `export`) run the lessons whose stored run is missing: the folder given
    /// reaches them too. An empty one stops sd_fc at its first step, quickly, and the page
    /// shows the message naming it.
    func testSiteHandsTheDataFolderToTheLessonsItRuns() throws {
        let empty = try emptyFolder()
        let out = folder.appendingPathComponent("site")
        let result = try TestEnvironment.notebook(["site", "sd_fc", "--data", empty.path, "--out", out.path,
                                                   "--cache-dir", folder.appendingPathComponent("cache").path],
                                                  environment: ["RAVDESS_SONG_DIR": "/nonexistent/ravdess-song"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("sd_fc: running, because it has no stored run"), result.output)
        let page = try String(contentsOf: out.appendingPathComponent("sd_fc.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("The folder given with --data, \(empty.path), holds no audio files."),
                      String(page.prefix(2000)))
    }

    /// A folder with no recordings, for `--data`.
    private func emptyFolder() throws -> URL {
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        return empty
    }
}
