import Foundation
import TestSupport
import XCTest

/// `notebook bench features` through the built binary: it fails when it measured nothing
/// or could not compare what it was asked to.
final class BenchFeaturesCommandTests: TemporaryFolderTestCase {
    /// A file that does not decode is a failure named as such, not "not a corpus
    /// recording", and with nothing analysed there are no timings to report.
    func testFilesThatFailToDecodeAreAnError() throws {
        let corpus = folder.appendingPathComponent("Actor_01")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let bad = corpus.appendingPathComponent("03-02-01-01-01-01-01.flac")
        try Data("not audio\n".utf8).write(to: bad)
        let result = try TestEnvironment.notebook(["bench", "features", "--data", corpus.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("Nothing measured: 1 of 1 file(s) could not be analysed:"), result.output)
        XCTAssertTrue(result.output.contains(bad.path), result.output)
        XCTAssertFalse(result.output.contains("files/s"), result.output)
        XCTAssertFalse(result.output.contains("not corpus recordings"), result.output)
    }

    /// Only the default reference folder may be missing; one given is checked up front.
    func testAMissingReferenceGivenIsAnError() throws {
        let missing = folder.appendingPathComponent("nonexist")
        let result = try TestEnvironment.notebook(["bench", "features", "--reference", missing.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("--reference \(missing.path): \(missing.path)/x.npy not found"), result.output)
        XCTAssertFalse(result.output.contains("bench features:"), "refused before the extraction: \(result.output)")
    }

    /// --runs repeats the recipe, prints each run, reports the median and the best against
    /// the fastest floor pass, and compares the values each run gave.
    func testRunsAreRepeatedAndSummarised() throws {
        let corpus = folder.appendingPathComponent("Actor_21")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let actor = try ReferencePaths.corpus().appendingPathComponent("Actor_21")
        for name in ["03-02-01-01-01-01-21.flac", "03-02-02-01-01-01-21.flac"] {
            try FileManager.default.createSymbolicLink(at: corpus.appendingPathComponent(name),
                                                       withDestinationURL: actor.appendingPathComponent(name))
        }
        let result = try TestEnvironment.notebook(["bench", "features", "--data", corpus.path, "--runs", "3", "--jobs", "1"])
        XCTAssertEqual(result.status, 0, result.output)
        for line in ["run 1 of 3: ", "run 2 of 3: ", "run 3 of 3: ", "(median of 3 runs; best ",
                     "(the fastest of 4 passes: ", "CPU time per step (thread CPU, all threads, per run)"] {
            XCTAssertTrue(result.output.contains(line), "\(line) in \(result.output)")
        }
        XCTAssertFalse(result.output.contains("other values"), result.output)

        let refused = try TestEnvironment.notebook(["bench", "features", "--data", corpus.path, "--runs", "0"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("--runs must be at least 1, got 0"), refused.output)
        XCTAssertFalse(refused.output.contains("bench features:"), "refused before the extraction: \(refused.output)")
    }
}
