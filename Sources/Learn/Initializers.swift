import COpenBLAS

/// Keras's weight initialisers, drawing from the library's seeded generator.
enum Initializers {
    /// `glorot_uniform`: U(-l, l), l = sqrt(6 / (fan_in + fan_out)); for a kernel shaped
    /// (receptive..., in, out) the fans are in·receptive and out·receptive, as in Keras.
    static func glorotUniform(_ shape: [Int], rng: inout SeededGenerator) -> [Float] {
        let receptive = shape.dropLast(2).reduce(1, *)
        let fanIn = shape.count >= 2 ? shape[shape.count - 2] * receptive : shape[0]
        let fanOut = shape.count >= 2 ? shape[shape.count - 1] * receptive : shape[0]
        let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
        return (0..<shape.reduce(1, *)).map { _ in rng.uniform(-limit, limit) }
    }

    /// `orthogonal` (gain 1) for a (rows, cols) matrix: the Q factor of a Gaussian matrix,
    /// with the sign convention that makes R's diagonal positive (as Keras's
    /// `q *= sign(diag(r))`). Gram–Schmidt gives exactly that convention; it runs twice
    /// per column ("twice is enough") in Double so Q is orthogonal to rounding.
    static func orthogonal(rows: Int, cols: Int, rng: inout SeededGenerator) -> [Float] {
        // Keras transposes a wide matrix so the factorised one is tall.
        let tall = max(rows, cols), narrow = min(rows, cols)
        var q = [Double](repeating: 0, count: tall * narrow)  // column-major: column j at j*tall
        for i in 0..<q.count { q[i] = rng.normal() }
        q.withUnsafeMutableBufferPointer { b in
            let p = b.baseAddress!
            for j in 0..<narrow {
                let col = p + j * tall
                for _ in 0..<2 {
                    for i in 0..<j {
                        let other = p + i * tall
                        let d = cblas_ddot(Int32(tall), other, 1, col, 1)
                        cblas_daxpy(Int32(tall), -d, other, 1, col, 1)
                    }
                }
                let norm = cblas_dnrm2(Int32(tall), col, 1)
                cblas_dscal(Int32(tall), 1 / norm, col, 1)
            }
        }
        var out = [Float](repeating: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                // q[t, n] for the tall matrix; the result is q itself (rows ≥ cols) or its transpose.
                out[r * cols + c] = Float(rows >= cols ? q[c * tall + r] : q[r * tall + c])
            }
        }
        return out
    }
}
