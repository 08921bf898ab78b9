/// Why building, training or using a model failed. Each message names the layer, the
/// epoch and batch, or the data row concerned, so the user knows where to look.
public enum LearnError: Error, CustomStringConvertible, Equatable {
    /// A layer cannot take the shape the previous layer gives it.
    case shapeMismatch(layer: String, expected: String, actual: [Int])
    /// A layer was configured with an impossible setting (e.g. zero units).
    case invalidLayer(layer: String, reason: String)
    /// Training or evaluation data that cannot be used.
    case invalidData(String)
    /// An invalid setting of fit, evaluate or predict (e.g. batch size 0).
    case invalidArgument(String)
    /// The loss became NaN or infinite.
    case nonFiniteLoss(epoch: Int, batch: Int, value: Float)
    /// A weights file that does not fit the model.
    case weights(String)
    /// Weights that fit the model but cannot be used (a NaN, a negative variance).
    case unusableWeights(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let layer, let expected, let actual):
            return "layer '\(layer)': expects input of shape \(expected), got \(Shape.describe(actual))"
        case .invalidLayer(let layer, let reason):
            return "layer '\(layer)': \(reason)"
        case .invalidData(let reason):
            return "invalid data: \(reason)"
        case .invalidArgument(let reason):
            return "invalid argument: \(reason)"
        case .nonFiniteLoss(let epoch, let batch, let value):
            return "the loss became \(value) at epoch \(epoch), batch \(batch); training stopped " +
                "(check the features for extreme values, or lower the learning rate)"
        case .weights(let reason), .unusableWeights(let reason):
            return "weights: \(reason)"
        }
    }
}

/// Keras-style printing of per-sample shapes with the batch axis as `None`.
enum Shape {
    static func describe(_ perSample: [Int]) -> String {
        "(" + (["None"] + perSample.map(String.init)).joined(separator: ", ") + ")"
    }

    /// The width of the last axis and the values per sample of a layer that works along
    /// the last axis (softmax), which must not be empty; the error calls the axis `axis`.
    static func lastAxis(of shape: [Int], layer: String, named axis: String) throws -> (width: Int, perSample: Int) {
        guard let last = shape.last, last > 0 else {
            throw LearnError.shapeMismatch(layer: layer, expected: "(None, ..., \(axis))", actual: shape)
        }
        return (last, shape.reduce(1, *))
    }
}
