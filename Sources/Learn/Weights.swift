import Foundation
import NumPy

extension Sequential {
    /// Each weight's Keras 3 path (`model.weights[i].path`), in Keras's order, e.g.
    /// `sequential/dense/kernel`, `sequential/lstm/lstm_cell/recurrent_kernel`.
    public var weightPaths: [String] {
        layers.flatMap { layer in
            layer.parameters.map { p in
                layer is LSTM ? "\(name)/\(layer.name)/lstm_cell/\(p.name)" : "\(name)/\(layer.name)/\(p.name)"
            }
        }
    }

    /// The weights as (path, float32 array) in Keras's order.
    public func weightArrays() throws -> [(name: String, array: NPYArray)] {
        try zip(weightPaths, parameters).map { ($0, try NPYArray(float32: $1.values, shape: $1.shape)) }
    }

    /// Saves the weights as an `.npz` (stored entries, like `np.savez`), one array per
    /// weight named by its Keras path, in Keras's order.
    public func saveWeights(to url: URL) throws {
        try NPZ.write(weightArrays(), to: url)
    }

    /// Loads weights from an `.npz` written by `saveWeights` or exported from Keras with
    /// `np.savez(f, **{v.path: v.numpy() for v in model.weights})`.
    ///
    /// When the archive's names are exactly this model's weight paths they are matched by
    /// name, in any order. Otherwise they are matched by order, as Keras's own weight
    /// loading does, since Keras's automatic names depend on what else the session built
    /// (`dense_9` for `dense`); then each must have the same variable name (`kernel`, ...).
    /// Either way each must have the expected shape, finite values, and a BatchNorm's
    /// moving variance no negative value.
    ///
    /// - Throws: `LearnError.weights` for an archive that does not fit the model,
    ///   `LearnError.unusableWeights` for values no model could use.
    public func loadWeights(from url: URL) throws {
        let file = try NPZ.read(contentsOf: url)
        let params = parameters
        guard file.names.count == params.count else {
            throw LearnError.weights("\(url.path) holds \(file.names.count) arrays, the model has \(params.count) weights"
                                     + Self.unmatched(names: file.names, paths: weightPaths))
        }
        let byName = Set(file.names) == Set(weightPaths)
        var loaded: [[Float]] = []
        for (i, p) in params.enumerated() {
            let path = weightPaths[i]
            let entry = byName ? path : file.names[i]
            guard entry.split(separator: "/").last.map(String.init) == p.name else {
                throw LearnError.weights("\(url.path): array \(i) is '\(entry)', expected a '\(p.name)' for \(path)")
            }
            let array = try file.array(named: entry)
            guard array.shape == p.shape else {
                throw LearnError.weights("\(url.path): '\(entry)' has shape \(array.shape), \(path) needs \(p.shape)")
            }
            let values = array.floats
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw LearnError.unusableWeights("\(url.path): '\(entry)' has a non-finite value at index \(bad)")
            }
            if p.name == "moving_variance", let bad = values.firstIndex(where: { $0 < 0 }) {
                throw LearnError.unusableWeights("\(url.path): '\(entry)' has a negative variance (\(values[bad])) at index \(bad)")
            }
            loaded.append(values)
        }
        setWeightValues(loaded)  // only once every array checked out
    }

    /// For an archive with too few or too many arrays whose other names are this model's
    /// paths, the weights it lacks or the arrays the model has no weight for (three at
    /// most). "" when the names differ both ways, as another session's (`dense_9` for
    /// `dense`) or another model's do: a list of everything would say nothing.
    private static func unmatched(names: [String], paths: [String]) -> String {
        let known = Set(paths), present = Set(names)
        let missing = paths.filter { !present.contains($0) }, extra = names.filter { !known.contains($0) }
        func list(_ label: String, _ items: [String]) -> String {
            let shown = items.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
            return "; \(label): \(shown)" + (items.count > 3 ? " and \(items.count - 3) more" : "")
        }
        if extra.isEmpty { return list("missing", missing) }
        if missing.isEmpty { return list("not weights of this model", extra) }
        return ""
    }
}
