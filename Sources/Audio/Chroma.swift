import Foundation

/// `Σ a[i]·b[i]` over `n` Floats with eight partial sums (vectorisable; the order
/// differs from BLAS sgemm only at Float rounding level).
@inline(__always)
func dotProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>(repeating: 0)
    var i = 0
    while i + 8 <= n {
        let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
        let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
        acc += va * vb
        i += 8
    }
    var s = acc.sum()
    while i < n { s += a[i] * b[i]; i += 1 }
    return s
}

/// `dotProduct(rows + r * n, b, n)` for each of `count` rows, into `out[r]`. Four rows
/// go through `b` together: their partial sums are independent, so their adds overlap
/// where one row's eight sums each waited on the previous add. Each row's arithmetic is
/// `dotProduct`'s, in its order, so the values are its bits.
func dotProducts(rows: UnsafePointer<Float>, count: Int, with b: UnsafePointer<Float>, _ n: Int,
                 into out: UnsafeMutablePointer<Float>) {
    typealias Lanes = SIMD8<Float>
    func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    var r = 0
    while r + 4 <= count {
        let a0 = rows + r * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n
        var s0 = Lanes(), s1 = Lanes(), s2 = Lanes(), s3 = Lanes()
        var i = 0
        while i + 8 <= n {
            let vb = load(b + i)
            s0 += load(a0 + i) * vb
            s1 += load(a1 + i) * vb
            s2 += load(a2 + i) * vb
            s3 += load(a3 + i) * vb
            i += 8
        }
        var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
        while i < n {
            t0 += a0[i] * b[i]; t1 += a1[i] * b[i]; t2 += a2[i] * b[i]; t3 += a3[i] * b[i]
            i += 1
        }
        out[r] = t0; out[r + 1] = t1; out[r + 2] = t2; out[r + 3] = t3
        r += 4
    }
    while r < count {
        out[r] = dotProduct(rows + r * n, b, n)
        r += 1
    }
}

/// `dotProducts` for four vectors `b0`...`b3` at once, into `out + k * count` for
/// vector k: two rows at a time go through the four vectors, so each row's values are
/// loaded once for four frames (the bank, 49 kB at 2048 points, outgrows the L1 cache).
/// Each (row, vector) product is `dotProduct`'s arithmetic in its order: the same bits.
func dotProducts4(rows: UnsafePointer<Float>, count: Int, with b0: UnsafePointer<Float>, _ b1: UnsafePointer<Float>,
                  _ b2: UnsafePointer<Float>, _ b3: UnsafePointer<Float>, _ n: Int,
                  into out: UnsafeMutablePointer<Float>) {
    typealias Lanes = SIMD8<Float>
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    var r = 0
    // Two rows by four vectors: eight sums, four vectors and a row's values fit the
    // sixteen registers (three rows spilled sums to the stack).
    while r + 2 <= count {
        let a0 = rows + r * n, a1 = a0 + n
        var s00 = Lanes(), s01 = Lanes(), s02 = Lanes(), s03 = Lanes()
        var s10 = Lanes(), s11 = Lanes(), s12 = Lanes(), s13 = Lanes()
        var i = 0
        while i + 8 <= n {
            let x0 = load(b0 + i), x1 = load(b1 + i), x2 = load(b2 + i), x3 = load(b3 + i)
            let w0 = load(a0 + i)
            s00 += w0 * x0; s01 += w0 * x1; s02 += w0 * x2; s03 += w0 * x3
            let w1 = load(a1 + i)
            s10 += w1 * x0; s11 += w1 * x1; s12 += w1 * x2; s13 += w1 * x3
            i += 8
        }
        var t00 = s00.sum(), t01 = s01.sum(), t02 = s02.sum(), t03 = s03.sum()
        var t10 = s10.sum(), t11 = s11.sum(), t12 = s12.sum(), t13 = s13.sum()
        while i < n {
            t00 += a0[i] * b0[i]; t01 += a0[i] * b1[i]; t02 += a0[i] * b2[i]; t03 += a0[i] * b3[i]
            t10 += a1[i] * b0[i]; t11 += a1[i] * b1[i]; t12 += a1[i] * b2[i]; t13 += a1[i] * b3[i]
            i += 1
        }
        out[r] = t00; out[count + r] = t01; out[2 * count + r] = t02; out[3 * count + r] = t03
        out[r + 1] = t10; out[count + r + 1] = t11; out[2 * count + r + 1] = t12; out[3 * count + r + 1] = t13
        r += 2
    }
    while r < count {
        let a = rows + r * n
        out[r] = dotProduct(a, b0, n); out[count + r] = dotProduct(a, b1, n)
        out[2 * count + r] = dotProduct(a, b2, n); out[3 * count + r] = dotProduct(a, b3, n)
        r += 1
    }
}

