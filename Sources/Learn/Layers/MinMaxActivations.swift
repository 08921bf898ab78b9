#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The activations Keras builds from tf.maximum and tf.minimum, value by value: celu
/// (alpha 1) and hard_tanh (tf.clip_by_value, which is a minimum then a maximum). Unlike
/// Relu6Grad (ClippedActivations.swift), the gradients of maximum and minimum pass at a
/// tie (greater_equal, less_equal), so the joins keep the gradient: hard_tanh's is dy at
/// ±1, and celu's at 0 is 2·dy, since both its halves, max(x, 0) and expm1(min(x, 0)),
/// pass it there (the Keras fixtures agree).
extension Activation.Function {
    /// max(x, 0) + expm1(min(x, 0)): Keras's alpha·expm1(min(x, 0)/alpha) with alpha 1,
    /// whose multiplication and division by 1 are exact.
    static func celu(_ x: Float) -> Float { max(x, 0) + expm1f(min(x, 0)) }

    /// dy through max(x, 0) where x ≥ 0, plus dy·exp(min(x, 0)) through expm1 where x ≤ 0.
    static func celuGradient(_ dy: Float, _ x: Float) -> Float {
        (x >= 0 ? dy : 0) + (x <= 0 ? dy * expf(min(x, 0)) : 0)
    }

    static func hardTanh(_ x: Float) -> Float { max(min(x, 1), -1) }

    /// dy where -1 ≤ x ≤ 1, both ends included.
    static func hardTanhGradient(_ dy: Float, _ x: Float) -> Float { x >= -1 && x <= 1 ? dy : 0 }
}
