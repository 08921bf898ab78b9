/// The windows of a 1-D pooling of `pool` steps, `stride` apart, with Keras's padding:
/// output step t covers input steps t·stride - padLeft ..< + pool, clipped to the
/// sequence. TensorFlow's pooling never reads the padding: a max ignores it and an average
/// divides by the steps inside the sequence.
struct PoolingWindows {
    let steps: Int, outSteps: Int, pool: Int, stride: Int, padLeft: Int

    /// The layout over `steps`; `outSteps` is 0 when no "valid" window fits.
    init(steps: Int, pool: Int, stride: Int, padding: Padding) {
        self.steps = steps
        self.pool = pool
        self.stride = stride
        (outSteps, padLeft) = padding.layout(steps: steps, span: pool, stride: stride)
    }

    @inline(__always)
    func window(_ t: Int) -> Range<Int> {
        let first = t * stride - padLeft
        return max(0, first)..<min(steps, first + pool)
    }

    /// Checks a pooling layer's settings and input shape; returns the layout.
    static func build(layer: String, inputShape: [Int], pool: Int, stride: Int, padding: Padding) throws -> PoolingWindows {
        guard pool > 0, stride > 0 else {
            throw LearnError.invalidLayer(layer: layer, reason: "pool size and strides must be at least 1, got \(pool) and \(stride)")
        }
        guard padding != .causal else {
            throw LearnError.invalidLayer(layer: layer, reason: "a pooling's padding is \"valid\" or \"same\", not \"causal\"")
        }
        let windows = inputShape.count == 2 ? PoolingWindows(steps: inputShape[0], pool: pool, stride: stride, padding: padding) : nil
        guard let windows, inputShape[1] > 0, windows.outSteps > 0 else {
            let steps = padding == .valid ? "steps ≥ \(pool)" : "steps"
            throw LearnError.shapeMismatch(layer: layer, expected: "(None, \(steps), channels)", actual: inputShape)
        }
        return windows
    }
}
