/// glu, the one activation that changes the shape: each row of the last axis is split into
/// halves a and b, and a·sigmoid(b) is the output, so the last axis is halved (Keras's glu
/// with its default axis -1; tf.split, then x1 * tf.sigmoid(x2)). The layers size their
/// output with `outputWidth` and their output shape with `outputShape`, which refuses an
/// odd axis when the model is built. (Keras's Dense and Activation state the unhalved
/// shape, so a layer after them is built for twice the width the call gives, and the
/// call fails; here the next layer is built for the halved one.)
extension Activation.Function {
    /// The width of an output row for an input row of `width` values.
    func outputWidth(_ width: Int) -> Int { self == .glu ? width / 2 : width }

    /// The per-sample output shape for `shape`, the values this activation is given in
    /// `layer` (a Dense's or Conv1D's before the activation): refused for glu unless the
    /// last axis, which the error calls `axis` ("units", "filters"), splits in two.
    func outputShape(_ shape: [Int], layer: String, axis: String) throws -> [Int] {
        guard self == .glu, let last = shape.last else { return shape }
        guard last % 2 == 0 else {
            throw LearnError.invalidLayer(layer: layer, reason: "activation glu splits the last axis into two halves, "
                                          + "so the \(axis) must be even, got \(Shape.describe(shape)) before glu")
        }
        return shape.dropLast() + [last / 2]
    }

    /// y = a·sigmoid(b) for each of `rows` rows of `width` values, into rows of width / 2.
    static func glu(_ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let half = width / 2
        for r in 0..<rows {
            let a = z + r * width, b = a + half, out = y + r * half
            for j in 0..<half { out[j] = a[j] * sigmoid(b[j]) }
        }
    }

    /// dy·s into a, and SigmoidGrad of (dy·a) into b: (dy·a)·s·(1 - s), s = sigmoid(b).
    /// s is `sigmoid`'s, a few ulp from TensorFlow's (Eigen's own exp approximation),
    /// which 1 - s magnifies where the gate nears 1.
    static func gluGradient(_ dy: UnsafePointer<Float>, input z: UnsafePointer<Float>,
                            into dz: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let half = width / 2
        for r in 0..<rows {
            let a = z + r * width, b = a + half, g = dy + r * half
            let da = dz + r * width, db = da + half
            for j in 0..<half {
                let s = sigmoid(b[j])
                da[j] = g[j] * s
                db[j] = g[j] * a[j] * s * (1 - s)
            }
        }
    }
}
