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
        /// min(max(x, 0), 6) (tf.nn.relu6); gradient dy where 0 < y < 6, so 0 at both
        /// kinks (Relu6Grad, which TensorFlow takes from the output).
        case relu6
        /// x·sigmoid(x), Keras's silu, which it also names swish (`Function.swish`);
        /// gradient dy·s·(1 + x·(1 - s)) with s = sigmoid(x), tf.nn.silu's own.
        case silu
        /// x·tanh(softplus(x)), as Keras's Mish composes TensorFlow's softplus (with its
        /// cut-offs) and tanh (tanhf, as for `tanh`); gradient by the chain rule as
        /// TensorFlow takes it, dy·t + dy·x·(1 - t²)·sigmoid(x) with t = tanh(softplus(x)).
        case mish
        /// relu6(x + 3) / 6, Keras 3's definition (Keras 2's was clip(0.2·x + 0.5, 0, 1));
        /// gradient dy / 6 strictly between the kinks at ±3, 0 at them and beyond.
        case hardSigmoid = "hard_sigmoid"
        /// x·hard_sigmoid(x), Keras's hard_silu, which it also names hard_swish
        /// (`Function.hardSwish`); at the kinks the gradient is 0 at -3 and dy at 3.
        case hardSilu = "hard_silu"
        /// x / (|x| + 1) (tf.nn.softsign); gradient dy / (|x| + 1)² (SoftsignGrad).
        case softsign
        /// GELU's tanh approximation, keras.activations.gelu(x, approximate=True), which
        /// has no Keras name of its own (`gelu` is the exact form, Keras's default):
        /// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) as tf.nn.gelu writes it, with tanhf;
        /// gradient that expression's derivative, by the chain rule as TensorFlow takes it.
        case approximateGelu = "gelu_approximate"
        /// max(x, 0) + expm1(min(x, 0)), Keras's celu with its default alpha 1; gradient dy
        /// where x ≥ 0 plus dy·exp(x) where x ≤ 0, so 2·dy at 0, as TensorFlow's maximum
        /// and minimum both pass it at the tie.
        case celu
        /// a·sigmoid(b), with a and b the first and second halves of the last axis (Keras's
        /// glu, axis -1): the output's last axis is half the input's, which must be even.
        case glu
        /// max(min(x, 1), -1) (tf.clip_by_value); gradient dy where -1 ≤ x ≤ 1, so at the
        /// kinks too.
        case hardTanh = "hard_tanh"
        /// -softplus(-x) (tf.math.log_sigmoid), with softplus's cut-offs: finite for every
        /// finite x; gradient dy / (exp(x) + 1).
        case logSigmoid = "log_sigmoid"
        /// (x + √(x² + 4)) / 2, Keras's squareplus with its default b = 4, in that form;
        /// gradient by the chain rule as TensorFlow takes it.
        case squareplus
        /// x - tanh(x) (Keras's tanh_shrink, with tanhf as for `tanh`); gradient
        /// dy + (-dy)·(1 - tanh²(x)), the subtraction's two paths with TanhGrad.
        case tanhShrink = "tanh_shrink"
        /// x - 0.5 above 0.5, x + 0.5 below -0.5, 0 between (Keras's soft_shrink with its
        /// default threshold 0.5, nested tf.where); gradient dy where |x| > 0.5, so 0 at
        /// the kinks.
        case softShrink = "soft_shrink"
        /// x where |x| > 0.5, 0 elsewhere (Keras's hard_shrink, threshold 0.5, tf.where);
        /// gradient dy where |x| > 0.5, so 0 at ±0.5, where the value jumps.
        case hardShrink = "hard_shrink"
        /// 0 for x ≤ -1, (x + 1)²/4 for -1 < x < 1, x for x ≥ 1 (Keras's sparse_plus,
        /// nested tf.where); gradient dy·0.25·2·(x + 1) between, so 0 at -1 and dy at 1.
        case sparsePlus = "sparse_plus"
        /// 0 for x ≤ -1, (x + 1)/2 for -1 < x < 1, 1 for x ≥ 1 (Keras's sparse_sigmoid,
        /// nested tf.where); gradient dy/2 strictly between, 0 at both kinks.
        case sparseSigmoid = "sparse_sigmoid"
        /// exp(x) (Keras's exponential, tf.exp; expf here, TensorFlow's is Eigen's own, an
        /// ulp or so away): +inf from x ≈ 88.73; gradient dy·y (ExpGrad, from the output).
        case exponential
        /// x - max - log(Σ exp(x - max)) over the last axis (Keras's log_softmax, axis -1,
        /// TensorFlow's LogSoftmax kernel); gradient dy - (Σ dy)·exp(y), LogSoftmax's.
        case logSoftmax = "log_softmax"
        /// max(x - τ, 0) over the last axis (Keras's sparsemax, axis -1): the row's
        /// projection onto the simplex, with τ as Keras computes it once the fix of
        /// keras-team/keras#23469 is in (Keras 3.15's own τ is wrong when the support holds
        /// two values or more; Sparsemax.swift); gradient TensorFlow's automatic one:
        /// dy where x ≥ τ (the kink included), less (Σ of those)/k over the k values in
        /// the support.
        case sparsemax
    }
}

extension Activation.Function {
    /// Keras's other name for `silu`.
    public static let swish = Self.silu
    /// Keras's other name for `hardSilu`.
    public static let hardSwish = Self.hardSilu
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

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    static func softplus(_ x: Float) -> Float {
        x > -softplusThreshold ? x : (x < softplusThreshold ? expf(x) : log1pf(expf(x)))
    }

