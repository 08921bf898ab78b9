/// Keras `Dropout(rate)`: in training, zeroes each value with probability `rate` and
/// scales the rest by 1 / (1 - rate) (inverted dropout); in inference, the identity.
public final class Dropout: Layer {
    public let rate: Float
    public var name = ""
    public var typeName: String { "Dropout" }
    public var baseName: String { "dropout" }
    public var parameters: [Parameter] { [] }
    private var perSample = 0
    private var active = false
    private let mask = FloatBuffer()
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ rate: Float) { self.rate = rate }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard rate >= 0, rate < 1 else {
            throw LearnError.invalidLayer(layer: name, reason: "rate must be in [0, 1), got \(rate)")
        }
        perSample = inputShape.reduce(1, *)
        return inputShape
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        active = context.training && rate > 0
        guard active else { return x }
        let n = batch * perSample
        let m = mask.resize(n), y = output.resize(n)
        let scale = 1 / (1 - rate)
        for i in 0..<n {
            m[i] = Float(context.rng.nextUnit()) < rate ? 0 : scale
            y[i] = x[i] * m[i]
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        guard active else { return dy }
        let n = batch * perSample
        let dx = inputGradient.resize(n), m = mask.pointer
        for i in 0..<n { dx[i] = dy[i] * m[i] }
        return UnsafePointer(dx)
    }
}
