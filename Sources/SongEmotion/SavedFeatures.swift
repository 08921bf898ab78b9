import Foundation
import NumPy

/// The corpus's 386 features as the project keeps them in `data/features/`, laid out as
/// the original tutorial's `data/` folder so NumPy users can `np.load` them too:
///
/// - `x.npy` (N x 386 float64) and `y.npy` (N int64, emotion code - 1): every recording,
///   rows in the tutorial's sorted path order;
/// - `recordings.txt`: the recording of each row (`Actor_01/03-02-01-01-01-01-01`);
/// - `x_train.npy`/`y_train.npy` (actors 1-20) and `x_test.npy`/`y_test.npy` (actors
///   21-24): the speaker-independent split, rows in the same order.
///
/// `notebook data features` writes them; the lessons that need no audio read them.
public struct SavedFeatures: Equatable, Sendable {
    /// Where the project keeps them, relative to the repository root.
    public static let defaultFolder = "data/features"
    /// The file names, in the order `write(to:)` writes them.
    public static let fileNames = ["x.npy", "y.npy", "recordings.txt",
                                   "x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy"]

    /// Row-major, `count` x `FeatureRecipe.count`.
    public let x: [Double]
    /// Class index 0-5 of each row.
    public let labels: [Int64]
    /// Each row's recording: its path in the corpus without the extension.
    public let recordings: [String]

    public var count: Int { labels.count }

    /// Features of `recordings`, one row each, in their order.
    /// - Throws: `SavedFeaturesError.shape` if a row is not 386 values or the counts differ.
    public init(rows: [[Double]], recordings: [Recording]) throws {
        guard rows.count == recordings.count else {
            throw SavedFeaturesError.shape("\(rows.count) feature rows for \(recordings.count) recordings")
        }
        if let bad = rows.firstIndex(where: { $0.count != FeatureRecipe.count }) {
            throw SavedFeaturesError.shape("\(recordings[bad].relativePath): \(rows[bad].count) values, expected \(FeatureRecipe.count)")
        }
        x = rows.flatMap { $0 }
        labels = recordings.map { Int64($0.label) }
        self.recordings = recordings.map { ($0.relativePath as NSString).deletingPathExtension }
    }

    private init(x: [Double], labels: [Int64], recordings: [String]) {
        self.x = x
        self.labels = labels
        self.recordings = recordings
    }

    /// The values of row `i`.
    public func row(_ i: Int) -> ArraySlice<Double> {
        x[(i * FeatureRecipe.count)..<((i + 1) * FeatureRecipe.count)]
    }

    /// The tutorial's speaker-independent split (actors 1-20 train, 21-24 test), from the
    /// actor field of each row's recording name.
    public func speakerIndependentSplit() throws -> Split {
        let actors = try recordings.map { try RecordingName(parsing: $0).actor }
        return try Split.speakerIndependent(actors: actors)
    }

    /// Writes every file into `folder` (created if needed), all together: should one
    /// fail, none replaces its older version (`FileSet.writeTogether`).
    ///
    /// - Throws: `NumPyError.io` naming the file that could not be written.
    public func write(to folder: URL) throws {
        let width = FeatureRecipe.count
        let split = try speakerIndependentSplit()
        func rows(_ indices: [Int]) -> [Double] { indices.flatMap { row($0) } }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw NumPyError.io(file: folder.path, reason: "cannot create the folder: \(IOFailure.reason(of: error))")
        }
        func file(_ name: String, _ array: NPYArray) -> (url: URL, data: Data) {
            (folder.appendingPathComponent(name), NPY.encode(array))
        }
        try FileSet.writeTogether([
            file("x.npy", try NPYArray(float64: x, shape: [count, width])),
            file("y.npy", try NPYArray(int64: labels, shape: [count])),
            (folder.appendingPathComponent("recordings.txt"), Data(recordings.map { $0 + "\n" }.joined().utf8)),
            file("x_train.npy", try NPYArray(float64: rows(split.train), shape: [split.train.count, width])),
            file("y_train.npy", try NPYArray(int64: split.train.map { labels[$0] }, shape: [split.train.count])),
            file("x_test.npy", try NPYArray(float64: rows(split.test), shape: [split.test.count, width])),
            file("y_test.npy", try NPYArray(int64: split.test.map { labels[$0] }, shape: [split.test.count])),
        ])
    }

    /// Reads `x.npy`, `y.npy` and `recordings.txt` from `folder`.
    /// - Throws: `SavedFeaturesError` naming the file whose shape, length or labels are wrong;
    ///   `NumPyError` for a file that cannot be read.
    public static func read(from folder: URL) throws -> SavedFeatures {
        let xURL = folder.appendingPathComponent("x.npy"), yURL = folder.appendingPathComponent("y.npy")
        let namesURL = folder.appendingPathComponent("recordings.txt")
        let xArray = try NPY.read(contentsOf: xURL)
        guard xArray.shape.count == 2, xArray.shape[1] == FeatureRecipe.count else {
            throw SavedFeaturesError.shape("\(xURL.path): shape \(xArray.shape), expected (rows, \(FeatureRecipe.count))")
        }
        let labels: [Int64]
        do { labels = try NPY.read(contentsOf: yURL).integers() } catch let error as NumPyError {
            guard case .notIntegral = error else { throw error }
            throw SavedFeaturesError.badValue("\(yURL.path): \(error)")
        }
        let classes = Int64(Emotion.allCases.count)
        if let bad = labels.firstIndex(where: { !(0..<classes).contains($0) }) {
            throw SavedFeaturesError.badValue("\(yURL.path): label \(labels[bad]) at index \(bad) is not a class index (0-\(classes - 1))")
        }
        let text: String
        do { text = try String(contentsOf: namesURL, encoding: .utf8) } catch {
            throw NumPyError.io(file: namesURL.path, reason: "cannot read: \(IOFailure.reason(of: error))")
        }
        let names = text.textLines(omittingEmpty: true).map(String.init)
        guard labels.count == xArray.shape[0], names.count == xArray.shape[0] else {
            throw SavedFeaturesError.shape("\(folder.path): \(xArray.shape[0]) rows in x.npy, \(labels.count) labels in y.npy, \(names.count) lines in recordings.txt")
        }
        return SavedFeatures(x: xArray.doubles, labels: labels, recordings: names)
    }

    /// The folder holding the saved features: `path` from the working directory (running
    /// from the repository root, as `notebook` does); if it is relative and not there, the
    /// same path in the checkout this library was built from.
    /// - Throws: `SavedFeaturesError.notFound`, saying how to get them.
    public static func locate(_ path: String = defaultFolder) throws -> URL {
        var candidates = [URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL]
        if !path.hasPrefix("/") {
            let checkout = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(checkout.appendingPathComponent(path, isDirectory: true).standardizedFileURL)
        }
        for folder in candidates where FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.npy").path) {
            return folder
        }
        throw SavedFeaturesError.notFound(candidates.map(\.path))
    }
}

/// Saved features that are missing or malformed.
public enum SavedFeaturesError: Error, Equatable, CustomStringConvertible {
    case notFound([String])
    case shape(String)
    case badValue(String)

    public var description: String {
        switch self {
        case .notFound(let folders):
            return "no saved features (x.npy) in \(folders.joined(separator: " or ")).\n"
                + "Run from the repository root (the folder with Package.swift), point at the folder with "
                + "--param features=DIR, or make them from the recordings with `notebook data features`."
        case .shape(let message), .badValue(let message):
            return "saved features: \(message)"
        }
    }
}
