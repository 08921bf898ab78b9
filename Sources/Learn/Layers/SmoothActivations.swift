#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// silu, mish, softsign, GELU's tanh approximation, log_sigmoid, squareplus and
/// tanh_shrink, value by value, with TensorFlow's operations in its order. The gradients are the ones
/// TensorFlow takes: tf.nn.silu's own, SoftsignGrad, and for the others its automatic
/// differentiation of the composition (TanhGrad's 1 - t², Softplus's registered gradient
/// sigmoid(x), SqrtGrad's 0.5·g / s).
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

    /// log(sigmoid(x)) as tf.math.log_sigmoid writes it, -softplus(-x). Softplus's
    /// cut-offs keep it finite and accurate at both ends: x itself below -13.94, -exp(-x)
    /// above 13.94 (down to -0 far out). log(1 / (1 + exp(-x))) would give -inf below
    /// x ≈ -88.7, where exp(-x) overflows, and 0 above x ≈ 17, where 1 + exp(-x) rounds to 1.
    static func logSigmoid(_ x: Float) -> Float { -softplus(-x) }

    /// Softplus's gradient at -x, negated twice: dy / (exp(x) + 1), 0 (not NaN) far above.
    static func logSigmoidGradient(_ dy: Float, _ x: Float) -> Float { softplusGradient(dy, -x) }

    /// Keras's squareplus with b = 4, (x + √(x² + 4)) / 2, in its plain form. So it keeps
    /// Keras's cancellation for x ≪ 0 (0 at x = -1e4, where the value is 1e-4) and its
    /// overflow of x² (+inf on both sides past |x| ≈ 1.8e19): there too the values are
    /// Keras's, not other ones.
    static func squareplusRoot(_ x: Float) -> Float { (x * x + 4).squareRoot() }

    static func squareplus(_ x: Float) -> Float { (x + squareplusRoot(x)) / 2 }

    /// dy/2 through x, plus through the square root: SqrtGrad's 0.5·(dy/2)·(1/s), times
    /// the square's 2·x. SqrtGrad multiplies by the reciprocal in its vectorised path
    /// (tensors of 16 values or more on the AVX-512 machine the fixtures came from; a
    /// shorter one divides, which can differ by an ulp), and at x ≪ 0 the sum cancels:
    /// dividing instead put squareplus's gradient at x = -100 7e-4 from Keras's.
    static func squareplusGradient(_ dy: Float, _ x: Float) -> Float {
        let half = dy / 2
        return half + 0.5 * half * (1 / squareplusRoot(x)) * (x * 2)
    }

    /// x - tanh(x) (Keras's x - tf.math.tanh(x)), with tanhf as for `tanh`. Near 0 the
    /// difference cancels to the ulp of x: at x = 1e-3 both tanhf and TensorFlow's tanh
    /// leave 3.49e-10 (3 ulp of x) where the true value is 3.33e-10; tanhf rounds to x
    /// itself below |x| ≈ 4.2e-4, so there it gives 0, as TensorFlow does at 1e-6.
    static func tanhShrink(_ x: Float) -> Float { x - tanhf(x) }

    /// dy through x, plus TanhGrad of the subtraction's -dy: dy + (-dy)·(1 - t²).
    static func tanhShrinkGradient(_ dy: Float, _ x: Float) -> Float {
        let t = tanhf(x)
        return dy + -dy * (1 - t * t)
    }
}
