import TestSupport
import XCTest

/// `notebook train` through the built binary.
final class TrainCommandTests: XCTestCase {
    /// Ctrl-C during training: the command says in which epoch, and that no weights were
    /// written, instead of dying silently.
    func testAnInterruptedTrainingSaysWhereItStopped() throws {
        let folder = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let features = ReferencePaths.repositoryRoot.appendingPathComponent("data/features")
        let weights = folder.appendingPathComponent("w.npz")
        // 100 epochs of si_cnn take half a minute or more: still training after two seconds.
        let (status, output) = try TestEnvironment.notebookInterrupted([
            "train", "--model", "si_cnn", "--quiet",
            "--features", features.appendingPathComponent("x_train.npy").path,
            "--labels", features.appendingPathComponent("y_train.npy").path, "--split", "sd",
            "--save", weights.path,
        ], after: 2)
        XCTAssertEqual(status, 130, output)
        XCTAssertNotNil(output.firstMatch(of: #/Interrupted in epoch [0-9]+ of 100\. No weights written to /#), output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: weights.path))
    }
}
