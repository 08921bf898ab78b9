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
/// (ref 1, amin 1e-10, top_db 80). Returns `nMFCC` x frames. `nFFT`, `hopLength`, `fmin`
/// and `fmax` go to the mel spectrogram, as librosa passes them on to `melspectrogram`.
public func mfcc(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512, nMFCC: Int = 20,
                 nMels: Int = 128, fmin: Double = 0, fmax: Double? = nil) throws -> Matrix {
    // The signal, rate and band are checked, under this function's name, on the way.
    try ArgumentChecks.require(ArgumentChecks.countProblem(nMFCC, named: "n_mfcc", in: "mfcc"))
    let mel = try melspectrogram(y: y, sampleRate: sampleRate, nFFT: nFFT, hopLength: hopLength, nMels: nMels,
                                 fmin: fmin, fmax: fmax, in: "mfcc")
    return try mfcc(S: try powerToDB(mel), nMFCC: nMFCC)
}

/// MFCCs from a log-power mel spectrogram `S` (mel bands x frames), `mfcc(S=S)`: the
/// first `min(nMFCC, S.rows)` coefficients.
///
/// - Throws: `AudioError.invalidParameter` for `nMFCC` below 1.
public func mfcc(S: Matrix, nMFCC: Int = 20) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.countProblem(nMFCC, named: "n_mfcc", in: "mfcc(S:)"))
    let count = min(nMFCC, S.rows)
    let basis = DCTBasisCache.basis(count: count, length: S.rows)
    var out = Matrix(rows: count, columns: S.columns)
    guard count > 0, S.columns > 0 else { return out }
    basis.withUnsafeBufferPointer { w in
        S.values.withUnsafeBufferPointer { s in
            out.values.withUnsafeMutableBufferPointer { o in
                dctRows(w.baseAddress!, count: count, of: s.baseAddress!, rows: S.rows, columns: S.columns,
                        into: o.baseAddress!)
            }
        }
    }
    return out
}

/// `out[k][t] = Float(Σ_m basis[k][m] · Double(s[m][t]))` for `count` coefficients,
/// each sum in Double formed with `m` ascending from +0, without fused multiply-adds.
/// Tiles of 4 coefficients by 8 frames stay in registers while `m` runs over the
/// bands (a row at a time, the accumulators went through memory on every band); each
/// element's sum has the same terms in the same order either way.
private func dctRows(_ basis: UnsafePointer<Double>, count: Int, of s: UnsafePointer<Float>, rows: Int,
                     columns: Int, into out: UnsafeMutablePointer<Float>) {
    typealias Lanes = SIMD8<Double>
    let width = Lanes.scalarCount
    func column(_ m: Int, _ t: Int) -> Lanes {
        Lanes(UnsafeRawPointer(s + m * columns + t).loadUnaligned(as: SIMD8<Float>.self))
    }
    func store(_ sum: Lanes, _ k: Int, _ t: Int) {
        UnsafeMutableRawPointer(out + k * columns + t).storeBytes(of: SIMD8<Float>(sum), as: SIMD8<Float>.self)
    }
    var k = 0
    while k + 4 <= count {
        let w0 = basis + k * rows, w1 = w0 + rows, w2 = w1 + rows, w3 = w2 + rows
        var t = 0
        while t + width <= columns {
            var a0 = Lanes(), a1 = Lanes(), a2 = Lanes(), a3 = Lanes()
            for m in 0..<rows {
                let x = column(m, t)
                a0 += Lanes(repeating: w0[m]) * x
                a1 += Lanes(repeating: w1[m]) * x
                a2 += Lanes(repeating: w2[m]) * x
                a3 += Lanes(repeating: w3[m]) * x
            }
            store(a0, k, t); store(a1, k + 1, t); store(a2, k + 2, t); store(a3, k + 3, t)
            t += width
        }
        for r in k..<(k + 4) { dctScalar(basis, r, of: s, rows: rows, columns: columns, frames: t..<columns, into: out) }
        k += 4
    }
    for r in k..<count { dctScalar(basis, r, of: s, rows: rows, columns: columns, frames: 0..<columns, into: out) }
}

/// One coefficient of `dctRows` for some frames, element by element.
private func dctScalar(_ basis: UnsafePointer<Double>, _ k: Int, of s: UnsafePointer<Float>, rows: Int,
                       columns: Int, frames: Range<Int>, into out: UnsafeMutablePointer<Float>) {
    for t in frames {
        var sum = 0.0
        for m in 0..<rows { sum += basis[k * rows + m] * Double(s[m * columns + t]) }
        out[k * columns + t] = Float(sum)
    }
}

/// DCT bases by size: the recipe asks for the same 40 x 128 basis for every recording,
/// and building it costs 5,120 cosines.
enum DCTBasisCache {
    struct Key: Hashable { let count: Int, length: Int }
    static let bases = LeastRecentlyUsedCache<Key, [Double]>(capacity: 4)

    static func basis(count: Int, length: Int) -> [Double] {
        bases.value(for: Key(count: count, length: length)) { dctBasis(count: count, length: length) }
    }
}
