/// The names of a model's layers, which make its weights' paths (`sequential/dense/kernel`).
///
/// Keras refuses a name with a `/` and two layers of one model with the same name; its
/// automatic names (`dense`, `dense_1`, ...) are unique across the session, so they never
/// meet a name the user gave. Here automatic names count per model, so they skip the
/// names already given instead. Without these checks two layers' weights shared a path:
/// `saveWeights` failed, and only then.
enum LayerNames {
    /// Keeps the names the layers have and gives the others `baseName`, `baseName_1`, ...
    /// in order, skipping names in use.
    ///
    /// - Throws: `LearnError.invalidLayer` for a name with a `/`, or one given to two layers.
    static func assign(_ layers: [Layer]) throws {
        var taken = Set<String>()
        for layer in layers where !layer.name.isEmpty {
            guard !layer.name.contains("/") else {
                throw LearnError.invalidLayer(layer: layer.name, reason: "a layer's name cannot contain '/', "
                                              + "which separates the parts of its weights' paths")
            }
            guard taken.insert(layer.name).inserted else {
                throw LearnError.invalidLayer(layer: layer.name, reason: "two layers of the model have this name; "
                                              + "the names make the weights' paths, so each must be unique")
            }
        }
        var counts: [String: Int] = [:]
        for layer in layers where layer.name.isEmpty {
            var name: String
            repeat {
                let n = counts[layer.baseName, default: 0]
                counts[layer.baseName] = n + 1
                name = n == 0 ? layer.baseName : "\(layer.baseName)_\(n)"
            } while taken.contains(name)
            layer.name = name
            taken.insert(name)
        }
    }
}
