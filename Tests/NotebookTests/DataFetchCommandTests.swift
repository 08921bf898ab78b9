import Foundation
import TestSupport
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

    /// A server that claims 9e18 bytes and sends one after two seconds: on a terminal the
    /// download bar's ETA (about 2e19 seconds) was converted to an Int and killed the
    /// process. The bar now leaves out an ETA past 100 days, and the short download fails
    /// (in libcurl's words) as one that was cut off.
    func testAnImpossibleETAIsLeftOut() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { throw XCTSkip("no script(1) for a terminal") }
        let server = try OneAnswerServer(answer: "HTTP/1.1 200 OK\r\nContent-Length: 9000000000000000000\r\n\r\n",
                                         pause: 2, more: "A")
        let target = folder.appendingPathComponent("ravdess")
        let command = "exec '\(try TestEnvironment.notebookBinary().path)' data fetch --data '\(target.path)' "
            + "--url http://127.0.0.1:\(server.port)/song.zip"
        let result = try TestEnvironment.run(script, TestEnvironment.scriptArguments(command))
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertEqual(result.output.components(separatedBy: "/9000000000000.0 MB").count - 1, 2,
                       "the bar is drawn for the answer and again for the byte: \(result.output)")
        XCTAssertFalse(result.output.contains("ETA"), result.output)
        XCTAssertTrue(result.output.contains("Error: downloading http://127.0.0.1:\(server.port)/song.zip: "), result.output)
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
        // Those 1000 bytes are there to resume from.
        XCTAssertTrue(result.output.contains("(run the command again to resume)"), result.output)
    }

    /// A download that fails before any byte arrives leaves no empty download folder and
    /// does not offer to resume what is not there.
    func testADownloadThatGotNothingLeavesNothing() throws {
        let target = folder.appendingPathComponent("f4")
        let result = try TestEnvironment.notebook(["data", "fetch", "--data", target.path, "--url", "http://127.0.0.1:9/x.zip"],
                                                  environment: ["XDG_CACHE_HOME": folder.appendingPathComponent("xdg-cache").path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("downloading http://127.0.0.1:9/x.zip"), result.output)
        XCTAssertFalse(result.output.contains("resume"), result.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".f4-download").path),
                       "an empty download folder was left")
    }

    /// A folder given as --from-zip is refused at once; the zip reader spun on it forever.
    func testAFolderAsTheZipIsRefused() throws {
        let zips = folder.appendingPathComponent("zips")
        try FileManager.default.createDirectory(at: zips, withIntermediateDirectories: true)
        let (status, output) = try Self.notebook(["data", "fetch", "--data", folder.appendingPathComponent("song").path,
                                                  "--from-zip", zips.path], timeout: 120)
        XCTAssertNotNil(status, "still running after 120 s: \(output)")
        XCTAssertNotEqual(status, 0, output)
        XCTAssertTrue(output.contains("--from-zip \(zips.path) is a folder; give the zip file itself"), output)
    }

    /// Runs notebook, killing it if it is still running after `timeout` seconds (status
    /// nil then), so a command that never ends fails the test instead of hanging it.
    private static func notebook(_ arguments: [String], timeout: Double) throws -> (status: Int32?, output: String) {
        let process = Process()
        process.executableURL = try TestEnvironment.notebookBinary()
        process.arguments = arguments
        process.currentDirectoryURL = TestEnvironment.packageRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-output-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        let finished = ended.wait(timeout: .now() + timeout) == .success
        if !finished {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try handle.close()
        let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        return (finished ? process.terminationStatus : nil, text)
    }
}
