/// Keras `Dense(units, activation)`: y = act(x · kernel + bias) on the last axis, with a
/// Glorot-uniform kernel (in, units) and a zero bias. With glu the output has units / 2
/// values (`Activation.Function.outputShape`).
public final class Dense: Layer, LogitsOutput {
    public let units: Int
    public let activation: Activation.Function
    public var name = ""
    public var typeName: String { "Dense" }
    public var baseName: String { "dense" }
    public private(set) var parameters: [Parameter] = []

    private var inputs = 0
    private var rowsPerSample = 1
    private var input: UnsafePointer<Float>?
    private let preactivation = FloatBuffer()
    private let output = FloatBuffer()
    private let gradientBuffer = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ units: Int, activation: Activation.Function = .linear) {
        self.units = units
        self.activation = activation
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard let last = inputShape.last, last > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, ..., features)", actual: inputShape)
        }
        guard units > 0 else { throw LearnError.invalidLayer(layer: name, reason: "units must be positive, got \(units)") }
        let shape = try activation.outputShape(Array(inputShape.dropLast()) + [units], layer: name, axis: "units")
        inputs = last
        rowsPerSample = inputShape.dropLast().reduce(1, *)
        parameters = [
            Parameter("kernel", shape: [last, units], values: Initializers.glorotUniform([last, units], rng: &rng)),
            Parameter("bias", shape: [units], values: [Float](repeating: 0, count: units)),
        ]
        return shape
    }

    var lossTakesLogits: Bool { activation.outputKeepsLogits }
    var outputIsSoftmax: Bool { activation == .softmax }
    var logits: UnsafePointer<Float> { UnsafePointer(preactivation.pointer) }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        let rows = batch * rowsPerSample
        let z = preactivation.resize(rows * units)
        let bias = parameters[1].value.pointer
        for r in 0..<rows { (z + r * units).update(from: bias, count: units) }
        BLAS.splitGemm(false, false, m: rows, n: units, k: inputs, x, lda: inputs,
                       parameters[0].value.pointer, ldb: units, beta: 1, z, ldc: units)
        if activation == .linear { return UnsafePointer(z) }
        let y = output.resize(rows * activation.outputWidth(units))
        activation.apply(z, into: y, rows: rows, width: units)
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        let rows = batch * rowsPerSample, n = rows * units
        let dz = gradientBuffer.resize(n)
        activation.gradient(dy, input: preactivation.pointer, output: output.pointer, into: dz, rows: rows, width: units)
        return backward(logitGradient: dz, batch: batch, needsInputGradient: needsInputGradient)
    }

    func backward(logitGradient dz: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard let x = input else { return nil }
        let rows = batch * rowsPerSample
        let kernel = parameters[0], bias = parameters[1]
        BLAS.splitGemm(true, false, m: inputs, n: units, k: rows, x, lda: inputs, dz, ldb: units,
                       beta: kernel.gradientProductBeta(), kernel.gradient.pointer, ldc: units)
        Vector.columnSums(dz, rows: rows, columns: units, into: bias.gradient.pointer)
        guard needsInputGradient else { return nil }
        let dx = inputGradient.resize(rows * inputs)
        BLAS.splitGemm(false, true, m: rows, n: inputs, k: units, dz, lda: units,
                       kernel.value.pointer, ldb: units, dx, ldc: inputs)
        return UnsafePointer(dx)
    }
}
