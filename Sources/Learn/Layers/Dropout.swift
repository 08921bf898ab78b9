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
        // The draws are a serial chain: first store them raw, the two 32-bit halves of
        // each in the mask's two slots (low half first), with no work beside; then turn
        // them into the mask in a loop the compiler vectorises. Deciding per value inside
        // the chain became a branch, and a random keep/drop mispredicts.
        let pairs = n / 2
        let raw = UnsafeMutableRawPointer(m)
        for j in 0..<pairs { raw.storeBytes(of: rng.next().littleEndian, toByteOffset: 8 * j, as: UInt64.self) }
        if n % 2 == 1 { raw.storeBytes(of: UInt32(truncatingIfNeeded: rng.next()), toByteOffset: 4 * (n - 1), as: UInt32.self) }
        // A 32-bit compare (a threshold of 2^32, a rate within 2^-33 of 1, drops all).
        let scaleBits = threshold > UInt64(UInt32.max) ? 0 : scale.bitPattern
        let threshold32 = UInt32(min(threshold, UInt64(UInt32.max)))
        // The rest is element by element: split it across Learn's threads for large
        // layers (si_cnn drops from 790 k values per batch).
        Self.inParts(n) { range in
            // Explicit SIMD with integer arithmetic (the compiler keeps the plain select a
            // branch, and SIMDMask selects go lane by lane): draw - threshold borrows
            // exactly when the draw is below the threshold; borrow - 1 is then 0, else
            // all ones. The output is made in the same pass, from the mask in registers.
            m.withMemoryRebound(to: UInt32.self, capacity: n) { draws in
                let t = SIMD8<UInt32>(repeating: threshold32), bits = SIMD8<UInt32>(repeating: scaleBits)
                var i = range.lowerBound
                while i + 8 <= range.upperBound {
                    let d = SIMD8<UInt32>(loading: draws + i)
                    let borrow = ((~d & t) | (~(d ^ t) & (d &- t))) &>> 31
                    let maskBits = (borrow &- 1) & bits
                    maskBits.store(to: draws + i)
                    (SIMD8<Float>(loading: x + i) * unsafeBitCast(maskBits, to: SIMD8<Float>.self)).store(to: y + i)
                    i += 8
                }
                while i < range.upperBound {
                    draws[i] = draws[i] < threshold32 ? 0 : scaleBits
                    y[i] = x[i] * Float(bitPattern: draws[i])
                    i += 1
                }
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        guard active else { return dy }
        let n = batch * perSample
        let dx = inputGradient.resize(n), m = mask.pointer
        Self.inParts(n) { range in for i in range { dx[i] = dy[i] * m[i] } }
        return UnsafePointer(dx)
    }

    /// Runs `body` over 0..<n, in one part per Learn thread when n is large enough to pay
    /// for the hand-off; parts start at multiples of eight, for the SIMD loops.
    private static func inParts(_ n: Int, _ body: (Range<Int>) -> Void) {
        let parts = n >= 1 << 16 ? LearnBackend.threads : 1
        Workers.forEach(count: (n + 7) / 8, parts: parts) { _, octets in
            body((8 * octets.lowerBound)..<min(n, 8 * octets.upperBound))
        }
    }
}
