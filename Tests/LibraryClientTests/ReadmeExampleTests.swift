import Audio
import Foundation
import Learn
import NumPy
import XCTest

/// README.md's examples, run as written. The code between a test's `README:` marker
/// lines must appear in README.md word for word (indentation aside), so the README
/// cannot show code that no longer compiles or runs.
final class ReadmeExampleTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testAudioExample() throws {
        try inScratchFolder { folder in
            let flac = Self.repository.appendingPathComponent("Tests/AudioTests/Fixtures/harmonics16k.flac")
            try FileManager.default.copyItem(at: flac, to: folder.appendingPathComponent("song.flac"))
            // README: begin
            let song = try AudioFile.read(URL(fileURLWithPath: "song.flac"))  // mono Float at the file's rate
            let mel = try melspectrogram(y: song.samples, sampleRate: Double(song.sampleRate))  // librosa 0.8.1's defaults
            print(mel.rows, mel.columns)  // 128 mel bands x frames
            // README: end
            XCTAssertEqual(mel.rows, 128)
            XCTAssertEqual(mel.columns, stftFrameCount(sampleCount: song.samples.count))
        }
        try assertInReadme(marker: "README: begin")
    }

    func testLearnExample() throws {
        try inScratchFolder { folder in
            // Two classes a little apart, in the files the example reads.
            var generator = SeededGenerator(seed: 1)
            let labels = (0..<60).map { Int64($0 % 2) }
            let values = labels.flatMap { label in (0..<4).map { _ in Float(label) + Float(generator.normal()) * 0.3 } }
            try NPY.write(try NPYArray(float32: values, shape: [60, 4]), to: folder.appendingPathComponent("x.npy"))
            try NPY.write(try NPYArray(int64: labels), to: folder.appendingPathComponent("y.npy"))
            // README: begin learn
            let x = try NPY.read(contentsOf: URL(fileURLWithPath: "x.npy"))  // samples x features
            let y = try NPY.read(contentsOf: URL(fileURLWithPath: "y.npy")).integers().map(Int.init)  // 0, 1, ...
            let model = try Sequential(inputShape: [x.shape[1]], layers: [
                Dense(64, activation: .relu), Dropout(0.3), Dense(y.max()! + 1, activation: .softmax),
            ])
            print(model.summary)
            let history = try model.fit(try Tensor(shape: x.shape, scalars: x.floats), y, options: FitOptions(
                epochs: 50, validationSplit: 0.2, earlyStopping: EarlyStopping(patience: 5, restoreBestWeights: true)))
            if let best = history.restoredEpoch { print("kept epoch", best + 1, "val_loss", history.validationLoss[best]) }
            try model.saveWeights(to: URL(fileURLWithPath: "weights.npz"))
            // README: end
            XCTAssertNotNil(history.restoredEpoch)
            let reloaded = try Sequential(inputShape: [4], layers: [
                Dense(64, activation: .relu), Dropout(0.3), Dense(2, activation: .softmax),
            ], seed: 9)
            try reloaded.loadWeights(from: folder.appendingPathComponent("weights.npz"))
            let tensor = try Tensor(shape: x.shape, scalars: x.floats)
            XCTAssertEqual(try reloaded.predict(tensor), try model.predict(tensor))
        }
        try assertInReadme(marker: "README: begin learn")
    }

    /// Runs `body` with a new empty folder as the current directory, as the examples'
    /// bare file names assume, and puts the old one back.
    private func inScratchFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: folder)
        }
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        try body(folder)
    }

    /// The lines of this file from the line ending in `marker` to the next `README: end`,
    /// unindented, must be lines of README.md in the same order, one after another.
    private func assertInReadme(marker: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let start = try XCTUnwrap(source.firstIndex { $0.hasSuffix("// " + marker) }, marker)
        let end = try XCTUnwrap(source[start...].firstIndex { $0.hasSuffix("// README: end") })
        let code = source[(start + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let found = readme.indices.contains { i in Array(readme[i..<min(i + code.count, readme.count)]) == code }
        XCTAssertTrue(found, "README.md does not show these lines as written here:\n" + code.joined(separator: "\n"),
                      file: file, line: line)
    }
}
