/// The activations built on relu6's clip to [0, 6], value by value: relu6, hard_sigmoid
/// (relu6(x + 3) / 6, Keras 3's) and hard_silu (x·hard_sigmoid(x)). TensorFlow computes
/// them with plain float operations, so these take its operations in its order and give
/// its bits (the Keras fixtures agree exactly). Relu6Grad passes a gradient only strictly
/// inside (0, 6): at a kink it is 0.
extension Activation.Function {
    static func relu6(_ x: Float) -> Float { min(max(x, 0), 6) }

    /// Whether relu6 passes the gradient for this input, or output: the same test, as
    /// relu6 keeps what lies inside (0, 6).
    static func relu6Passes(_ x: Float) -> Bool { x > 0 && x < 6 }

    static func hardSigmoid(_ x: Float) -> Float { relu6(x + 3) / 6 }

    /// The division's gradient dy / 6, then Relu6Grad at x + 3.
    static func hardSigmoidGradient(_ dy: Float, _ x: Float) -> Float { relu6Passes(x + 3) ? dy / 6 : 0 }

    static func hardSilu(_ x: Float) -> Float { x * hardSigmoid(x) }

    /// The product's two paths, summed as TensorFlow sums them: dy·hard_sigmoid(x)
    /// through the factor x, and dy·x through hard_sigmoid.
    static func hardSiluGradient(_ dy: Float, _ x: Float) -> Float {
        dy * hardSigmoid(x) + hardSigmoidGradient(dy * x, x)
    }
}
