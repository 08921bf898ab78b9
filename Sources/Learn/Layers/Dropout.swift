/// Keras `Dropout(rate)`: in training, zeroes each value with probability `rate` and
/// scales the rest by 1 / (1 - rate) (inverted dropout); in inference, the identity.
/// `rate` is in [0, 1], as Keras 3 allows: 0 is the identity, 1 zeroes everything in
/// training (Keras returns zeros without drawing a mask; so does this).
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
        guard rate >= 0, rate <= 1 else {
            throw LearnError.invalidLayer(layer: name, reason: "rate must be in [0, 1], got \(rate)")
        }
        perSample = inputShape.reduce(1, *)
        return inputShape
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        active = context.training && rate > 0
        guard active else { return x }
        let n = batch * perSample
        let m = mask.resize(n), y = output.resize(n)
        guard rate < 1 else {
            // Keras's zeros_like: no draws, and zeros even for an infinite input (0 · inf is NaN).
            m.update(repeating: 0, count: n)
            y.update(repeating: 0, count: n)
            return UnsafePointer(y)
        }
        let scale = 1 / (1 - rate)
        // Two 32-bit draws per 64-bit random number: each value is dropped when its
        // draw, as a fraction of 2^32, is below the rate.
        let threshold = UInt64((Double(rate) * 4_294_967_296).rounded())
        // A 32-bit compare (a threshold of 2^32, a rate within 2^-33 of 1, drops all).
        let scaleBits = threshold > UInt64(UInt32.max) ? 0 : scale.bitPattern
        let threshold32 = UInt32(min(threshold, UInt64(UInt32.max)))
        let apply = { (range: Range<Int>) in
            Self.applyDraws(range, draws: m, x: x, y: y, threshold: threshold32, scaleBits: scaleBits)
        }
        // Draw j decides values 2j and 2j + 1. The draws are stored raw in the mask, the
        // two 32-bit halves of each in the mask's two slots (low half first), then turned
        // into the mask and the output while still in cache. Whole chunks of pairs go four
        // at a time in SIMD lanes, from their starting states (ChunkJump), one group of
        // four per thread at a time; the rest, and an odd last value, come one after
        // another from the state where the chunks end. Either way each value gets the
        // draw it would get from one serial chain, whatever the thread count.
        let chunk = ChunkJump.chunk, pairs = n / 2, groups = pairs / chunk / 4
        var starts: [SeededGenerator.State] = []
        var state = context.rng.state
        for _ in 0..<(4 * groups) {
            starts.append(state)
            state = ChunkJump.advance(state)
        }
        let raw = UnsafeMutableRawPointer(m)
        Workers.forEach(count: groups, parts: LearnBackend.threads, inParallel: LearnBackend.threads > 1) { _, range in
            for group in range {
                let k = 4 * group
                var lanes = GeneratorLanes(starts[k], starts[k + 1], starts[k + 2], starts[k + 3])
                let first = raw.assumingMemoryBound(to: UInt64.self) + 4 * group * chunk
                let a = first, b = first + chunk, c = first + 2 * chunk, d = first + 3 * chunk
                for i in 0..<chunk {
                    let draw = lanes.next()
                    a[i] = draw[0].littleEndian
                    b[i] = draw[1].littleEndian
                    c[i] = draw[2].littleEndian
                    d[i] = draw[3].littleEndian
                }
                apply((8 * group * chunk)..<(8 * (group + 1) * chunk))
            }
        }
        var rng = SeededGenerator(state: state)  // a local copy: no exclusivity check per draw
        for j in (4 * groups * chunk)..<pairs { raw.storeBytes(of: rng.next().littleEndian, toByteOffset: 8 * j, as: UInt64.self) }
        if n % 2 == 1 { raw.storeBytes(of: UInt32(truncatingIfNeeded: rng.next()), toByteOffset: 4 * (n - 1), as: UInt32.self) }
        context.rng = rng
        let rest = (8 * groups * chunk)..<n
        // What is left can still be large (a layer under four chunks of pairs): split it
        // across Learn's threads too.
        Self.inParts(rest.count) { part in apply((rest.lowerBound + part.lowerBound)..<(rest.lowerBound + part.upperBound)) }
        return UnsafePointer(y)
    }

    /// Turns the raw 32-bit draws in `range` into the mask (0 or the scale's bits, in
    /// place) and the output.
    @inline(__always)
    private static func applyDraws(_ range: Range<Int>, draws: UnsafeMutablePointer<Float>,
                                   x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
                                   threshold: UInt32, scaleBits: UInt32) {
        // Explicit SIMD with integer arithmetic (the compiler keeps the plain select a
        // branch, and SIMDMask selects go lane by lane): draw - threshold borrows
        // exactly when the draw is below the threshold; borrow - 1 is then 0, else
        // all ones. The output is made in the same pass, from the mask in registers.
        draws.withMemoryRebound(to: UInt32.self, capacity: range.upperBound) { draws in
            let t = SIMD8<UInt32>(repeating: threshold), bits = SIMD8<UInt32>(repeating: scaleBits)
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
                draws[i] = draws[i] < threshold ? 0 : scaleBits
                y[i] = x[i] * Float(bitPattern: draws[i])
                i += 1
            }
        }
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
