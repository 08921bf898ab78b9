/// Keras `Conv1D(filters, kernel_size, strides, padding, dilation_rate=..., activation,
/// use_bias)` on (None, steps, channels), as im2col followed by one sgemm per batch.
/// The defaults are Keras's: "valid" padding, stride and dilation 1, a bias, no activation
/// (the tutorial's si_cnn asks for "same").
///
/// Output length and padding follow TensorFlow (see `Padding`): "same" pads
/// (out - 1)·stride + span - steps zeros in total, the smaller half on the left (63 left
/// and 64 right for a kernel of 128 at stride 1). As in Keras, a stride and a dilation
/// above 1 cannot be combined. Weights: `kernel` (kernel_size, channels, filters),
/// Glorot-uniform; `bias` (filters), zeros, unless `useBias` is false. With glu the
/// output has filters / 2 channels (`Activation.Function.outputShape`).
///
/// In si_cnn's shape ("same", stride and dilation 1, a bias, no activation) the model
/// may fold a normalisation before this layer and a pooling after it into FFT
/// correlations (Conv1D+Normalization.swift, Conv1D+Pooling.swift); any other setting
/// runs the im2col path.
public final class Conv1D: Layer {
    public let filters: Int
    public let kernelSize: Int
    public let strides: Int
    public let padding: Padding
    public let dilationRate: Int
    public let activation: Activation.Function
    public let useBias: Bool
    public var name = ""
    public var typeName: String { "Conv1D" }
    public var baseName: String { "conv1d" }
    public private(set) var parameters: [Parameter] = []

    /// Input steps and channels; the convolution's output length (before any folded
    /// pooling, see `outputSteps`); zeros padded on the left.
    private(set) var steps = 0, channels = 0, convolvedSteps = 0, padLeft = 0
    var patch: Int { kernelSize * channels }
    let columns = FloatBuffer()       // (batch·convolvedSteps, kernel·channels)
    let output = FloatBuffer()        // before the activation, if any
    private let activated = FloatBuffer()
    private let activationGradient = FloatBuffer()
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
    let inputGradient = FloatBuffer()

    public init(filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding = .valid, dilationRate: Int = 1,
                activation: Activation.Function = .linear, useBias: Bool = true) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilationRate = dilationRate
        self.activation = activation
        self.useBias = useBias
    }

    /// Whether the layer is in the shape the folded FFT paths were written for.
    var hasFoldableOptions: Bool {
        strides == 1 && padding == .same && dilationRate == 1 && activation == .linear && useBias
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 2, inputShape[0] > 0, inputShape[1] > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps, channels)", actual: inputShape)
        }
        guard filters > 0, kernelSize > 0 else {
            throw LearnError.invalidLayer(layer: name, reason: "filters and kernel size must be positive, "
                                          + "got \(filters) and \(kernelSize)")
        }
        guard strides > 0, dilationRate > 0 else {
            throw LearnError.invalidLayer(layer: name, reason: "strides and dilation rate must be positive, "
                                          + "got \(strides) and \(dilationRate)")
        }
        guard strides == 1 || dilationRate == 1 else {
            throw LearnError.invalidLayer(layer: name, reason: "strides above 1 cannot be combined with a dilation "
                                          + "rate above 1 (Keras refuses them too), got \(strides) and \(dilationRate)")
        }
        steps = inputShape[0]; channels = inputShape[1]
        // The steps one kernel covers; bounded so the padding arithmetic cannot overflow.
        let (reach, overflow) = (kernelSize - 1).multipliedReportingOverflow(by: dilationRate)
        guard !overflow, reach < 1 << 40 else {
            throw LearnError.invalidLayer(layer: name, reason: "a kernel of \(kernelSize) at dilation \(dilationRate) "
                                          + "spans more steps than any input could have")
        }
        let span = reach + 1
        (convolvedSteps, padLeft) = padding.layout(steps: steps, span: span, stride: strides)
        guard convolvedSteps > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps ≥ \(span), channels) for a \"valid\" "
                                           + "kernel of \(kernelSize) at dilation \(dilationRate)", actual: inputShape)
        }
        let outputShape = try activation.outputShape([convolvedSteps, filters], layer: name, axis: "filters")
        let shape = [kernelSize, channels, filters]
        parameters = [Parameter("kernel", shape: shape, values: Initializers.glorotUniform(shape, rng: &rng))]
        if useBias { parameters.append(Parameter("bias", shape: [filters], values: [Float](repeating: 0, count: filters))) }
        return outputShape
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        if let bn = foldedNormalization { return foldedForward(bn, batch: batch) }
        fillColumns(from: x, batch: batch)
        let rows = batch * convolvedSteps, p = patch
        let y = output.resize(rows * filters)
        if useBias {
            let bias = parameters[1].value.pointer
            for r in 0..<rows { (y + r * filters).update(from: bias, count: filters) }
        } else {
            y.update(repeating: 0, count: rows * filters)
        }
        BLAS.gemm(false, false, m: rows, n: filters, k: p, columns.pointer, lda: p,
                  parameters[0].value.pointer, ldb: filters, beta: 1, y, ldc: filters)
        if activation == .linear { return UnsafePointer(y) }
        let a = activated.resize(rows * activation.outputWidth(filters))
        activation.apply(y, into: a, rows: rows, width: filters)
        return UnsafePointer(a)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        if let bn = foldedNormalization {
            foldedBackward(bn, dy, batch: batch)
            return nil  // the normalisation's gradients are set; nothing flows further back
        }
        let rows = batch * convolvedSteps, p = patch
        var dz = dy
        if activation != .linear {
            let g = activationGradient.resize(rows * filters)
            activation.gradient(dy, input: output.pointer, output: activated.pointer, into: g, rows: rows, width: filters)
            dz = UnsafePointer(g)
        }
        let kernel = parameters[0]
        BLAS.gemm(true, false, m: p, n: filters, k: rows, columns.pointer, lda: p, dz, ldb: filters,
                  beta: kernel.gradientProductBeta(), kernel.gradient.pointer, ldc: filters)
        if useBias { Vector.columnSums(dz, rows: rows, columns: filters, into: parameters[1].gradient.pointer) }
        guard needsInputGradient else { return nil }
        let dcol = columnGradient.resize(rows * p)
        BLAS.gemm(false, true, m: rows, n: p, k: filters, dz, lda: filters, kernel.value.pointer, ldb: filters,
                  dcol, ldc: p)
        return scatterColumns(dcol, batch: batch)
    }
}
