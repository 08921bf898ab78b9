/// Keras's `padding` of a 1-D convolution or pooling, and the window layout it gives,
/// as TensorFlow computes it (Keras 3 on TensorFlow calls tf.nn.convolution and
/// tf.nn.pool with "VALID" or "SAME"; "causal" pads the left and then runs "valid").
public enum Padding: String, Sendable {
    /// No padding: only windows that fit in the sequence.
    case valid
    /// ceil(steps / stride) outputs; the padding needed for them split with the smaller
    /// half on the left (TensorFlow's rule: 63 left, 64 right for one window of 128).
    case same
    /// Convolution only: (window - 1) zeros on the left, so output t sees no input after t.
    case causal

    /// The output length and the padding on the left for windows spanning `span` steps
    /// (a kernel's (size - 1) · dilation + 1), `stride` apart, over `steps`. The length is
    /// 0 or less when no "valid" window fits.
    func layout(steps: Int, span: Int, stride: Int) -> (outSteps: Int, padLeft: Int) {
        switch self {
        case .valid:
            return (steps >= span ? (steps - span) / stride + 1 : 0, 0)
        case .same:
            let out = steps > 0 ? (steps - 1) / stride + 1 : 0  // ceil(steps / stride), without overflow
            return (out, max((out - 1) * stride + span - steps, 0) / 2)
        case .causal:
            return ((steps - 1) / stride + 1, span - 1)
        }
    }
}
