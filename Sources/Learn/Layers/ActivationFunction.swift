#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension Activation {
    /// The activations a `Dense`, a `Conv1D` or an `Activation` layer can apply, as Keras
    /// names them, with TensorFlow's formulas: a value's rounding follows the kernel
    /// Keras 3 calls on the TensorFlow backend (noted per case), so fixtures agree to
    /// float32 rounding.
    public enum Function: String, Sendable, CaseIterable {
        /// Identity.
        case linear
        /// max(x, 0).
        case relu
        /// exp(x - max) / sum, over the last axis.
        case softmax
        /// tanh(x) (glibc's tanhf, eight lanes at a time: LaneTanh); gradient (1 - y²)·dy
        /// (TanhGrad). TensorFlow's own tanh is Eigen's rational approximation, a few ulp
        /// away.
        case tanh
        /// 1 / (1 + exp(-x)); gradient y(1 - y)·dy (SigmoidGrad).
        case sigmoid
        /// x for x ≥ 0, exp(x) - 1 below (tf.nn.elu, alpha 1; Keras's default); gradient
        /// from the output, (y + 1)·dy where y < 0 (EluGrad).
        case elu
        /// scale·x for x ≥ 0, scale·alpha·(exp(x) - 1) below, with TensorFlow's constants
        /// (tf.nn.selu; SeluGrad).
        case selu
        /// Exact GELU, Keras 3's default (approximate=False): 0.5·x·erfc(-x/√2), as
        /// tf.nn.gelu writes it; its gradient is that expression's derivative.
        case gelu
        /// log(1 + exp(x)), with TensorFlow's cut-offs: x itself above 13.94, exp(x)
        /// below -13.94 (where the log would round to them anyway); gradient
        /// dy / (exp(-x) + 1) (SoftplusGrad).
        case softplus
    }
}

extension Activation.Function {
    /// Whether Keras's cross-entropy takes this activation's input as its logits when it
    /// ends the model: Keras 3 caches the input of a softmax and of a sigmoid on the output
    /// (`_keras_logits`), and sparse categorical cross-entropy then applies a softmax to
    /// those logits, for a sigmoid output too (checked against Keras: the loss of a
    /// sigmoid output is the softmax cross-entropy of its logits).
    var outputKeepsLogits: Bool { self == .softmax || self == .sigmoid }

    /// TensorFlow's SELU constants, rounded to float as its kernel rounds them.
    static let seluScale = Float(1.0507009873554804934193349852946)
    static let seluScaleAlpha = Float(1.7580993408473768599402175208123)
    /// log(float epsilon) + 2, TensorFlow's softplus threshold.
    static let softplusThreshold = logf(Float.ulpOfOne) + 2
    static let inverseSquareRootOfTwo: Float = 0.7071067811865476
    static let inverseSquareRootOfPi = Float(1 / Double.pi.squareRoot())

    /// y = f(z) over `rows` rows of `width` values (softmax per row, the others per value).
    func apply(_ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        switch self {
        case .linear: y.update(from: z, count: n)
        case .relu: for i in 0..<n { y[i] = max(z[i], 0) }
        case .softmax: Softmax.rows(z, into: y, rows: rows, width: width)
        case .tanh: LaneTanh.apply(z, into: y, count: n)
        case .sigmoid: for i in 0..<n { y[i] = 1 / (1 + expf(-z[i])) }
        case .elu: for i in 0..<n { y[i] = z[i] < 0 ? expf(z[i]) - 1 : z[i] }
        case .selu:
            for i in 0..<n { y[i] = z[i] < 0 ? Self.seluScaleAlpha * (expf(z[i]) - 1) : Self.seluScale * z[i] }
        case .gelu:
            for i in 0..<n { y[i] = 0.5 * z[i] * erfcf(-z[i] * Self.inverseSquareRootOfTwo) }
        case .softplus:
            let cut = Self.softplusThreshold
            for i in 0..<n {
                let x = z[i]
                y[i] = x > -cut ? x : (x < cut ? expf(x) : log1pf(expf(x)))
            }
        }
    }

    /// dz = dy · f'(z), from the input `z` and the output `y` of `apply`.
    func gradient(_ dy: UnsafePointer<Float>, input z: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                  into dz: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        switch self {
        case .linear: dz.update(from: dy, count: n)
        case .relu: for i in 0..<n { dz[i] = y[i] > 0 ? dy[i] : 0 }
        case .softmax: Softmax.backwardRows(dy, output: y, into: dz, rows: rows, width: width)
        case .tanh: for i in 0..<n { dz[i] = dy[i] * (1 - y[i] * y[i]) }
        case .sigmoid: for i in 0..<n { dz[i] = dy[i] * y[i] * (1 - y[i]) }
        case .elu: for i in 0..<n { dz[i] = y[i] < 0 ? (y[i] + 1) * dy[i] : dy[i] }
        case .selu:
            for i in 0..<n { dz[i] = y[i] < 0 ? dy[i] * (y[i] + Self.seluScaleAlpha) : dy[i] * Self.seluScale }
        case .gelu:
            // d/dx [0.5·x·erfc(u)], u = -x/√2: 0.5·erfc(u) + 0.5·x·(2/√π)·exp(-u²)/√2.
            let c = Self.inverseSquareRootOfTwo, k = Self.inverseSquareRootOfPi
            for i in 0..<n {
                let x = z[i], u = -x * c
                dz[i] = dy[i] * (0.5 * erfcf(u) + x * k * expf(-u * u) * c)
            }
        case .softplus: for i in 0..<n { dz[i] = dy[i] / (expf(-z[i]) + 1) }
        }
    }
}
