import Foundation
import Learn
import Notebook
import NumPy

/// A trained model's weights and its training curves, in a form `nb.cached` can keep:
/// one `.npz` holding each weight under its Keras path (as `Sequential.saveWeights`
/// writes them) plus the per-epoch curves under `history/...`. A warm run of a lesson
/// then puts the weights back into a freshly built model instead of training it again.
public struct TrainedModel: CacheStorable {
    /// The weights in the model's order, named by their Keras paths.
    public let weights: [(name: String, array: NPYArray)]
    /// Mean training loss and accuracy of each epoch.
    public let loss: [Float]
    public let accuracy: [Float]
    /// Seconds each epoch took when it was trained (not when it was loaded).
    public let seconds: [Double]
    /// Whether the model was trained on speaker-normalised features (`SpeakerNormalization`),
    /// so that `notebook predict` normalises the recordings it is given in the same way.
    public let speakerNormalized: Bool

    /// The weights `model` holds now, and the curves of the `history` that trained it.
    public init(_ model: Sequential, history: History, speakerNormalized: Bool = false) throws {
        weights = try model.weightArrays()
        loss = history.loss
        accuracy = history.accuracy
        seconds = history.seconds
        self.speakerNormalized = speakerNormalized
    }

    private init(weights: [(name: String, array: NPYArray)], loss: [Float], accuracy: [Float], seconds: [Double],
                 speakerNormalized: Bool) {
        self.weights = weights
        self.loss = loss
        self.accuracy = accuracy
        self.seconds = seconds
        self.speakerNormalized = speakerNormalized
    }

    /// Epochs trained.
    public var epochs: Int { loss.count }

    /// Copies the weights into `model`, which must have the same layers (built by the same
    /// code). Everything is checked before anything is copied.
    /// - Throws: `LearnError.weights` naming the first weight whose name or shape differs.
    public func restore(into model: Sequential) throws {
        let parameters = model.parameters
        guard weights.count == parameters.count else {
            throw LearnError.weights("the saved model has \(weights.count) weights, this one \(parameters.count)")
        }
        for ((name, array), p) in zip(weights, parameters) {
            guard name.split(separator: "/").last.map(String.init) == p.name, array.shape == p.shape else {
                throw LearnError.weights("saved weight \(name) \(array.shape) does not fit \(p.name) \(p.shape)")
            }
        }
        for ((_, array), p) in zip(weights, parameters) { p.value.copy(from: array.floats) }
    }

    // MARK: CacheStorable

    public static var cacheFileExtension: String { "npz" }
    private static let curveNames = ["history/loss", "history/accuracy", "history/seconds"]
    /// Written only for a speaker-normalised model, so other entries keep their bytes.
    private static let speakerNormalizedName = "inputs/speaker_normalized"

    public func save(to url: URL) throws {
        let curves = try [NPYArray(float32: loss), NPYArray(float32: accuracy), NPYArray(float64: seconds)]
        // Not atomically: the cache writes to a temporary name and renames it (CacheStorable).
        let marks = speakerNormalized ? [(Self.speakerNormalizedName, try NPYArray(int64: [1]))] : []
        try NPZ.write(weights + zip(Self.curveNames, curves).map { ($0, $1) } + marks, to: url, atomically: false)
    }

    /// Reads what `save(to:)` wrote, and only that: float32 weights, float32 loss and
    /// accuracy and float64 seconds, the three curves one value an epoch. Anything else
    /// (an entry damaged or made by something else) is refused, so the cache computes the
    /// model again: weights of float64 would be rounded unseen, and a lesson that reads
    /// `accuracy[epoch]` for every epoch of `loss` would trap on a shorter curve.
    public static func load(from url: URL) throws -> TrainedModel {
        let file = try NPZ.read(contentsOf: url)
        func refuse(_ what: String) -> Error {
            CacheError.io(path: url.path, action: "read the trained model", reason: what)
        }
        let weightNames = file.names.filter { !$0.hasPrefix("history/") && $0 != speakerNormalizedName }
        let weights = try weightNames.map { ($0, try file.array(named: $0)) }
        if let odd = weights.first(where: { $0.1.dtype != .float32 }) { throw refuse("weight \(odd.0) is \(odd.1.dtype.rawValue), not float32") }
        let curves = try curveNames.map { try file.array(named: $0) }
        let dtypes: [NPYArray.DType] = [.float32, .float32, .float64]
        for (name, (curve, dtype)) in zip(curveNames, zip(curves, dtypes))
        where curve.dtype != dtype || curve.shape != [curves[0].count] {
            throw refuse("\(name) is \(curve.dtype.rawValue) shaped \(curve.shape), not \(dtype.rawValue) of \(curves[0].count) epochs")
        }
        var speakerNormalized = false
        if file.names.contains(speakerNormalizedName) {
            let mark = try file.array(named: speakerNormalizedName)
            guard mark.dtype == .int64, mark.shape == [1], try mark.integers() == [1] else {
                throw refuse("\(speakerNormalizedName) is \(mark.dtype.rawValue) shaped \(mark.shape), not int64 [1] holding 1")
            }
            speakerNormalized = true
        }
        return TrainedModel(weights: weights, loss: curves[0].floats, accuracy: curves[1].floats, seconds: curves[2].doubles,
                            speakerNormalized: speakerNormalized)
    }
}
