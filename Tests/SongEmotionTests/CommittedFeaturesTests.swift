import Foundation
import NumPy
import SongEmotion
import TestSupport
import XCTest

/// The features committed in `data/features/` against what the code computes now, so the
/// saved copy the audio-free lessons read never drifts from the extractor.
/// After a deliberate change to the recipe, regenerate them with `notebook data features`.
final class CommittedFeaturesTests: XCTestCase {
    static let folder = ReferencePaths.repositoryRoot.appendingPathComponent(SavedFeatures.defaultFolder)

    /// The seed README's parity measure, per value: |fresh - committed| <= rtol x |committed|
    /// + 1e-6 x the largest |committed| of that feature group in that recording. The same
    /// code on the same machine reproduces the values exactly; rtol 1e-5 leaves room for
    /// another FFTW or BLAS build, and the floor for values that are near zero by nature.
    static let rtol = 1e-5

    /// The split files are the rows of x.npy that `recordings.txt` assigns to each side, and
    /// every label is the emotion in the recording's name. Needs no corpus.
    func testSplitFilesAreTheRowsOfTheFullSetByActor() throws {
        let saved = try SavedFeatures.read(from: Self.folder)
        XCTAssertEqual(saved.count, 1012)
        XCTAssertEqual(try saved.recordings.map { Int64(try RecordingName(parsing: $0).emotion.label) }, saved.labels)
        let split = try saved.speakerIndependentSplit()
        XCTAssertEqual([split.train.count, split.test.count], [836, 176])
        for (side, rows) in [("train", split.train), ("test", split.test)] {
            let x = try NPY.read(contentsOf: Self.folder.appendingPathComponent("x_\(side).npy"))
            let y = try NPY.read(contentsOf: Self.folder.appendingPathComponent("y_\(side).npy")).integers()
            XCTAssertEqual(x.shape, [rows.count, FeatureRecipe.count], side)
            XCTAssertEqual(x.doubles, rows.flatMap { saved.row($0) }, "x_\(side).npy is not the \(side) rows of x.npy")
            XCTAssertEqual(y, rows.map { saved.labels[$0] }, "y_\(side).npy is not the \(side) labels of y.npy")
        }
    }

    /// A copy with Windows line ends in recordings.txt reads the same; labels outside
    /// 0-5 are an error naming y.npy.
    func testReadingChecksLabelsAndAcceptsCRLF() throws {
        let saved = try SavedFeatures.read(from: Self.folder)
        let copy = try TemporaryFolder()
        try saved.write(to: copy.url)
        let names = copy.url.appendingPathComponent("recordings.txt")
        let text = try String(contentsOf: names, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: names)
        XCTAssertEqual(try SavedFeatures.read(from: copy.url), saved)

        var labels = saved.labels
        labels[7] = 6
        let y = copy.url.appendingPathComponent("y.npy")
        try NPY.write(try NPYArray(int64: labels, shape: [labels.count]), to: y)
        XCTAssertThrowsError(try SavedFeatures.read(from: copy.url)) {
            XCTAssertEqual($0 as? SavedFeaturesError, .badValue("\(y.path): label 6 at index 7 is not a class index (0-5)"))
        }
    }

    /// The files are one result: a folder in the way of one of them stops the write
    /// before any file is replaced, so old and new never mix.
    func testWritingReplacesAllFilesOrNone() throws {
        let saved = try SavedFeatures.read(from: Self.folder)
        let target = try TemporaryFolder()
        for name in SavedFeatures.fileNames where name != "x_test.npy" { try target.write("old", to: name) }
        try FileManager.default.createDirectory(at: target.url.appendingPathComponent("x_test.npy"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try saved.write(to: target.url)) {
            XCTAssertTrue("\($0)".contains("x_test.npy: cannot write: Is a directory; no output written"), "\($0)")
        }
        for name in SavedFeatures.fileNames where name != "x_test.npy" {
            XCTAssertEqual(try String(contentsOf: target.url.appendingPathComponent(name), encoding: .utf8), "old", name)
        }
        XCTAssertEqual(target.allPaths().filter { $0.contains(".tmp-") }, [], "temporary files left")
    }

    /// Every committed row against a fresh extraction of its recording (about 15 s on two
    /// cores in a release build).
    func testCommittedFeaturesMatchAFreshExtraction() throws {
        let corpus = try ReferencePaths.corpus()
        let saved = try SavedFeatures.read(from: Self.folder)
        let recordings = try Recording.list(in: corpus)
        XCTAssertEqual(recordings.map { ($0.relativePath as NSString).deletingPathExtension }, saved.recordings,
                       "recordings.txt does not list the corpus in its sorted order")
        guard recordings.count == saved.count else { return }

        let fresh = try Self.extract(recordings)
        var worst: [String: (need: Double, absolute: Double, row: String)] = [:]
        for (i, ours) in fresh.enumerated() {
            let committed = Array(saved.row(i))
            for group in FeatureRecipe.groups {
                let cols = FeatureRecipe.columns(of: group.name)!
                let idx = Array(cols.means) + Array(cols.stds)
                let floor = 1e-6 * idx.reduce(0.0) { max($0, abs(committed[$1])) }
                var need = 0.0, absolute = 0.0
                for c in idx {
                    let difference = abs(ours[c] - committed[c])
                    absolute = max(absolute, difference)
                    if difference > floor { need = max(need, committed[c] == 0 ? .infinity : (difference - floor) / abs(committed[c])) }
                }
                if need >= (worst[group.name]?.need ?? -1) { worst[group.name] = (need, absolute, saved.recordings[i]) }
                XCTAssertLessThanOrEqual(need, Self.rtol, "\(saved.recordings[i]) \(group.name) drifted from data/features")
            }
        }
        let figures = FeatureRecipe.groups.compactMap { g in
            worst[g.name].map { String(format: "%@ rtol %.1e (max abs %.1e, %@)", g.name, $0.need, $0.absolute, $0.row) }
        }
        print("data/features vs fresh extraction of \(fresh.count) recordings: " + figures.joined(separator: "; "))
    }

    /// The recipe for each recording, on every core.
    static func extract(_ recordings: [Recording]) throws -> [[Double]] {
        let lock = NSLock()
        var rows = [[Double]?](repeating: nil, count: recordings.count)
        var failure: Error?
        var next = 0
        DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { _ in
            while true {
                lock.lock()
                let i = next
                next += 1
                lock.unlock()
                guard i < recordings.count else { return }
                do {
                    let row = try FeatureRecipe.extract(contentsOf: recordings[i].url)
                    lock.lock(); rows[i] = row; lock.unlock()
                } catch {
                    lock.lock(); failure = failure ?? error; lock.unlock()
                }
            }
        }
        if let failure { throw failure }
        return rows.map { $0 ?? [] }
    }
}
