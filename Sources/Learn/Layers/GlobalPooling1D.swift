/// Keras `GlobalAveragePooling1D()` and `GlobalMaxPooling1D()`: (None, steps, channels)
/// → (None, channels), the mean or the maximum over the steps (keepdims=False). The two
/// share this class; each is its own public type, named as Keras names it.
///
/// The mean is the sum over the steps divided by their count, and its gradient dy / steps
/// on every step (tf.reduce_mean's). The maximum's gradient is TensorFlow's for
/// reduce_max: split evenly between the steps that tie for it, (1 / ties) · dy each.
public class GlobalPooling1D: Layer {
    enum Reduction { case mean, max }
    let reduction: Reduction
    public var name = ""
    public var typeName: String { reduction == .mean ? "GlobalAveragePooling1D" : "GlobalMaxPooling1D" }
    public var baseName: String { reduction == .mean ? "global_average_pooling1d" : "global_max_pooling1d" }
    public var parameters: [Parameter] { [] }
    private var steps = 0, channels = 0
    private var input: UnsafePointer<Float>?
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    init(_ reduction: Reduction) { self.reduction = reduction }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 2, inputShape[0] > 0, inputShape[1] > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps, channels)", actual: inputShape)
        }
        steps = inputShape[0]; channels = inputShape[1]
        return [channels]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        let steps = self.steps, channels = self.channels, count = Float(steps)
        let y = output.resize(batch * channels)
        for b in 0..<batch {
            let yb = y + b * channels
            yb.update(from: x + b * steps * channels, count: channels)
            for s in 1..<max(steps, 1) {
                let xs = x + (b * steps + s) * channels
                switch reduction {
                case .mean: for c in 0..<channels { yb[c] += xs[c] }
                case .max: for c in 0..<channels { yb[c] = max(yb[c], xs[c]) }
                }
            }
            if reduction == .mean { for c in 0..<channels { yb[c] /= count } }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient, let x = input else { return nil }
        let steps = self.steps, channels = self.channels, y = output.pointer
        let dx = inputGradient.resize(batch * steps * channels)
        for b in 0..<batch {
            for c in 0..<channels {
                let o = b * channels + c
                var ties = 0
                if reduction == .max {
                    for s in 0..<steps where x[(b * steps + s) * channels + c] == y[o] { ties += 1 }
                }
                let share = 1 / Float(ties)
                for s in 0..<steps {
                    let i = (b * steps + s) * channels + c
                    switch reduction {
                    case .mean: dx[i] = dy[o] / Float(steps)
                    case .max: dx[i] = x[i] == y[o] ? share * dy[o] : 0
                    }
                }
            }
        }
        return UnsafePointer(dx)
    }
}

public final class GlobalAveragePooling1D: GlobalPooling1D {
    public init() { super.init(.mean) }
}

public final class GlobalMaxPooling1D: GlobalPooling1D {
    public init() { super.init(.max) }
}
