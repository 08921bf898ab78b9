import Foundation
import TestSupport
import XCTest

/// `notebook data features` through the built binary: a bad --out is refused before the
/// extraction, which takes minutes over the whole corpus.
final class DataFeaturesCommandTests: TemporaryFolderTestCase {
    /// A corpus of two recordings (copies, so a command writing into it harms nothing shared).
    private func smallCorpus() throws -> URL {
        let corpus = folder.appendingPathComponent("corpus")
        for recording in ["Actor_01/03-02-01-01-01-01-01.flac", "Actor_21/03-02-01-01-01-01-21.flac"] {
            let copy = corpus.appendingPathComponent(recording)
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try ReferencePaths.corpus().appendingPathComponent(recording), to: copy)
        }
        return corpus
    }

    /// Files written into the corpus would be listed as part of it afterwards.
    func testAnOutputFolderInsideTheCorpusIsRefused() throws {
        let corpus = try smallCorpus()
        let out = corpus.appendingPathComponent("Actor_01")
        let result = try TestEnvironment.notebook(["data", "features", "--data", corpus.path, "--out", out.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("--out \(out.path) is inside the corpus folder"), result.output)
        XCTAssertFalse(result.output.contains("Extracting"), result.output)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["03-02-01-01-01-01-01.flac"])
    }

    /// A folder where one of the seven files goes stops the command before it extracts.
    func testAFolderInTheWayOfAnOutputFileIsFoundFirst() throws {
        let corpus = try smallCorpus()
        let out = folder.appendingPathComponent("features")
        let inTheWay = out.appendingPathComponent("x_test.npy")
        try FileManager.default.createDirectory(at: inTheWay, withIntermediateDirectories: true)
        let result = try TestEnvironment.notebook(["data", "features", "--data", corpus.path, "--out", out.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("--out \(inTheWay.path) is a folder"), result.output)
        XCTAssertFalse(result.output.contains("Extracting"), result.output)
    }
}
