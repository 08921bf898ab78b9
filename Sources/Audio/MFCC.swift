import Foundation

/// The orthonormal DCT-II basis (`scipy.fftpack.dct(type=2, norm='ortho')`), first
/// `count` rows for inputs of `length`: row k is `s_k · cos(π k (2n+1) / 2N)` with
/// `s_0 = √(1/N)` and `s_k = √(2/N)`. Kept in Double; the products are few.
func dctBasis(count: Int, length: Int) -> [Double] {
    let n = Double(length)
    var basis = [Double](repeating: 0, count: count * length)
    for k in 0..<count {
        let scale = k == 0 ? (1 / n).squareRoot() : (2 / n).squareRoot()
        for i in 0..<length {
            basis[k * length + i] = scale * cos(Double.pi * Double(k) * Double(2 * i + 1) / (2 * n))
        }
    }
    return basis
}

/// Mel-frequency cepstral coefficients, librosa 0.8.1 `feature.mfcc(y, sr, n_mfcc)`:
/// the orthonormal DCT-II over mel bands of `power_to_db(melspectrogram(y, sr))`
/// (ref 1, amin 1e-10, top_db 80). Returns `nMFCC` x frames. `fmin` and `fmax` bound the
/// mel band, as librosa passes them on to `melspectrogram`.
public func mfcc(y: [Float], sampleRate: Double, nMFCC: Int = 20, nMels: Int = 128, fmin: Double = 0,
                 fmax: Double? = nil) throws -> Matrix {
    // The signal, rate and band are checked, under this function's name, on the way.
    try ArgumentChecks.require(ArgumentChecks.countProblem(nMFCC, named: "n_mfcc", in: "mfcc"))
    let mel = try melspectrogram(y: y, sampleRate: sampleRate, nMels: nMels, fmin: fmin, fmax: fmax, in: "mfcc")
    return try mfcc(S: try powerToDB(mel), nMFCC: nMFCC)
}

/// MFCCs from a log-power mel spectrogram `S` (mel bands x frames), `mfcc(S=S)`: the
/// first `min(nMFCC, S.rows)` coefficients.
///
/// - Throws: `AudioError.invalidParameter` for `nMFCC` below 1.
public func mfcc(S: Matrix, nMFCC: Int = 20) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.countProblem(nMFCC, named: "n_mfcc", in: "mfcc(S:)"))
    let count = min(nMFCC, S.rows)
    let basis = dctBasis(count: count, length: S.rows)
    var out = Matrix(rows: count, columns: S.columns)
    let columns = S.columns, rows = S.rows
    var acc = [Double](repeating: 0, count: columns)
    basis.withUnsafeBufferPointer { basisBuffer in
        S.values.withUnsafeBufferPointer { sBuffer in
            out.values.withUnsafeMutableBufferPointer { outBuffer in
                acc.withUnsafeMutableBufferPointer { accBuffer in
                    let a = accBuffer.baseAddress!, src = sBuffer.baseAddress!
                    for k in 0..<count {
                        for t in 0..<columns { a[t] = 0 }
                        // Row-by-row accumulation keeps both matrices in memory order.
                        for m in 0..<rows {
                            let w = basisBuffer[k * rows + m]
                            let row = src + m * columns
                            for t in 0..<columns { a[t] += w * Double(row[t]) }
                        }
                        let o = outBuffer.baseAddress! + k * columns
                        for t in 0..<columns { o[t] = Float(a[t]) }
                    }
                }
            }
        }
    }
    return out
}
