import Foundation
import XCTest

/// `notebook data fetch` through the built binary, without a network: where a download
/// goes and what a failed one leaves.
final class DataFetchCommandTests: TemporaryFolderTestCase {
    /// The zip is downloaded beside the folder named by --data (the same disk), not into
    /// the user's cache; a download that fails says so and leaves the cache untouched.
    func testTheDownloadGoesBesideTheTargetFolder() throws {
        let cache = folder.appendingPathComponent("xdg-cache")
        let target = folder.appendingPathComponent("disk/ravdess")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Port 9 (discard) has no listener here: the connection is refused at once.
        let result = try TestEnvironment.notebook(["data", "fetch", "--data", target.path, "--url", "http://127.0.0.1:9/song.zip"],
                                                  environment: ["XDG_CACHE_HOME": cache.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        let zip = folder.appendingPathComponent("disk/.ravdess-download/Audio_Song_Actors_01-24.zip").path
        XCTAssertTrue(result.output.contains("to \(zip)"), result.output)
        // (Foundation's URLSession may create its own empty URLCache folder there.)
        let cached = FileManager.default.enumerator(atPath: cache.path)?.allObjects.compactMap { $0 as? String } ?? []
        XCTAssertEqual(cached.filter { $0.contains("ravdess") || $0.hasSuffix(".zip") || $0.hasSuffix(".part") }, [],
                       "no download in the user's cache")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path), "no half-installed corpus")
    }

    /// A partial download an earlier version left in the user's cache is moved beside the
    /// target and resumed from there, not abandoned.
    func testAnEarlierPartialDownloadIsAdopted() throws {
        let cache = folder.appendingPathComponent("xdg-cache")
        let earlier = cache.appendingPathComponent("ravdess-song-download/Audio_Song_Actors_01-24.zip.part")
        try FileManager.default.createDirectory(at: earlier.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 7, count: 1000).write(to: earlier)
        let target = folder.appendingPathComponent("disk/ravdess")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try TestEnvironment.notebook(["data", "fetch", "--data", target.path, "--url", "http://127.0.0.1:9/song.zip"],
                                                  environment: ["XDG_CACHE_HOME": cache.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("Resuming the partial download left in \(earlier.deletingLastPathComponent().path)"),
                      result.output)
        let moved = folder.appendingPathComponent("disk/.ravdess-download/Audio_Song_Actors_01-24.zip.part")
        XCTAssertEqual(try Data(contentsOf: moved), Data(repeating: 7, count: 1000))
        XCTAssertFalse(FileManager.default.fileExists(atPath: earlier.path))
    }
}