/// Chroma filter banks by (rate, n_fft, n_chroma, tuning): estimated tunings are
/// multiples of 0.01, so a corpus needs only a few dozen banks, each costing thousands
/// of exp/log calls to build.
enum ChromaFilterCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: Matrix] = [:]

    static func bank(sampleRate: Double, nFFT: Int, nChroma: Int, tuning: Double) throws -> Matrix {
        let key = "\(sampleRate)/\(nFFT)/\(nChroma)/\(tuning.bitPattern)"
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        let fb = try chromaFilterBank(sampleRate: sampleRate, nFFT: nFFT, nChroma: nChroma, tuning: tuning)
        lock.lock()
        if cache.count < 512 { cache[key] = fb }
        lock.unlock()
        return fb
    }
}

/// Chroma from frame-major magnitudes: tuning (estimated unless given), filter bank,
/// then each frame divided by its largest value (`norm=np.inf`; silent frames stay 0).
///
/// `nFFT` is the transform's length when known (the signal form's); the filter bank is
/// built for it, as librosa's `filters.chroma(sr, n_fft)`, while the tuning, as librosa's
/// `estimate_tuning(S=S)`, takes `2 * (bins - 1)`: the two differ for an odd length.
func chromaFromMagnitudeFrames(_ frames: Matrix, sampleRate: Double, nFFT: Int? = nil, nChroma: Int = 12,
                               tuning: Double? = nil) throws -> Matrix {
    let bins = frames.columns, count = frames.rows
    let tune = try tuning ?? estimateTuning(magnitudeFrames: frames, sampleRate: sampleRate, resolution: 0.01,
                                            binsPerOctave: nChroma, in: "chroma_stft")
    let fb = try ChromaFilterCache.bank(sampleRate: sampleRate, nFFT: nFFT ?? 2 * (bins - 1), nChroma: nChroma, tuning: tune)
    var out = Matrix(rows: nChroma, columns: count)
    var columns = [Float](repeating: 0, count: 4 * nChroma)
    fb.values.withUnsafeBufferPointer { f in
        frames.values.withUnsafeBufferPointer { src in
            out.values.withUnsafeMutableBufferPointer { dst in
                columns.withUnsafeMutableBufferPointer { cols in
                    let col = cols.baseAddress!
                    var t = 0
                    // Four frames at a time, then one by one.
                    while t < count {
                        let frame = src.baseAddress! + t * bins
                        let taken: Int
                        if t + 4 <= count {
                            dotProducts4(rows: f.baseAddress!, count: nChroma, with: frame, frame + bins,
                                         frame + 2 * bins, frame + 3 * bins, bins, into: col)
                            taken = 4
                        } else {
                            dotProducts(rows: f.baseAddress!, count: nChroma, with: frame, bins, into: col)
                            taken = 1
                        }
                        for k in 0..<taken {
                            let column = col + k * nChroma
                            var peak: Float = 0
                            for c in 0..<nChroma { peak = max(peak, abs(column[c])) }
                            if peak < Float.leastNormalMagnitude { peak = 1 }
                            for c in 0..<nChroma { dst[c * count + t + k] = column[c] / peak }
                        }
                        t += taken
                    }
                }
            }
        }
    }
    return out
}

/// Chromagram from a magnitude spectrogram `S` (bins x frames), librosa 0.8.1
/// `feature.chroma_stft(S=S, sr)` as the tutorial calls it: `tuning` estimated with
/// `estimateTuning(S:)` when nil, the chroma filter bank applied, each frame scaled to a
/// maximum of 1. Returns `nChroma` x frames.
///
/// - Throws: `AudioError.invalidParameter` unless `S` has at least 2 rows, the sample
///   rate is positive, `nChroma` at least 1 and `tuning`, when given, finite.
public func chromaSTFT(S: Matrix, sampleRate: Double, nChroma: Int = 12, tuning: Double? = nil) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.spectrogramProblem(S, in: "chromaSTFT(S:)"),
                               ArgumentChecks.sampleRateProblem(sampleRate, in: "chromaSTFT(S:)"),
                               ArgumentChecks.countProblem(nChroma, named: "n_chroma", in: "chromaSTFT(S:)"),
                               ArgumentChecks.tuningProblem(tuning, in: "chromaSTFT(S:)"))
    return try chromaFromMagnitudeFrames(S.transposed(), sampleRate: sampleRate, nChroma: nChroma, tuning: tuning)
}

/// `chroma_stft(y=y, sr, n_fft, hop_length)`: the same on librosa's default power
/// spectrogram `|stft(y)|²`.
public func chromaSTFT(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512, nChroma: Int = 12,
                       tuning: Double? = nil) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "chroma_stft"),
                               ArgumentChecks.countProblem(nChroma, named: "n_chroma", in: "chroma_stft"),
                               ArgumentChecks.tuningProblem(tuning, in: "chroma_stft"))
    var frames = try magnitudeFrames(y, nFFT: nFFT, hopLength: hopLength, in: "chroma_stft")
    for i in 0..<frames.values.count { frames.values[i] *= frames.values[i] }
    return try chromaFromMagnitudeFrames(frames, sampleRate: sampleRate, nFFT: nFFT, nChroma: nChroma, tuning: tuning)
}
