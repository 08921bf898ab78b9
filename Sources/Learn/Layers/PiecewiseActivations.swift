/// The activations Keras's TensorFlow backend writes as tf.where selections, value by
/// value: soft_shrink and hard_shrink (threshold 0.5, Keras's default), sparse_plus and
/// sparse_sigmoid. A selection passes the gradient only into the branch it picked, so at a
/// kink the gradient is the branch's that the comparison (strict or not) gives the kink:
/// 0 at ±0.5 for the shrinks (|x| > 0.5 is strict), for sparse_sigmoid 0 at ±1 (it picks
/// its constants there), for sparse_plus 0 at -1 and dy at 1 (it picks 0 at -1 and x at 1).
/// The Keras fixtures agree at each kink.
extension Activation.Function {
    /// Keras's default threshold for soft_shrink and hard_shrink.
    static let shrinkThreshold: Float = 0.5

    /// Whether a shrink keeps x, and so passes its gradient: |x| beyond the threshold.
    static func shrinkPasses(_ x: Float) -> Bool { x > shrinkThreshold || x < -shrinkThreshold }

    /// x - 0.5 above 0.5, x + 0.5 below -0.5, 0 between, in tf.where's nesting.
    static func softShrink(_ x: Float) -> Float {
        x > shrinkThreshold ? x - shrinkThreshold : (x < -shrinkThreshold ? x + shrinkThreshold : 0)
    }

    static func hardShrink(_ x: Float) -> Float { shrinkPasses(x) ? x : 0 }

    /// 0 up to -1, (x + 1)²/4 below 1, x from 1 on. Keras squares with tf.pow, Eigen's pow,
    /// which can be an ulp from the product here (1.2e-7 in the fixtures).
    static func sparsePlus(_ x: Float) -> Float {
        if x <= -1 { return 0 }
        guard x < 1 else { return x }
        let v = x + 1
        return 0.25 * (v * v)
    }

    /// Through the quarter (Mul's gradient dy·0.25), then Pow's 2·(x + 1), in that order.
    static func sparsePlusGradient(_ dy: Float, _ x: Float) -> Float {
        if x <= -1 { return 0 }
        return x < 1 ? dy * 0.25 * 2 * (x + 1) : dy
    }

    /// 0 up to -1, 1 from 1 on, (x + 1)/2 between.
    static func sparseSigmoid(_ x: Float) -> Float { x <= -1 ? 0 : (x >= 1 ? 1 : 0.5 * (x + 1)) }

    static func sparseSigmoidGradient(_ dy: Float, _ x: Float) -> Float { x > -1 && x < 1 ? dy * 0.5 : 0 }
}
