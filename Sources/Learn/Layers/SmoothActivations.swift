#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// silu, mish, softsign and GELU's tanh approximation, value by value, with TensorFlow's
/// operations in its order. The gradients are the ones TensorFlow takes: tf.nn.silu's
/// own, SoftsignGrad, and for mish and the approximate GELU its automatic differentiation
/// of the composition (TanhGrad's 1 - t², Softplus's registered gradient sigmoid(x)).
/// tanh is glibc's tanhf, as for `.tanh`; TensorFlow's is Eigen's rational approximation,
/// a few ulp away, and exactly ±1 from |x| ≥ 7.9 where tanhf reaches it only at 9. Far
/// out TensorFlow also flushes subnormal results to zero: mish(-100) is -0 there and
/// -3.8e-42 here.
extension Activation.Function {
    /// √(2/π) and the cubic coefficient, rounded to float as tf.nn.gelu's casts round them.
    static let approximateGeluScale = Float(0.7978845608028654)
    static let approximateGeluCubic = Float(0.044715)

    static func silu(_ x: Float) -> Float { x * sigmoid(x) }

    static func siluGradient(_ dy: Float, _ x: Float) -> Float {
        let s = sigmoid(x)
        return dy * (s * (1 + x * (1 - s)))
    }

    static func mish(_ x: Float) -> Float { x * tanhf(softplus(x)) }

    /// dy·t through the factor x, plus dy·x through tanh (1 - t²) and softplus (sigmoid).
    static func mishGradient(_ dy: Float, _ x: Float) -> Float {
        let t = tanhf(softplus(x))
        return dy * t + dy * x * (1 - t * t) * sigmoid(x)
    }

    static func softsign(_ x: Float) -> Float { x / (abs(x) + 1) }

    static func softsignGradient(_ dy: Float, _ x: Float) -> Float {
        let d = abs(x) + 1
        return dy / (d * d)
    }

    /// tanh(√(2/π)·(x + 0.044715·x³)), the approximation's gate.
    static func approximateGeluTanh(_ x: Float) -> Float {
        tanhf(approximateGeluScale * (x + approximateGeluCubic * (x * x * x)))
    }

    static func approximateGelu(_ x: Float) -> Float { 0.5 * x * (1 + approximateGeluTanh(x)) }

    /// dy·(1 + t)/2 through the factor 0.5·x, plus the path through tanh: into its
    /// argument's x and its 0.044715·x³ (whose derivative is 3·x²).
    static func approximateGeluGradient(_ dy: Float, _ x: Float) -> Float {
        let t = approximateGeluTanh(x)
        let throughTanh = dy * (0.5 * x) * (1 - t * t) * approximateGeluScale
        return dy * (1 + t) * 0.5 + throughTanh + throughTanh * approximateGeluCubic * 3 * (x * x)
    }
}
