/// Keras 3 `Adam` (learning rate 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-7), its update exactly:
///
///     t += 1;  α = lr · sqrt(1 - β₂ᵗ) / (1 - β₁ᵗ)
///     m += (g - m)(1 - β₁);  v += (g² - v)(1 - β₂)
///     w -= α · m / (sqrt(v) + ε)
///
/// (the bias correction folded into α, ε added to the uncorrected sqrt(v)).
public final class Adam {
    public let learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// Steps taken so far (Keras's `iterations`).
    public private(set) var iterations = 0
    private var moments: [ObjectIdentifier: (m: FloatBuffer, v: FloatBuffer)] = [:]

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Threads that share the update (each takes its own slice of every weight, so the
    /// result does not depend on the count). The update is one pass over four arrays of
    /// the model's size; on one core it was a quarter of an LSTM epoch.
    public var workers = LearnBackend.threads

    /// Below this many weights in a step, one thread: waking a second costs more.
    private static let parallelMinimum = 1 << 15

    /// One step on every trainable parameter, from the gradients they hold.
    public func step(_ parameters: [Parameter]) {
        iterations += 1
        let t = Float(iterations)
        let alpha = learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
        var slices: [Slice] = []
        for p in parameters where p.trainable {
            if p.gradientIsZero && moments[ObjectIdentifier(p)] == nil { continue }
            let state = moments[ObjectIdentifier(p)] ?? {
                let s = (m: FloatBuffer(count: p.count), v: FloatBuffer(count: p.count))
                moments[ObjectIdentifier(p)] = s
                return s
            }()
            slices.append(Slice(w: p.value.pointer, g: p.gradient.pointer, m: state.m.pointer,
                                v: state.v.pointer, count: p.count))
        }
        let total = slices.reduce(0) { $0 + $1.count }
        let parts = total < Adam.parallelMinimum ? 1 : workers
        let rates = Rates(alpha: alpha, keep1: 1 - beta1, keep2: 1 - beta2, epsilon: epsilon)
        Workers.forEach(count: Adam.fractionScale, parts: parts) { _, fraction in
            for s in slices {
                // This worker's share of every weight, cut at multiples of 8 lanes.
                let from = s.count * fraction.lowerBound / Adam.fractionScale / 8 * 8
                let to = fraction.upperBound == Adam.fractionScale
                    ? s.count : s.count * fraction.upperBound / Adam.fractionScale / 8 * 8
                Adam.update(s, from: from, to: to, rates)
            }
        }
    }

    /// Workers split 0..<fractionScale; each weight is cut in the same proportions.
    private static let fractionScale = 1 << 16

    private struct Slice {
        let w, g, m, v: UnsafeMutablePointer<Float>
        let count: Int
    }

    private struct Rates {
        let alpha, keep1, keep2, epsilon: Float
    }

    /// The update on elements from..<to of one weight.
    private static func update(_ s: Slice, from: Int, to: Int, _ r: Rates) {
        let w = s.w, g = s.g, m = s.m, v = s.v
        // Eight lanes at a time, with a vector square root (see `laneSquareRoot`).
        let a8 = SIMD8<Float>(repeating: r.alpha), e8 = SIMD8<Float>(repeating: r.epsilon)
        let k1 = SIMD8<Float>(repeating: r.keep1), k2 = SIMD8<Float>(repeating: r.keep2)
        var i = from
        while i + 8 <= to {
            let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
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
            i += 1
        }
    }

    /// Forgets the moments and the step count (a fresh optimiser).
    public func reset() {
        iterations = 0
        moments = [:]
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
