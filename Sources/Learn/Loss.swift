#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Keras `SparseCategoricalCrossentropy()` (integer labels, mean over the batch).
///
/// When the model ends in a softmax, Keras 3 computes the loss from the logits the softmax
/// cached (`_keras_logits`), i.e. logsumexp(z) - z_label, with no clipping; the gradient
/// with respect to the logits is (softmax(z) - onehot) / batch. On bare probabilities it
/// clips them to [1e-7, 1 - 1e-7] and takes -log p_label (see `fromProbabilities`).
public enum SparseCategoricalCrossentropy {
    /// Keras's `backend.epsilon()`.
    public static let epsilon: Float = 1e-7

    /// Mean loss over `rows` rows of logits; writes d(mean loss)/d(logits) into `gradient`.
    static func fromLogits(_ z: UnsafePointer<Float>, probabilities p: UnsafePointer<Float>, labels: UnsafePointer<Int32>,
                           rows: Int, classes: Int, gradient: UnsafeMutablePointer<Float>?) -> Float {
        var total: Double = 0
        let scale = 1 / Float(rows)
        for r in 0..<rows {
            let zr = z + r * classes, label = Int(labels[r])
            var m = zr[0]
            for j in 1..<classes { m = max(m, zr[j]) }
            var sum: Double = 0
            for j in 0..<classes { sum += Double(expf(zr[j] - m)) }
            total += log(sum) + Double(m - zr[label])
            if let g = gradient {
                for j in 0..<classes { g[r * classes + j] = (p[r * classes + j] - (j == label ? 1 : 0)) * scale }
            }
        }
        return Float(total / Double(rows))
    }

    /// Mean loss on probabilities the Keras way: clip to [1e-7, 1 - 1e-7], take logs, and
    /// apply softmax cross-entropy to them, i.e. -log(c_label / Σ c_j) with c the clipped
    /// values (equal to -log p_label when the row sums to 1). Writes d(mean loss)/d(p);
    /// clipped entries pass no gradient.
    static func fromProbabilities(_ p: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
                                  gradient: UnsafeMutablePointer<Float>?) -> Float {
        var total: Double = 0
        for r in 0..<rows {
            let label = Int(labels[r])
            var sum: Float = 0
            for j in 0..<classes { sum += min(max(p[r * classes + j], epsilon), 1 - epsilon) }
            let clipped = min(max(p[r * classes + label], epsilon), 1 - epsilon)
            total += Double(logf(sum)) - Double(logf(clipped))
            if let g = gradient {
                for j in 0..<classes {
                    let raw = p[r * classes + j]
                    let inside = raw >= epsilon && raw <= 1 - epsilon
                    g[r * classes + j] = inside ? (1 / sum - (j == label ? 1 / clipped : 0)) / Float(rows) : 0
                }
            }
        }
        return Float(total / Double(rows))
    }

    /// The loss of probability rows against labels (for reports; no gradient). One label
    /// per row, each a class of the rows (a caller's mistake otherwise: it stops with a
    /// message naming it).
    public static func loss(probabilities: Tensor, labels: [Int]) -> Float {
        let classes = probabilities.shape.last ?? 1
        let rows = classes == 0 ? 0 : probabilities.scalars.count / classes
        if labels.count != rows { fatalError("loss: \(labels.count) labels for \(rows) rows of probabilities") }
        if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
            fatalError("loss: label \(bad) is not a class in 0..<\(classes)")
        }
        let l = labels.map { Int32($0) }
        return probabilities.scalars.withUnsafeBufferPointer { p in
            l.withUnsafeBufferPointer { fromProbabilities(p.baseAddress!, labels: $0.baseAddress!, rows: labels.count,
                                                          classes: classes, gradient: nil) }
        }
    }
}
