/// Keras `MaxPooling1D(pool_size)` with stride = pool size and "valid" padding:
/// (None, steps, channels) → (None, steps / pool, channels), rounding down.
public final class MaxPooling1D: Layer {
    public let poolSize: Int
    public var name = ""
    public var typeName: String { "MaxPooling1D" }
    public var baseName: String { "max_pooling1d" }
    public var parameters: [Parameter] { [] }
    private var steps = 0, channels = 0, outSteps = 0
    private let winners = WinnerBuffer()  // per output value, the tap (0..<pool) that won; -1: clamped by the ramp
    /// Set by the model when a ReLU precedes this layer and was folded in: the output is
    /// clamped at zero and a clamped value passes no gradient, exactly as ReLU then pooling.
    var appliesReLU = false
    /// Set by the model when the convolution before this layer pools its own output
    /// (Conv1D+Pooling.swift): this layer then passes data and gradients through.
    var foldedIntoConvolution = false
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ poolSize: Int = 2) { self.poolSize = poolSize }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard poolSize > 0 else {
            throw LearnError.invalidLayer(layer: name, reason: "pool size must be at least 1, got \(poolSize)")
        }
        guard poolSize <= Int(Int8.max) else {
            throw LearnError.invalidLayer(layer: name, reason: "pool size \(poolSize) is above \(Int8.max)")
        }
        guard inputShape.count == 2, inputShape[0] >= poolSize, poolSize > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps ≥ \(poolSize), channels)", actual: inputShape)
        }
        steps = inputShape[0]; channels = inputShape[1]; outSteps = steps / poolSize
        return [outSteps, channels]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        if foldedIntoConvolution { return x }
        // Locals, not properties, in the loops (a class property read there costs an
        // exclusivity check).
        let steps = self.steps, channels = self.channels, outSteps = self.outSteps, pool = poolSize, ramp = appliesReLU
        let n = batch * outSteps * channels
        let y = output.resize(n)
        let taps = winners.resize(n)
        // Samples are independent: split them across Learn's threads (the layer is
        // memory-bound, and si_cnn's other layers already use both cores).
        Workers.forEach(count: batch, parts: LearnBackend.threads) { _, samples in
            for b in samples {
                let o = b * outSteps * channels
                MaxPoolingKernels.forward(x + b * steps * channels, stride: channels, outSteps: outSteps, width: channels,
                                          pool: pool, ramp: ramp, into: y + o, stride: channels, taps: taps + o)
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        if foldedIntoConvolution { return dy }
        let steps = self.steps, channels = self.channels, outSteps = self.outSteps, pool = poolSize
        let dx = inputGradient.resize(batch * steps * channels), taps = UnsafePointer(winners.pointer)
        Workers.forEach(count: batch, parts: LearnBackend.threads) { _, samples in
            for b in samples {
                let o = b * outSteps * channels
                MaxPoolingKernels.backward(dy + o, stride: channels, taps: taps + o, steps: steps, outSteps: outSteps,
                                           width: channels, pool: pool, into: dx + b * steps * channels, stride: channels)
            }
        }
        return UnsafePointer(dx)
    }
}

/// A growable block of pooling winners (MaxPoolingKernels), reallocated only for a
/// larger batch.
final class WinnerBuffer {
    private(set) var pointer = UnsafeMutablePointer<Int8>.allocate(capacity: 1)
    private var capacity = 1

    deinit { pointer.deallocate() }

    func resize(_ n: Int) -> UnsafeMutablePointer<Int8> {
        if n > capacity {
            pointer.deallocate()
            pointer = .allocate(capacity: n)
            capacity = n
        }
        return pointer
    }
}
