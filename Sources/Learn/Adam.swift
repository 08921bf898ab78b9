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

    /// One step on every trainable parameter, from the gradients they hold.
    public func step(_ parameters: [Parameter]) {
        iterations += 1
        let t = Float(iterations)
        let alpha = learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
        let keep1 = 1 - beta1, keep2 = 1 - beta2
        for p in parameters where p.trainable {
            if p.gradientIsZero && moments[ObjectIdentifier(p)] == nil { continue }
            let state = moments[ObjectIdentifier(p)] ?? {
                let s = (m: FloatBuffer(count: p.count), v: FloatBuffer(count: p.count))
                moments[ObjectIdentifier(p)] = s
                return s
            }()
            let w = p.value.pointer, g = p.gradient.pointer, m = state.m.pointer, v = state.v.pointer
            // Eight lanes at a time: the update is memory-bound, and scalar sqrt calls
            // would otherwise dominate the LSTM's epoch.
            let lanes = p.count / 8 * 8
            let a8 = SIMD8<Float>(repeating: alpha), e8 = SIMD8<Float>(repeating: epsilon)
            let k1 = SIMD8<Float>(repeating: keep1), k2 = SIMD8<Float>(repeating: keep2)
            var i = 0
            while i < lanes {
                let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
                var mi = UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self)
                var vi = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self)
                var wi = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD8<Float>.self)
                mi += (gi - mi) * k1
                vi += (gi * gi - vi) * k2
                wi -= mi * a8 / (vi.squareRoot() + e8)
                UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(w + i).storeBytes(of: wi, as: SIMD8<Float>.self)
                i += 8
            }
            while i < p.count {
                m[i] += (g[i] - m[i]) * keep1
                v[i] += (g[i] * g[i] - v[i]) * keep2
                w[i] -= m[i] * alpha / (v[i].squareRoot() + epsilon)
                i += 1
            }
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
