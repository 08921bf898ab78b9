import Foundation

/// Which layers belong to a model. A layer keeps one model's weights and its buffers for
/// one place in it, and building it again would replace the weights under the first
/// model (which would then read past them). So a layer joins one model at a time: a
/// second model, or a second place in the same list, is refused until the first model
/// is gone. (Keras shares a reused layer's weights instead; this library does not.)
enum LayerOwnership {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var owners: [ObjectIdentifier: String] = [:]

    /// Takes `layers` for the model `model`.
    ///
    /// - Throws: `LearnError.invalidLayer` naming a layer that is already in a model,
    ///   before any layer is taken.
    static func claim(_ layers: [Layer], for model: String) throws {
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<ObjectIdentifier>()
        for (index, layer) in layers.enumerated() {
            let id = ObjectIdentifier(layer)
            let label = layer.name.isEmpty ? "\(layer.typeName) (layer \(index + 1))" : layer.name
            if let owner = owners[id] {
                throw LearnError.invalidLayer(layer: label, reason: "it already belongs to model '\(owner)'; "
                                              + "a layer holds one model's weights: create a new layer for this model")
            }
            guard seen.insert(id).inserted else {
                throw LearnError.invalidLayer(layer: label, reason: "it appears twice in the layer list; "
                                              + "a layer holds one place's weights: create a new layer for each place")
            }
        }
        for id in seen { owners[id] = model }
    }

    /// Gives the layers back when their model is gone (or failed to build).
    static func release(_ layers: [Layer]) {
        lock.lock()
        defer { lock.unlock() }
        for layer in layers { owners[ObjectIdentifier(layer)] = nil }
    }
}
