/// Keras 3 `Adam` (learning rate 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-7), its update exactly:
///
///     t += 1;  α = lr · sqrt(1 - β₂ᵗ) / (1 - β₁ᵗ)
///     m += (g - m)(1 - β₁);  v += (g² - v)(1 - β₂)
///     w -= α · m / (sqrt(v) + ε)
///
/// (the bias correction folded into α, ε added to the uncorrected sqrt(v)).
///
/// The β are Python floats in Keras: β₁ᵗ and β₂ᵗ are taken in float32, but 1 - β is
/// computed in double before it meets the float32 moments (1 - 0.999 is then 0.0010000000475
/// in float32, where 1 - Float(0.999) is 0.00099998713), so they are kept here as Double.
public final class Adam {
    public let learningRate: Float
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Float
    /// Steps taken so far (Keras's `iterations`).
    public private(set) var iterations = 0
    private var states: [ObjectIdentifier: State] = [:]

    /// A parameter's moments, and the columns skipped on every step so far (their
    /// moments are still zero; see `Parameter.zeroGradientColumns`).
    private final class State {
        let m: FloatBuffer, v: FloatBuffer
        var skipped: Range<Int>
        init(count: Int, skipped: Range<Int>) {
            m = FloatBuffer(count: count); v = FloatBuffer(count: count)
            self.skipped = skipped
        }
    }

    /// Keras's defaults (learning rate 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-7), which need no check.
    public init() {
        learningRate = 1e-3
        beta1 = 0.9
        beta2 = 0.999
        epsilon = 1e-7
    }

    /// Other settings, checked here rather than when `fit` starts, so that the mistake
    /// shows where it is made: a NaN or non-positive rate, or a β of 1, trains a network of
    /// NaN (or one that never moves) without any error of its own, and so does an ε of 0,
    /// which divides 0 by 0 for a weight whose gradients have all been zero. (Keras checks
    /// none of these.)
    ///
    /// - Throws: `LearnError.invalidArgument` naming the setting and the value.
    public init(learningRate: Float = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Float = 1e-7) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw LearnError.invalidArgument("Adam's learning rate must be a positive number, got \(learningRate)")
        }
        for (name, beta) in [("beta1", beta1), ("beta2", beta2)] where !(beta >= 0 && beta < 1) {
            throw LearnError.invalidArgument("Adam's \(name) must be at least 0 and below 1, got \(beta)")
        }
        guard epsilon > 0, epsilon.isFinite else {
            throw LearnError.invalidArgument("Adam's epsilon must be a positive number, got \(epsilon)")
        }
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Threads that share the update: each takes a contiguous share of all the runs to
    /// update, one after another. Every weight's update is independent of the others', so
    /// the result does not depend on the count. The update is one pass over four arrays
    /// of the model's size; on one core it was a quarter of an LSTM epoch.
    public var workers = LearnBackend.threads

    /// Below this many weights in a step, one thread: waking a second costs more.
    private static let parallelMinimum = 1 << 15

    /// One step on every trainable parameter, from the gradients they hold. With
    /// `clearingGradients`, each gradient value is set to zero as it is read, and the
    /// parameter marked `gradientCleared` (the training loop's choice: it alone knows
    /// that nothing writes a gradient between this step and the next backward pass).
    public func step(_ parameters: [Parameter], clearingGradients: Bool = false) {
        iterations += 1
        let t = Float(iterations)
        let alpha = learningRate * (1 - pow(Float(beta2), t)).squareRoot() / (1 - pow(Float(beta1), t))
        var slices: [Slice] = []
        for p in parameters where p.trainable {
            let zero = p.zeroGradientColumns
            let key = ObjectIdentifier(p)
            if states[key] == nil && zero == 0..<p.rowLength { continue }  // nothing to do yet
            let state = states[key] ?? State(count: p.count, skipped: zero)
            states[key] = state
            // Keep skipping only while the columns skipped so far still have no gradient.
            let stillZero = zero.lowerBound <= state.skipped.lowerBound && state.skipped.upperBound <= zero.upperBound
            if !stillZero { state.skipped = 0..<0 }
            Adam.appendSpans(of: p, state: state, skipping: state.skipped, to: &slices)
            if clearingGradients { p.gradientCleared = true }
        }
        let total = slices.reduce(0) { $0 + $1.count }
        let parts = total < Adam.parallelMinimum ? 1 : workers
        let rates = Rates(alpha: alpha, keep1: Float(1 - beta1), keep2: Float(1 - beta2), epsilon: epsilon)
        Workers.forEach(count: total, parts: parts) { _, range in
            var offset = 0
            for s in slices {
                let from = max(range.lowerBound, offset), to = min(range.upperBound, offset + s.count)
                if from < to { Adam.update(s, from: from - offset, to: to - offset, rates, clearing: clearingGradients) }
                offset += s.count
            }
        }
    }

    /// The runs of `p` to update: all of it, or each row without the skipped columns
    /// (a row's tail and the next row's head are one run).
    private static func appendSpans(of p: Parameter, state: State, skipping skip: Range<Int>, to slices: inout [Slice]) {
        let w = p.value.pointer, g = p.gradient.pointer, m = state.m.pointer, v = state.v.pointer
        func append(_ start: Int, _ end: Int) {
            if start < end { slices.append(Slice(w: w + start, g: g + start, m: m + start, v: v + start, count: end - start)) }
        }
        let row = p.rowLength
        if skip.isEmpty || row == 0 { append(0, p.count); return }
        var start = 0
        for r in stride(from: 0, to: p.count, by: row) {
            append(start, r + skip.lowerBound)
            start = r + skip.upperBound
        }
        append(start, p.count)
    }

    private struct Slice {
        let w, g, m, v: UnsafeMutablePointer<Float>
        let count: Int
    }

    private struct Rates {
        let alpha, keep1, keep2, epsilon: Float
    }

    /// The update on elements from..<to of one weight; `clearing` zeroes the gradient
    /// values read.
    private static func update(_ s: Slice, from: Int, to: Int, _ r: Rates, clearing: Bool) {
        let w = s.w, g = s.g, m = s.m, v = s.v
        // Eight lanes at a time, with a vector square root (see `laneSquareRoot`).
        let a8 = SIMD8<Float>(repeating: r.alpha), e8 = SIMD8<Float>(repeating: r.epsilon)
        let k1 = SIMD8<Float>(repeating: r.keep1), k2 = SIMD8<Float>(repeating: r.keep2)
        var i = from
        while i + 8 <= to {
            let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
            if clearing { UnsafeMutableRawPointer(g + i).storeBytes(of: SIMD8<Float>(), as: SIMD8<Float>.self) }
            var mi = UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self)
            var vi = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self)
            var wi = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD8<Float>.self)
            mi += (gi - mi) * k1
            vi += (gi * gi - vi) * k2
            wi -= mi * a8 / (vi.laneSquareRoot() + e8)
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(w + i).storeBytes(of: wi, as: SIMD8<Float>.self)
            i += 8
        }
        while i < to {
            m[i] += (g[i] - m[i]) * r.keep1
            v[i] += (g[i] * g[i] - v[i]) * r.keep2
            w[i] -= m[i] * r.alpha / (v[i].squareRoot() + r.epsilon)
            if clearing { g[i] = 0 }
            i += 1
        }
    }

    /// Forgets the moments and the step count (a fresh optimiser).
    public func reset() {
        iterations = 0
        states = [:]
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
