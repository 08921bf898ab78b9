/// Keras `MaxPooling1D(pool_size)` with stride = pool size and "valid" padding:
/// (None, steps, channels) → (None, steps / pool, channels), rounding down.
public final class MaxPooling1D: Layer {
    public let poolSize: Int
    public var name = ""
    public var typeName: String { "MaxPooling1D" }
    public var baseName: String { "max_pooling1d" }
    public var parameters: [Parameter] { [] }
    private var steps = 0, channels = 0, outSteps = 0
    private var winners: [Int32] = []  // per output value, the input index that won
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ poolSize: Int = 2) { self.poolSize = poolSize }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 2, inputShape[0] >= poolSize, poolSize > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps ≥ \(poolSize), channels)", actual: inputShape)
        }
        steps = inputShape[0]; channels = inputShape[1]; outSteps = steps / poolSize
        return [outSteps, channels]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        let n = batch * outSteps * channels
        let y = output.resize(n)
        if winners.count < n { winners = [Int32](repeating: 0, count: n) }
        winners.withUnsafeMutableBufferPointer { w in
            for b in 0..<batch {
                for t in 0..<outSteps {
                    let o = (b * outSteps + t) * channels
                    let first = (b * steps + t * poolSize) * channels
                    for c in 0..<channels {
                        var best = first + c
                        for k in 1..<poolSize where x[first + k * channels + c] > x[best] {
                            best = first + k * channels + c
                        }
                        y[o + c] = x[best]
                        w[o + c] = Int32(best)
                    }
                }
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        let dx = inputGradient.resize(batch * steps * channels)
        dx.update(repeating: 0, count: batch * steps * channels)
        winners.withUnsafeBufferPointer { w in
            for i in 0..<(batch * outSteps * channels) { dx[Int(w[i])] += dy[i] }
        }
        return UnsafePointer(dx)
    }
}