    /// SoftplusGrad: dy / (exp(-x) + 1).
    static func softplusGradient(_ dy: Float, _ x: Float) -> Float { dy / (expf(-x) + 1) }

    /// y = f(z) over `rows` rows of `width` values (softmax, log_softmax, sparsemax and glu
    /// per row, the others per value); y has rows of `outputWidth(width)` values.
    func apply(_ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        switch self {
        case .linear: y.update(from: z, count: n)
        case .relu: for i in 0..<n { y[i] = max(z[i], 0) }
        case .softmax: Softmax.rows(z, into: y, rows: rows, width: width)
        case .tanh: LaneTanh.apply(z, into: y, count: n)
        case .sigmoid: for i in 0..<n { y[i] = Self.sigmoid(z[i]) }
        case .elu: for i in 0..<n { y[i] = z[i] < 0 ? expf(z[i]) - 1 : z[i] }
        case .selu:
            for i in 0..<n { y[i] = z[i] < 0 ? Self.seluScaleAlpha * (expf(z[i]) - 1) : Self.seluScale * z[i] }
        case .gelu:
            for i in 0..<n { y[i] = 0.5 * z[i] * erfcf(-z[i] * Self.inverseSquareRootOfTwo) }
        case .softplus: for i in 0..<n { y[i] = Self.softplus(z[i]) }
        case .relu6: for i in 0..<n { y[i] = Self.relu6(z[i]) }
        case .silu: for i in 0..<n { y[i] = Self.silu(z[i]) }
        case .mish: for i in 0..<n { y[i] = Self.mish(z[i]) }
        case .hardSigmoid: for i in 0..<n { y[i] = Self.hardSigmoid(z[i]) }
        case .hardSilu: for i in 0..<n { y[i] = Self.hardSilu(z[i]) }
        case .softsign: for i in 0..<n { y[i] = Self.softsign(z[i]) }
        case .approximateGelu: for i in 0..<n { y[i] = Self.approximateGelu(z[i]) }
        case .celu: for i in 0..<n { y[i] = Self.celu(z[i]) }
        case .glu: Self.glu(z, into: y, rows: rows, width: width)
        case .hardTanh: for i in 0..<n { y[i] = Self.hardTanh(z[i]) }
        case .logSigmoid: for i in 0..<n { y[i] = Self.logSigmoid(z[i]) }
        case .squareplus: for i in 0..<n { y[i] = Self.squareplus(z[i]) }
        case .tanhShrink: for i in 0..<n { y[i] = Self.tanhShrink(z[i]) }
        case .softShrink: for i in 0..<n { y[i] = Self.softShrink(z[i]) }
        case .hardShrink: for i in 0..<n { y[i] = Self.hardShrink(z[i]) }
        case .sparsePlus: for i in 0..<n { y[i] = Self.sparsePlus(z[i]) }
        case .sparseSigmoid: for i in 0..<n { y[i] = Self.sparseSigmoid(z[i]) }
        case .exponential: for i in 0..<n { y[i] = expf(z[i]) }
        case .logSoftmax: Self.logSoftmax(z, into: y, rows: rows, width: width)
        case .sparsemax: Self.sparsemax(z, into: y, rows: rows, width: width)
        }
    }

    /// dz = dy · f'(z), from the input `z` and the output `y` of `apply`; dy and y have rows
    /// of `outputWidth(width)` values, z and dz of `width`.
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
        case .softplus: for i in 0..<n { dz[i] = Self.softplusGradient(dy[i], z[i]) }
        case .relu6: for i in 0..<n { dz[i] = Self.relu6Passes(y[i]) ? dy[i] : 0 }
        case .silu: for i in 0..<n { dz[i] = Self.siluGradient(dy[i], z[i]) }
        case .mish: for i in 0..<n { dz[i] = Self.mishGradient(dy[i], z[i]) }
        case .hardSigmoid: for i in 0..<n { dz[i] = Self.hardSigmoidGradient(dy[i], z[i]) }
        case .hardSilu: for i in 0..<n { dz[i] = Self.hardSiluGradient(dy[i], z[i]) }
        case .softsign: for i in 0..<n { dz[i] = Self.softsignGradient(dy[i], z[i]) }
        case .approximateGelu: for i in 0..<n { dz[i] = Self.approximateGeluGradient(dy[i], z[i]) }
        case .celu: for i in 0..<n { dz[i] = Self.celuGradient(dy[i], z[i]) }
        case .glu: Self.gluGradient(dy, input: z, into: dz, rows: rows, width: width)
        case .hardTanh: for i in 0..<n { dz[i] = Self.hardTanhGradient(dy[i], z[i]) }
        case .logSigmoid: for i in 0..<n { dz[i] = Self.logSigmoidGradient(dy[i], z[i]) }
        case .squareplus: for i in 0..<n { dz[i] = Self.squareplusGradient(dy[i], z[i]) }
        case .tanhShrink: for i in 0..<n { dz[i] = Self.tanhShrinkGradient(dy[i], z[i]) }
        case .softShrink, .hardShrink: for i in 0..<n { dz[i] = Self.shrinkPasses(z[i]) ? dy[i] : 0 }
        case .sparsePlus: for i in 0..<n { dz[i] = Self.sparsePlusGradient(dy[i], z[i]) }
        case .sparseSigmoid: for i in 0..<n { dz[i] = Self.sparseSigmoidGradient(dy[i], z[i]) }
        case .exponential: for i in 0..<n { dz[i] = dy[i] * y[i] }
        case .logSoftmax: Self.logSoftmaxGradient(dy, output: y, into: dz, rows: rows, width: width)
        case .sparsemax: Self.sparsemaxGradient(dy, input: z, into: dz, rows: rows, width: width)
        }
    }
}
