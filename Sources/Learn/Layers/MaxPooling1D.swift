/// Keras `MaxPooling1D(pool_size)` with stride = pool size and "valid" padding:
/// (None, steps, channels) → (None, steps / pool, channels), rounding down.
public final class MaxPooling1D: Layer {
    public let poolSize: Int
    public var name = ""
    public var typeName: String { "MaxPooling1D" }
    public var baseName: String { "max_pooling1d" }
    public var parameters: [Parameter] { [] }
    private var steps = 0, channels = 0, outSteps = 0
    private let winners = Int32Buffer()  // per output value, the input index that won (-1: none)
    /// Set by the model when a ReLU precedes this layer and was folded in: the output is
    /// clamped at zero and a clamped value passes no gradient, exactly as ReLU then pooling.
    var appliesReLU = false
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
        // Locals, not properties, in the loops: class property reads there cost an
        // exclusivity check each.
        let steps = self.steps, channels = self.channels, outSteps = self.outSteps, pool = poolSize, ramp = appliesReLU
        let n = batch * outSteps * channels
        let y = output.resize(n)
        let w = winners.resize(n)
        for b in 0..<batch {
            for t in 0..<outSteps {
                let o = (b * outSteps + t) * channels
                let first = (b * steps + t * pool) * channels
                for c in 0..<channels {
                    var best = first + c
                    for k in 1..<pool where x[first + k * channels + c] > x[best] { best = first + k * channels + c }
                    if ramp && !(x[best] > 0) {
                        y[o + c] = 0
                        w[o + c] = -1
                    } else {
                        y[o + c] = x[best]
                        w[o + c] = Int32(truncatingIfNeeded: best)
                    }
                }
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        let total = batch * steps * channels, n = batch * outSteps * channels
        let dx = inputGradient.resize(total), w = winners.pointer
        dx.update(repeating: 0, count: total)
        for i in 0..<n where w[i] >= 0 { dx[Int(w[i])] += dy[i] }
        return UnsafePointer(dx)
    }
}

/// A growable block of Int32 (pooling winners), reallocated only for a larger batch.
final class Int32Buffer {
    private(set) var pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var capacity = 1

    deinit { pointer.deallocate() }

    func resize(_ n: Int) -> UnsafeMutablePointer<Int32> {
        if n > capacity {
            pointer.deallocate()
            pointer = .allocate(capacity: n)
            capacity = n
        }
        return pointer
    }
}
