import Foundation

/// The Savitzky-Golay filter librosa's `delta` asks scipy for (`savgol_coeffs(width,
/// polyorder=order, deriv=order)`), as correlation weights for offsets -width/2 ... width/2:
/// the least-squares polynomial of degree `order` through the window, differentiated
/// `order` times at its centre. With the derivative as high as the degree, that is
/// `order!` times the fitted leading coefficient, and the minimum-norm weights scipy's
/// lstsq returns are `order! · q(k) / Σ q(j)²`, `q` the monic polynomial of degree `order`
/// orthogonal to all lower ones over the window's offsets (built here by Gram-Schmidt in
/// Double). For order 1 that is `k / Σ j²`.
func savgolDerivativeWeights(width: Int, order: Int) -> [Double] {
    let half = width / 2
    let offsets = (-half...half).map(Double.init)
    var basis = [[Double]]()   // the orthogonal polynomials of lower degree, sampled
    var q = [Double]()
    for degree in 0...order {
        q = offsets.map { pow($0, Double(degree)) }
        for lower in basis {
            let projection = zip(q, lower).reduce(0) { $0 + $1.0 * $1.1 } / lower.reduce(0) { $0 + $1 * $1 }
            for i in q.indices { q[i] -= projection * lower[i] }
        }
        basis.append(q)
    }
    let factorial = (1...order).reduce(1.0) { $0 * Double($1) }
    let norm = q.reduce(0) { $0 + $1 * $1 }
    return q.map { factorial * $0 / norm }
}

/// Delta features, librosa 0.8.1 `feature.delta(data, width, order, axis, mode='interp')`:
/// a local estimate of the `order`-th derivative along `axis` (-1 or 1: across frames, the
/// default; 0 or -2: across rows), by `scipy.signal.savgol_filter(data, width,
/// polyorder=order, deriv=order, mode='interp')`.
///
/// How scipy computes it, reproduced here:
/// - away from the ends, `ndimage.convolve1d` in Double, weights being exactly odd or even
///   (as the derivative's order), so it sums `(x[t+j] ∓ x[t-j])·w[j]` from the outermost
///   pair in, then rounds to Float, the input's type;
/// - in the first and last `width/2` positions ('interp'), a polynomial of degree `order`
///   is fitted to the first (last) `width` values and differentiated `order` times: a
///   constant, the same least-squares fit the filter makes centred at position `width/2`
///   (`count - 1 - width/2`), so those positions take that value. (scipy fits it anew with
///   `np.polyfit`; the two roundings agree to Double precision.) Rows that are constant
///   give 0 here, where scipy leaves residues near 1e-16 of their size.
///
/// - Throws: `AudioError.invalidParameter`, in librosa's order, when `width` exceeds the
///   length along `axis` ('interp' needs one full window), when `width` is not an odd
///   integer of at least 3, when `order` is not positive, when `order` is not below
///   `width` (scipy's "polyorder must be less than window_length"), or for another axis;
///   and for a value that is not finite, where librosa's result is not finite either.
public func delta(_ data: Matrix, width: Int = 9, order: Int = 1, axis: Int = -1) throws -> Matrix {
    let alongRows: Bool
    switch axis {
    case -1, 1: alongRows = true
    case 0, -2: alongRows = false
    default: throw AudioError.invalidParameter("delta: axis must be -1, 0 or 1 for a matrix, got \(axis)")
    }
    let lines = alongRows ? data : data.transposed()
    let n = lines.columns
    if width > n {
        throw AudioError.invalidParameter(
            "delta: when mode='interp', width=\(width) cannot exceed data.shape[axis]=\(n)")
    }
    if width < 3 || width % 2 != 1 {
        throw AudioError.invalidParameter("delta: width must be an odd integer >= 3, got \(width)")
    }
    if order <= 0 { throw AudioError.invalidParameter("delta: order must be a positive integer, got \(order)") }
    if order >= width {
        throw AudioError.invalidParameter(
            "delta: order \(order) must be less than width \(width) (scipy's polyorder < window_length)")
    }
    // scipy's filter carries a NaN or an infinity into every value its window reaches
    // (infinity minus infinity is NaN), and into whole edge stretches through the fit.
    try ArgumentChecks.require(ArgumentChecks.finiteMatrixProblem(data, named: "data", in: "delta"))
    let w = savgolDerivativeWeights(width: width, order: order)
    let half = width / 2
    let odd = order % 2 == 1
    var out = Matrix(rows: lines.rows, columns: n)
    lines.values.withUnsafeBufferPointer { src in
        out.values.withUnsafeMutableBufferPointer { dst in
            for r in 0..<lines.rows {
                let x = src.baseAddress! + r * n, y = dst.baseAddress! + r * n
                for t in half..<(n - half) {
                    var sum = odd ? 0 : Double(x[t]) * w[half]
                    for j in stride(from: -half, to: 0, by: 1) {
                        let pair = odd ? Double(x[t + j]) - Double(x[t - j]) : Double(x[t + j]) + Double(x[t - j])
                        sum += pair * w[half + j]
                    }
                    y[t] = Float(sum)
                }
                for t in 0..<half {
                    y[t] = y[half]
                    y[n - 1 - t] = y[n - 1 - half]
                }
            }
        }
    }
    return alongRows ? out : out.transposed()
}
