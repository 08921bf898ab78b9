/// Keras `MaxPooling1D(pool_size=2, strides=None, padding="valid")` on
/// (None, steps, channels); strides default to the pool size. With those defaults,
/// (None, steps / pool, channels), rounding down, through MaxPoolingKernels (which a
/// convolution that pools its own output shares); other strides or "same" padding take
/// the general path (MaxPooling1D+Windows.swift).
public final class MaxPooling1D: Layer {
    public let poolSize: Int
    public let strides: Int
    public let padding: Padding
    public var name = ""
    public var typeName: String { "MaxPooling1D" }
    public var baseName: String { "max_pooling1d" }
    public var parameters: [Parameter] { [] }
    private(set) var steps = 0, channels = 0, outSteps = 0
    var windows = PoolingWindows(steps: 0, pool: 1, stride: 1, padding: .valid)
    /// The general path's winners: per output value, the input step that won.
    var winnerSteps: [Int32] = []
    private let winners = WinnerBuffer()  // per output value, the tap (0..<pool) that won; -1: clamped by the ramp
    /// Set by the model when a ReLU precedes this layer and was folded in: the output is
    /// clamped at zero and a clamped value passes no gradient, exactly as ReLU then pooling.
    var appliesReLU = false
    /// Set by the model when the convolution before this layer pools its own output
    /// (Conv1D+Pooling.swift): this layer then passes data and gradients through.
    var foldedIntoConvolution = false
    let output = FloatBuffer()
    let inputGradient = FloatBuffer()

    public init(_ poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
    }

    /// Whether the windows tile the sequence (stride = pool, "valid"): the shape that
    /// MaxPoolingKernels and the folds into a ReLU and a convolution were written for.
    /// Those keep each winner's place in its window as an Int8, so a pool above 127 takes
    /// the general windows' path instead, whose winners are Int32.
    var tilesWindows: Bool { strides == poolSize && padding == .valid && poolSize <= Int(Int8.max) }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard poolSize > 0 else {
            throw LearnError.invalidLayer(layer: name, reason: "pool size must be at least 1, got \(poolSize)")
        }
        windows = try PoolingWindows.build(layer: name, inputShape: inputShape, pool: poolSize, stride: strides, padding: padding)
        steps = inputShape[0]; channels = inputShape[1]; outSteps = windows.outSteps
        return [outSteps, channels]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        if foldedIntoConvolution { return x }
        guard tilesWindows else { return windowsForward(x, batch: batch) }
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
        guard tilesWindows else { return windowsBackward(dy, batch: batch) }
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
