/// Keras `Conv1D(filters, kernel_size, strides=1, padding="same")` on
/// (None, steps, channels), as im2col followed by one sgemm per batch.
///
/// "same" pads kernel_size - 1 zeros in total, the smaller half on the left
/// (63 left and 64 right for a kernel of 128). Weights: `kernel`
/// (kernel_size, channels, filters), Glorot-uniform; `bias` (filters), zeros.
public final class Conv1D: Layer {
    public let filters: Int
    public let kernelSize: Int
    public var name = ""
    public var typeName: String { "Conv1D" }
    public var baseName: String { "conv1d" }
    public private(set) var parameters: [Parameter] = []

    private(set) var steps = 0, channels = 0, padLeft = 0
    var patch: Int { kernelSize * channels }
    let columns = FloatBuffer()       // (batch·steps, kernel·channels)
    let output = FloatBuffer()
    // Buffers of the folded normalisation (Conv1D+Normalization.swift).
    let scratch = FloatBuffer(), shiftBuffer = FloatBuffer(), runningBuffer = FloatBuffer(), runningSteps = FloatBuffer()
    let tapSums = FloatBuffer()
    /// A first-layer one-channel BatchNormalization folded into this layer by the model.
    weak var foldedNormalization: BatchNormalization?
    /// A MaxPooling1D after this folded layer (a ReLU between may be folded into it),
    /// applied inside this layer's FFT correlation (Conv1D+Pooling.swift).
    weak var foldedPooling: MaxPooling1D?
    let poolingWinners = WinnerBuffer()
    var fourier: FourierCorrelation?
    /// Whether the model folded the normalisation before it into this layer, so its
    /// backward pass skips the product for the input gradient.
    public var foldsNormalization: Bool { foldedNormalization != nil }
    private let columnGradient = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(filters: Int, kernelSize: Int) {
        self.filters = filters
        self.kernelSize = kernelSize
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 2, inputShape[0] > 0, inputShape[1] > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps, channels)", actual: inputShape)
        }
        guard filters > 0, kernelSize > 0 else {
            throw LearnError.invalidLayer(layer: name, reason: "filters and kernel size must be positive, "
                                          + "got \(filters) and \(kernelSize)")
        }
        steps = inputShape[0]; channels = inputShape[1]
        padLeft = (kernelSize - 1) / 2
        let shape = [kernelSize, channels, filters]
        parameters = [
            Parameter("kernel", shape: shape, values: Initializers.glorotUniform(shape, rng: &rng)),
            Parameter("bias", shape: [filters], values: [Float](repeating: 0, count: filters)),
        ]
        return [steps, filters]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        if let bn = foldedNormalization { return foldedForward(bn, batch: batch) }
        fillColumns(from: x, batch: batch)
        let rows = batch * steps, p = patch
        let y = output.resize(rows * filters)
        let bias = parameters[1].value.pointer
        for r in 0..<rows { (y + r * filters).update(from: bias, count: filters) }
        BLAS.gemm(false, false, m: rows, n: filters, k: p, columns.pointer, lda: p,
                  parameters[0].value.pointer, ldb: filters, beta: 1, y, ldc: filters)
        return UnsafePointer(y)
    }

    /// im2col: row (b, t) holds input steps t - padLeft ..< t - padLeft + kernel, zero outside.
    func fillColumns(from x: UnsafePointer<Float>, batch: Int) {
        let rows = batch * steps, p = patch
        let col = columns.resize(rows * p)
        for b in 0..<batch {
            for t in 0..<steps {
                let dst = col + (b * steps + t) * p
                // Input steps t - padLeft ..< t - padLeft + kernel, zero outside the sequence.
                let first = t - padLeft
                let lo = max(0, -first), hi = min(kernelSize, steps - first)
                if lo > 0 { dst.update(repeating: 0, count: lo * channels) }
                if hi > lo {
                    dst.advanced(by: lo * channels)
                        .update(from: x + (b * steps + first + lo) * channels, count: (hi - lo) * channels)
                }
                if hi < kernelSize { dst.advanced(by: hi * channels).update(repeating: 0, count: (kernelSize - hi) * channels) }
            }
        }
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        if let bn = foldedNormalization {
            foldedBackward(bn, dy, batch: batch)
            return nil  // the normalisation's gradients are set; nothing flows further back
        }
        let rows = batch * steps, p = patch
        let kernel = parameters[0], bias = parameters[1]
        BLAS.gemm(true, false, m: p, n: filters, k: rows, columns.pointer, lda: p, dy, ldb: filters,
                  beta: kernel.gradientProductBeta(), kernel.gradient.pointer, ldc: filters)
        Vector.columnSums(dy, rows: rows, columns: filters, into: bias.gradient.pointer)
        guard needsInputGradient else { return nil }
        let dcol = columnGradient.resize(rows * p)
        BLAS.gemm(false, true, m: rows, n: p, k: filters, dy, lda: filters, kernel.value.pointer, ldb: filters,
                  dcol, ldc: p)
        let dx = inputGradient.resize(rows * channels)
        dx.update(repeating: 0, count: rows * channels)
        for b in 0..<batch {
            for t in 0..<steps {
                let src = dcol + (b * steps + t) * p
                let first = t - padLeft
                let lo = max(0, -first), hi = min(kernelSize, steps - first)
                guard hi > lo else { continue }
                let dst = dx + (b * steps + first) * channels
                for i in (lo * channels)..<(hi * channels) { dst[i] += src[i] }
            }
        }
        return UnsafePointer(dx)
    }
}
