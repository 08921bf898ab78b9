/// Keras `BatchNormalization()` over the last axis: momentum 0.99, epsilon 1e-3.
///
/// Training: normalises with the batch's mean and biased variance (over every axis but
/// the last) and moves `moving_mean`/`moving_variance` towards them
/// (moving = moving · momentum + batch · (1 - momentum)). Inference: uses the moving
/// statistics. Output: gamma · (x - mean) / sqrt(var + epsilon) + beta.
///
/// `momentum` is a Python float in Keras: the moving statistic is multiplied by it in
/// float32, but 1 - momentum is computed in double first (0.0099999998 in float32, where
/// 1 - Float(0.99) is 0.0099999905), so it is kept here as Double.
public final class BatchNormalization: Layer {
    public let momentum: Double
    public let epsilon: Float
    public var name = ""
    public var typeName: String { "BatchNormalization" }
    public var baseName: String { "batch_normalization" }
    public private(set) var parameters: [Parameter] = []

    private var channels = 0
    private var rowsPerSample = 1
    private var trainingMode = false
    private(set) var input: UnsafePointer<Float>?
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()
    // Per-channel statistics of the last forward pass: mean and 1/sqrt(var + eps).
    private(set) var mean: [Float] = []
    private(set) var inverseStd: [Float] = []

    public init(momentum: Double = 0.99, epsilon: Float = 1e-3) {
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        // A bad setting would otherwise give NaN outputs, or moving statistics that drift off.
        guard epsilon > 0, epsilon.isFinite else {
            throw LearnError.invalidLayer(layer: name, reason: "epsilon must be a positive number, got \(epsilon)")
        }
        guard (0...1).contains(momentum) else {
            throw LearnError.invalidLayer(layer: name, reason: "momentum must be between 0 and 1, got \(momentum)")
        }
        guard let last = inputShape.last, last > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, ..., channels)", actual: inputShape)
        }
        channels = last
        rowsPerSample = inputShape.dropLast().reduce(1, *)
        let ones = [Float](repeating: 1, count: last), zeros = [Float](repeating: 0, count: last)
        parameters = [
            Parameter("gamma", shape: [last], values: ones),
            Parameter("beta", shape: [last], values: zeros),
            Parameter("moving_mean", shape: [last], trainable: false, values: zeros),
            Parameter("moving_variance", shape: [last], trainable: false, values: ones),
        ]
        mean = zeros
        inverseStd = ones
        return inputShape
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        trainingMode = context.training
        let rows = batch * rowsPerSample, c = channels
        let movingMean = parameters[2].value.pointer, movingVariance = parameters[3].value.pointer
        if context.training {
            // Sums in Double: the features span six orders of magnitude.
            var sum = [Double](repeating: 0, count: c), sumSquares = [Double](repeating: 0, count: c)
            // Through pointers: with one channel (si_cnn's), the arrays' checks in the
            // inner loop cost more than the adds.
            sum.withUnsafeMutableBufferPointer { sum in
                sumSquares.withUnsafeMutableBufferPointer { sumSquares in
                    for r in 0..<rows {
                        let row = x + r * c
                        for j in 0..<c { sum[j] += Double(row[j]) }
                    }
                    for j in 0..<c { sum[j] /= Double(rows) }
                    for r in 0..<rows {
                        let row = x + r * c
                        for j in 0..<c { let d = Double(row[j]) - sum[j]; sumSquares[j] += d * d }
                    }
                }
            }
            let keep = Float(momentum), take = Float(1 - momentum)
            for j in 0..<c {
                let variance = Float(sumSquares[j] / Double(rows))
                mean[j] = Float(sum[j])
                inverseStd[j] = 1 / (variance + epsilon).squareRoot()
                movingMean[j] = movingMean[j] * keep + mean[j] * take
                movingVariance[j] = movingVariance[j] * keep + variance * take
            }
        } else {
            for j in 0..<c {
                mean[j] = movingMean[j]
                inverseStd[j] = 1 / (movingVariance[j] + epsilon).squareRoot()
            }
        }
        let gamma = parameters[0].value.pointer, beta = parameters[1].value.pointer
        let y = output.resize(rows * c)
        mean.withUnsafeBufferPointer { mean in
            inverseStd.withUnsafeBufferPointer { inverseStd in
                for r in 0..<rows {
                    let xr = x + r * c, yr = y + r * c
                    for j in 0..<c { yr[j] = (xr[j] - mean[j]) * inverseStd[j] * gamma[j] + beta[j] }
                }
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard let x = input else { return nil }
        let rows = batch * rowsPerSample, c = channels
        var dGamma = [Double](repeating: 0, count: c), dBeta = [Double](repeating: 0, count: c)
        for r in 0..<rows {
            let xr = x + r * c, gr = dy + r * c
            for j in 0..<c {
                let xhat = (xr[j] - mean[j]) * inverseStd[j]
                dGamma[j] += Double(gr[j] * xhat)
                dBeta[j] += Double(gr[j])
            }
        }
        let gGamma = parameters[0].gradient.pointer, gBeta = parameters[1].gradient.pointer
        for j in 0..<c { gGamma[j] = Float(dGamma[j]); gBeta[j] = Float(dBeta[j]) }
        guard needsInputGradient else { return nil }
        let gamma = parameters[0].value.pointer
        let dx = inputGradient.resize(rows * c)
        if trainingMode {
            // The batch statistics depend on x: dx = γ/σ · (dy - mean(dy) - x̂ · mean(dy · x̂)).
            let n = Float(rows)
            for r in 0..<rows {
                let xr = x + r * c, gr = dy + r * c, dr = dx + r * c
                for j in 0..<c {
                    let xhat = (xr[j] - mean[j]) * inverseStd[j]
                    dr[j] = gamma[j] * inverseStd[j] * (gr[j] - Float(dBeta[j]) / n - xhat * Float(dGamma[j]) / n)
                }
            }
        } else {
            for r in 0..<rows {
                let gr = dy + r * c, dr = dx + r * c
                for j in 0..<c { dr[j] = gr[j] * gamma[j] * inverseStd[j] }
            }
        }
        return UnsafePointer(dx)
    }
}
