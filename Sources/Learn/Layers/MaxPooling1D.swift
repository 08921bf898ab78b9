/// Keras `MaxPooling1D(pool_size)` with stride = pool size and "valid" padding:
/// (None, steps, channels) → (None, steps / pool, channels), rounding down.
public final class MaxPooling1D: Layer {
    public let poolSize: Int
    public var name = ""
    public var typeName: String { "MaxPooling1D" }
    public var baseName: String { "max_pooling1d" }
    public var parameters: [Parameter] { [] }
    private var steps = 0, channels = 0, outSteps = 0
    private let winners = Int32Buffer()  // per output value, the tap (0..<pool) that won; -1: clamped by the ramp
    /// Set by the model when a ReLU precedes this layer and was folded in: the output is
    /// clamped at zero and a clamped value passes no gradient, exactly as ReLU then pooling.
    var appliesReLU = false
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ poolSize: Int = 2) { self.poolSize = poolSize }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 2, inputShape[0] >= poolSize, poolSize > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, steps ≥ \(poolSize), channels)", actual: inputShape)
        }
        steps = inputShape[0]; channels = inputShape[1]; outSteps = steps / poolSize
        return [outSteps, channels]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        // Locals, not properties, in the loops (a class property read there costs an
        // exclusivity check). The channels go eight at a time through SIMD8 selects: the
        // data is random, so branches mispredict, and the compiler does not vectorise the
        // scalar selects on its own (they cost a fifth of si_cnn's training time).
        let steps = self.steps, channels = self.channels, outSteps = self.outSteps, pool = poolSize, ramp = appliesReLU
        let n = batch * outSteps * channels
        let y = output.resize(n)
        let taps = winners.resize(n)
        let vectorEnd = channels - channels % 8
        // Samples are independent: split them across Learn's threads (the layer is
        // memory-bound, and si_cnn's other layers already use both cores).
        Workers.forEach(count: batch, parts: LearnBackend.threads) { _, samples in
            for b in samples {
                for t in 0..<outSteps {
                    let o = (b * outSteps + t) * channels
                    let first = x + (b * steps + t * pool) * channels
                    let yo = y + o, to = taps + o
                    var c = 0
                    while c < vectorEnd {
                        var best = SIMD8<Float>(loading: first + c)
                        var tap = SIMD8<Int32>(repeating: 0)
                        for k in 1..<max(pool, 1) {
                            let v = SIMD8<Float>(loading: first + k * channels + c)
                            let better = v .> best
                            best.replace(with: v, where: better)
                            tap.replace(with: Int32(k), where: better)
                        }
                        if ramp {
                            let clamped = .!(best .> 0)
                            best.replace(with: 0, where: clamped)
                            tap.replace(with: -1, where: clamped)
                        }
                        best.store(to: yo + c)
                        tap.store(to: to + c)
                        c += 8
                    }
                    while c < channels {
                        var best = first[c], tap: Int32 = 0
                        for k in 1..<max(pool, 1) {
                            let v = first[k * channels + c]
                            if v > best { best = v; tap = Int32(k) }
                        }
                        if ramp && !(best > 0) { best = 0; tap = -1 }
                        yo[c] = best; to[c] = tap
                        c += 1
                    }
                }
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        let steps = self.steps, channels = self.channels, outSteps = self.outSteps, pool = poolSize
        let dx = inputGradient.resize(batch * steps * channels), taps = winners.pointer
        let vectorEnd = channels - channels % 8
        Workers.forEach(count: batch, parts: LearnBackend.threads) { _, samples in
            for b in samples {
                for t in 0..<outSteps {
                    let o = (b * outSteps + t) * channels
                    let g = dy + o, to = taps + o
                    for k in 0..<pool {
                        let row = dx + (b * steps + t * pool + k) * channels
                        var c = 0
                        // Bitwise, not a SIMDMask select (which compiles to a lane-by-lane
                        // loop through the stack): d = tap ^ k is zero exactly for the winner,
                        // (d | -d) >> 31 is then 0 there and all ones elsewhere.
                        let gBits = UnsafeRawPointer(g), rowBits = UnsafeMutableRawPointer(row)
                        while c < vectorEnd {
                            let d = SIMD8<Int32>(loading: to + c) ^ Int32(k)
                            let lost = (d | (0 &- d)) &>> 31
                            let bits = gBits.loadUnaligned(fromByteOffset: 4 * c, as: SIMD8<Int32>.self) & ~lost
                            rowBits.storeBytes(of: bits, toByteOffset: 4 * c, as: SIMD8<Int32>.self)
                            c += 8
                        }
                        while c < channels { row[c] = to[c] == Int32(k) ? g[c] : 0; c += 1 }
                    }
                }
                // Steps past the last whole window get no gradient.
                let covered = outSteps * pool
                if covered < steps { (dx + (b * steps + covered) * channels).update(repeating: 0, count: (steps - covered) * channels) }
            }
        }
        return UnsafePointer(dx)
    }
}

/// A growable block of Int32 (pooling winners), reallocated only for a larger batch.
final class Int32Buffer {
    private(set) var pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var capacity = 1

    deinit { pointer.deallocate() }

    func resize(_ n: Int) -> UnsafeMutablePointer<Int32> {
        if n > capacity {
            pointer.deallocate()
            pointer = .allocate(capacity: n)
            capacity = n
        }
        return pointer
    }
}
