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
        // Two 32-bit draws per 64-bit random number: each value is dropped when its
        // draw, as a fraction of 2^32, is below the rate.
        let threshold = UInt64((Double(rate) * 4_294_967_296).rounded())
        var rng = context.rng  // a local copy: no exclusivity check per draw
        defer { context.rng = rng }
        // The draws are a serial chain; the mask takes them two at a time with no
        // per-value bounds test, and the product is a separate loop that vectorises.
        let pairs = n / 2
        for j in 0..<pairs {
            let r = rng.next()
            m[2 * j] = r & 0xFFFF_FFFF < threshold ? 0 : scale
            m[2 * j + 1] = r >> 32 < threshold ? 0 : scale
        }
        if n % 2 == 1 { m[n - 1] = rng.next() & 0xFFFF_FFFF < threshold ? 0 : scale }
        for i in 0..<n { y[i] = x[i] * m[i] }
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
