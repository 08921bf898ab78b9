/// sparsemax over each row of the last axis (Keras's axis -1): max(x - τ, 0), the
/// projection of the row onto the probability simplex, as Keras's TensorFlow backend
/// computes it, with one difference: Keras 3.15 takes τ from the sum of the cumulative
/// sums over the support, so its rows do not sum to 1 once two values are in it
/// (keras-team/keras#23425); this takes the sum of the sorted values over the support,
/// the fix Keras merged (#23469), and the Keras fixtures come from Keras's code with that
/// fix (scripts/reference/keras_last_activations.py).
///
/// Keras's steps: sort the row descending (tf.sort, through top_k, which puts the lower
/// index first among ties), cumulative sums c_i, the support i where
/// sorted_i - (c_i - 1) / i > 0 (tested at every position, as TensorFlow does), k its size,
/// τ = (Σ over the support of sorted_i - 1) / k.
/// The gradient is TensorFlow's automatic one: maximum passes dy where x - τ ≥ 0 (so at
/// the kink x = τ too), call that g; τ takes -Σg, divided by k, back into the values in
/// the support (the comparison that chose them passes nothing). So
/// dx = g - [in the support]·(Σg)/k: a value exactly at τ, outside the support, keeps its
/// whole dy (the fixtures include one).
extension Activation.Function {
    /// The order, threshold and support of one row of `width` values.
    struct SparsemaxRow {
        var tau: Float = 0, k: Float = 0

        /// Fills `order` (descending, ties by index) and `inSupport` (by the value's own
        /// index) for the row `x`.
        init(_ x: UnsafePointer<Float>, width: Int, order: inout [Int], inSupport: inout [Bool]) {
            for j in 0..<width { order[j] = j }
            order.sort { x[$0] > x[$1] || (x[$0] == x[$1] && $0 < $1) }
            var cumulative: Float = 0, supported: Float = 0
            for (i, j) in order.enumerated() {
                cumulative += x[j]
                inSupport[j] = x[j] - (cumulative - 1) / Float(i + 1) > 0
                if inSupport[j] { k += 1; supported += x[j] }
            }
            tau = (supported - 1) / k
        }
    }

    static func sparsemax(_ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        var order = [Int](repeating: 0, count: width), inSupport = [Bool](repeating: false, count: width)
        for r in 0..<rows {
            let zr = z + r * width, yr = y + r * width
            let row = SparsemaxRow(zr, width: width, order: &order, inSupport: &inSupport)
            for j in 0..<width { yr[j] = max(zr[j] - row.tau, 0) }
        }
    }

    static func sparsemaxGradient(_ dy: UnsafePointer<Float>, input z: UnsafePointer<Float>,
                                  into dz: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        var order = [Int](repeating: 0, count: width), inSupport = [Bool](repeating: false, count: width)
        for r in 0..<rows {
            let zr = z + r * width, g = dy + r * width, dr = dz + r * width
            let row = SparsemaxRow(zr, width: width, order: &order, inSupport: &inSupport)
            var sum: Float = 0
            for j in 0..<width {
                dr[j] = zr[j] - row.tau >= 0 ? g[j] : 0
                sum += dr[j]
            }
            let throughTau = -sum / row.k
            for j in 0..<width where inSupport[j] { dr[j] += throughTau }
        }
    }
}
