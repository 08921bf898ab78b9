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
    /// Which values were kept, a bit each (bit i % 8 of byte i / 8): the Float mask it
    /// replaced was as large as the layer's input (3.2 MB a batch for si_cnn), written
    /// forward and read back backward.
    private let kept = FloatBuffer()
    /// What a kept value is multiplied by: the scale's bits (0 when the rate is so near 1
    /// that every draw drops, and for rate 1).
    private var keptFactorBits: UInt32 = 0
    /// The raw draws, one buffer per thread, each for one group of chunks at a time (or
    /// the serial rest), so they stay in the core's cache until they are turned into bits.
    private var draws: [FloatBuffer] = []
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
        let y = output.resize(n)
        let bits = UnsafeMutableRawPointer(kept.resize((n + 31) / 32)).assumingMemoryBound(to: UInt8.self)
        guard rate < 1 else {
            // Keras's zeros_like: no draws, and zeros even for an infinite input (0 · inf is NaN).
            keptFactorBits = 0
            y.update(repeating: 0, count: n)
            return UnsafePointer(y)
        }
        let scale = 1 / (1 - rate)
        // Two 32-bit draws per 64-bit random number: each value is dropped when its
        // draw, as a fraction of 2^32, is below the rate.
        let threshold = UInt64((Double(rate) * 4_294_967_296).rounded())
        // A 32-bit compare (a threshold of 2^32, a rate within 2^-33 of 1, drops all).
        let scaleBits = threshold > UInt64(UInt32.max) ? 0 : scale.bitPattern
        keptFactorBits = scaleBits
        let threshold32 = UInt32(min(threshold, UInt64(UInt32.max)))
        // Draw j decides values 2j and 2j + 1, low half first. Whole chunks of pairs go
        // four at a time in SIMD lanes, from their starting states (ChunkJump), one group
        // of four per thread at a time, into that thread's draw buffer, and are turned
        // into the kept bits and the output while still in cache; the rest, and an odd
        // last value, come one after another from the state where the chunks end. Either
        // way each value gets the draw it would get from one serial chain, whatever the
        // thread count.
        let chunk = ChunkJump.chunk, pairs = n / 2, groups = pairs / chunk / 4
        var starts: [SeededGenerator.State] = []
        var state = context.rng.state
        for _ in 0..<(4 * groups) {
            starts.append(state)
            state = ChunkJump.advance(state)
        }
        let threads = max(1, LearnBackend.threads)
        while draws.count < threads { draws.append(FloatBuffer()) }
        let buffers = draws.map { UnsafeMutableRawPointer($0.resize(groups > 0 ? 8 * chunk : 1)) }
        Workers.forEach(count: groups, parts: threads, inParallel: threads > 1) { worker, range in
            let raw = buffers[worker]
            for group in range {
                let k = 4 * group
                var lanes = GeneratorLanes(starts[k], starts[k + 1], starts[k + 2], starts[k + 3])
                let first = raw.assumingMemoryBound(to: UInt64.self)
                let a = first, b = first + chunk, c = first + 2 * chunk, d = first + 3 * chunk
                for i in 0..<chunk {
                    let draw = lanes.next()
                    a[i] = draw[0].littleEndian
                    b[i] = draw[1].littleEndian
                    c[i] = draw[2].littleEndian
                    d[i] = draw[3].littleEndian
                }
                let start = 8 * group * chunk
                Self.applyDraws(raw.assumingMemoryBound(to: UInt32.self), count: 8 * chunk, x: x + start, y: y + start,
                                kept: bits + start / 8, threshold: threshold32, scaleBits: scaleBits)
            }
        }
        // The rest, on this thread: fewer than four chunks of pairs (under 32 768 values),
        // and an odd last value.
        let restStart = 8 * groups * chunk, rest = n - restStart
        var rng = SeededGenerator(state: state)  // a local copy: no exclusivity check per draw
        let restDraws = UnsafeMutableRawPointer(draws[0].resize(max(rest, 1)))
        for j in 0..<(rest / 2) { restDraws.storeBytes(of: rng.next().littleEndian, toByteOffset: 8 * j, as: UInt64.self) }
        if n % 2 == 1 { restDraws.storeBytes(of: UInt32(truncatingIfNeeded: rng.next()), toByteOffset: 4 * (rest - 1), as: UInt32.self) }
        context.rng = rng
        Self.applyDraws(restDraws.assumingMemoryBound(to: UInt32.self), count: rest, x: x + restStart, y: y + restStart,
                        kept: bits + restStart / 8, threshold: threshold32, scaleBits: scaleBits)
        return UnsafePointer(y)
    }

    /// Turns `count` raw 32-bit draws into the output and the kept bits (from bit 0 of
    /// `kept[0]`; `count` is a multiple of eight except at the layer's end).
    @inline(__always)
    private static func applyDraws(_ draws: UnsafePointer<UInt32>, count: Int, x: UnsafePointer<Float>,
                                   y: UnsafeMutablePointer<Float>, kept: UnsafeMutablePointer<UInt8>,
                                   threshold: UInt32, scaleBits: UInt32) {
        // Explicit SIMD with integer arithmetic (the compiler keeps the plain select a
        // branch, and SIMDMask selects go lane by lane): draw - threshold borrows
        // exactly when the draw is below the threshold; borrow - 1 is then 0, else all
        // ones. The output is made in the same pass, from the mask in registers.
        let t = SIMD8<UInt32>(repeating: threshold), factor = SIMD8<UInt32>(repeating: scaleBits)
        var i = 0
        while i + 8 <= count {
            let d = SIMD8<UInt32>(loading: draws + i)
            let borrow = ((~d & t) | (~(d ^ t) & (d &- t))) &>> 31
            let keep = borrow &- 1
            (SIMD8<Float>(loading: x + i) * unsafeBitCast(keep & factor, to: SIMD8<Float>.self)).store(to: y + i)
            // The eight keep flags (1 - borrow) as bytes of one word, gathered into the top
            // byte by one multiply: flag j lands on bit 56 + j, and no two sums carry.
            let flags = unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: 1 &- borrow), to: UInt64.self)
            kept[i / 8] = UInt8(truncatingIfNeeded: (flags &* 0x0102_0408_1020_4080) >> 56)
            i += 8
        }
        if i < count {
            var byte: UInt8 = 0
            for j in i..<count {
                let keep = draws[j] >= threshold
                if keep { byte |= 1 << UInt8(j - i) }
                y[j] = x[j] * Float(bitPattern: keep ? scaleBits : 0)
            }
            kept[i / 8] = byte
        }
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        guard active else { return dy }
        let n = batch * perSample
        let dx = inputGradient.resize(n)
        let bits = UnsafeRawPointer(kept.pointer).assumingMemoryBound(to: UInt8.self)
        // At rate 1 the factor is 0, so the bits (not written then) do not matter.
        let factorBits = keptFactorBits
        let factor = SIMD8<UInt32>(repeating: factorBits), lanes = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
        // dy times the forward pass's multiplier (0 or the scale): the same products, so
        // the same bits, as with the Float mask.
        Self.inParts(n) { range in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let byte = UInt32(bits[i / 8])
                // Each lane's bit, spread to all ones or zero (integer arithmetic, as forward).
                let keep = (0 &- ((SIMD8(repeating: byte) &>> lanes) & 1)) & factor
                (SIMD8<Float>(loading: dy + i) * unsafeBitCast(keep, to: SIMD8<Float>.self)).store(to: dx + i)
                i += 8
            }
            for j in i..<range.upperBound {
                let keep = bits[j / 8] & (1 << UInt8(j % 8)) != 0
                dx[j] = dy[j] * Float(bitPattern: keep ? factorBits : 0)
            }
        }
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
