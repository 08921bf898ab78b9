/// Keras `LeakyReLU(negative_slope=0.3)`: x where x > 0, else negative_slope · x; the
/// gradient likewise from the input (TensorFlow's LeakyRelu and LeakyReluGrad). The
/// layer's default slope is 0.3 in Keras 3, while the `leaky_relu` activation function's
/// is 0.2; this is the layer.
public final class LeakyReLU: Layer {
    public let negativeSlope: Float
    public var name = ""
    public var typeName: String { "LeakyReLU" }
    public var baseName: String { "leaky_re_lu" }
    public var parameters: [Parameter] { [] }
    private var perSample = 0
    private var input: UnsafePointer<Float>?
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(negativeSlope: Float = 0.3) { self.negativeSlope = negativeSlope }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        // Keras refuses a negative or missing slope the same way.
        guard negativeSlope >= 0, negativeSlope.isFinite else {
            throw LearnError.invalidLayer(layer: name, reason: "negative slope must be a number of 0 or more, got \(negativeSlope)")
        }
        perSample = inputShape.reduce(1, *)
        return inputShape
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        let n = batch * perSample, slope = negativeSlope
        let y = output.resize(n)
        for i in 0..<n { y[i] = x[i] > 0 ? x[i] : x[i] * slope }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient, let x = input else { return nil }
        let n = batch * perSample, slope = negativeSlope
        let dx = inputGradient.resize(n)
        for i in 0..<n { dx[i] = x[i] > 0 ? dy[i] : dy[i] * slope }
        return UnsafePointer(dx)
    }
}
