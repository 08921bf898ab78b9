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

    /// Each weight in one place, under a name of its own within its layer. A layer of
    /// one's own lists its `Parameter`s itself: two alike in name shared a path, so
    /// `saveWeights` failed after training, and `loadWeights` read one array into both;
    /// one `Parameter` listed twice (by one layer, or by two) was updated twice per Adam
    /// step, and the second backward pass overwrote the first's gradient.
    ///
    /// - Throws: `LearnError.invalidLayer` naming the layer and the weight.
    static func checkWeights(_ layers: [Layer]) throws {
        var placed = Set<ObjectIdentifier>()
        for layer in layers {
            var names = Set<String>()
            for parameter in layer.parameters {
                guard names.insert(parameter.name).inserted else {
                    throw LearnError.invalidLayer(layer: layer.name, reason: "two of its weights are named "
                                                  + "'\(parameter.name)'; the names make the weights' paths, so each must be unique")
                }
                guard placed.insert(ObjectIdentifier(parameter)).inserted else {
                    throw LearnError.invalidLayer(layer: layer.name, reason: "its weight '\(parameter.name)' is listed "
                                                  + "twice in the model; a backward pass writes a weight's gradient, "
                                                  + "so a weight has one place: create a Parameter for each")
                }
            }
        }
    }
}
