import Foundation

/// librosa 0.8.1 `util.softmask(X, X_ref, power, split_zeros)`: `X^p / (X^p + X_ref^p)`,
/// computed after dividing both by `max(X, X_ref)` (for range), in Float as librosa does
/// for float32 inputs. Where both are below Float's smallest normal the mask is 0.5 with
/// `splitZeros`, else 0.
///
/// - Throws: `AudioError.invalidParameter` for different shapes, negative entries, a
///   power that is not positive, or entries that are not finite.
public func softmask(_ x: Matrix, _ reference: Matrix, power: Float = 1, splitZeros: Bool = false) throws -> Matrix {
    guard x.rows == reference.rows, x.columns == reference.columns else {
        throw AudioError.invalidParameter("softmask: shapes differ (\(x.rows)x\(x.columns) vs \(reference.rows)x\(reference.columns))")
    }
    guard power > 0 else { throw AudioError.invalidParameter("softmask: power must be positive, got \(power)") }
    guard !x.values.contains(where: { $0 < 0 }), !reference.values.contains(where: { $0 < 0 }) else {
        throw AudioError.invalidParameter("softmask: X and X_ref must be non-negative")
    }
    // librosa's mask is NaN there (NaN / NaN, or infinity / infinity), where Swift's max
    // would skip a NaN and give a finite mask.
    try ArgumentChecks.require(ArgumentChecks.finiteMatrixProblem(x, named: "X", in: "softmask"),
                               ArgumentChecks.finiteMatrixProblem(reference, named: "X_ref", in: "softmask"))
    var mask = Matrix(rows: x.rows, columns: x.columns)
    for i in 0..<mask.values.count {
        mask.values[i] = softmaskValue(x.values[i], reference.values[i], power: power, splitZeros: splitZeros)
    }
    return mask
}

@inline(__always)
func softmaskValue(_ x: Float, _ ref: Float, power: Float, splitZeros: Bool) -> Float {
    let z = max(x, ref)
    if !(z >= Float.leastNormalMagnitude) { return power.isFinite ? (splitZeros ? 0.5 : 0) : 0 }
    guard power.isFinite else { return x > ref ? 1 : 0 }  // librosa's hard mask
    let a = x / z, b = ref / z
    let m: Float, r: Float
    if power == 2 {
        m = a * a; r = b * b
    } else if power == 1 {
        m = a; r = b
    } else {
        m = Float(pow(Double(a), Double(power))); r = Float(pow(Double(b), Double(power)))
    }
    return m / (m + r)
}

/// librosa 0.8.1 `decompose.hpss` of a complex STFT with the default parameters made
/// explicit: harmonic = median filter of the magnitude across `kernelSize` frames,
/// percussive = across `kernelSize` bins (scipy 'reflect' edges); each part is the
/// STFT times its soft mask (`power`, margins 1, so bins where both medians vanish are
/// split half and half).
///
/// Each part is rebuilt as librosa does, `(|D| * mask) * exp(i angle(D))` in Float.
///
/// - Throws: `AudioError.invalidParameter` for a kernel size below 1 or a bad power.
public func hpss(_ d: ComplexMatrix, kernelSize: Int = 31, power: Float = 2) throws
    -> (harmonic: ComplexMatrix, percussive: ComplexMatrix)
{
    let (harmonicMask, percussiveMask) = try hpssMasks(d, kernelSize: kernelSize, power: power)
    let s = d.magnitude()
    func part(_ mask: Matrix) -> ComplexMatrix {
        var out = d
        let scaled = zip(s.values, mask.values).map { $0 * $1 }
        out.real.withUnsafeMutableBufferPointer { re in
            out.imag.withUnsafeMutableBufferPointer { im in
                applyMaskedBins(re: re.baseAddress!, im: im.baseAddress!, scaled: scaled, count: scaled.count,
                                intoRe: re.baseAddress!, intoIm: im.baseAddress!)
            }
        }
        return out
    }
    return (part(harmonicMask), part(percussiveMask))
}

/// The two soft masks of `hpss`, in the STFT's (bins x frames) layout.
func hpssMasks(_ d: ComplexMatrix, kernelSize: Int, power: Float) throws -> (harmonic: Matrix, percussive: Matrix) {
    guard kernelSize >= 1 else { throw AudioError.invalidParameter("hpss: kernel size must be >= 1, got \(kernelSize)") }
    guard power > 0 else { throw AudioError.invalidParameter("hpss: power must be positive, got \(power)") }
    let s = d.magnitude()
    let harm = try medianFilter(s, size: (1, kernelSize))
    let perc = try medianFilter(s, size: (kernelSize, 1))
    var mh = Matrix(rows: s.rows, columns: s.columns)
    var mp = Matrix(rows: s.rows, columns: s.columns)
    for i in 0..<s.values.count {
        mh.values[i] = softmaskValue(harm.values[i], perc.values[i], power: power, splitZeros: true)
        mp.values[i] = softmaskValue(perc.values[i], harm.values[i], power: power, splitZeros: true)
    }
    return (mh, mp)
}

/// One bin of a masked part as librosa forms it: `(|D| * mask) * exp(1j * angle(D))` in
/// complex64, i.e. `atan2f`, then `cosf`/`sinf` of that Float angle. Scaling `D` by the
/// mask instead differs by a rounding per bin, which is enough to move quiet frames (and
/// near-ties in the tuning histogram) visibly in tonnetz.
@inline(__always)
func maskedBin(_ re: Float, _ im: Float, _ scaledMagnitude: Float) -> (Float, Float) {
    if scaledMagnitude == 0 { return (0, 0) }  // 0 times a unit phase
    let angle = atan2f(im, re)
    return (scaledMagnitude * cosf(angle), scaledMagnitude * sinf(angle))
}

/// librosa 0.8.1 `effects.harmonic(y)`: the STFT (n_fft 2048, hop 512, Hann, reflect
/// padding), its harmonic part by `hpss` (kernel 31, soft mask power 2), and back with
/// the inverse STFT, then cut or zero-padded to `y.count` samples. As in librosa the
/// inverse runs without a target length, so the last `y.count % 512` samples are the
/// zero padding of `fix_length`, not overlap-added signal.
///
/// - Throws: `AudioError.invalidParameter` for an empty signal or one that is not finite.
public func harmonic(_ y: [Float]) throws -> [Float] {
    try ArgumentChecks.require(ArgumentChecks.emptySignalProblem(y, in: "harmonic"),
                               ArgumentChecks.finiteSignalProblem(y, in: "harmonic"))
    return try harmonic(stft: try STFTFrames(y, nFFT: 2048, hopLength: 512, in: "stft"), length: y.count)
}

/// `effects.harmonic` from an STFT already computed as `stft(y)` (n_fft 2048, hop 512),
/// so that a caller needing the same transform for other features computes it once.
/// `length` is `y.count`.
///
/// - Throws: `AudioError.invalidParameter` for an STFT without bins or a negative length.
public func harmonic(stft d: ComplexMatrix, length: Int) throws -> [Float] {
    guard length >= 0 else { throw AudioError.invalidParameter("harmonic: length must be at least 0 samples, got \(length)") }
    return try harmonic(stft: STFTFrames(d), length: length)
}

/// `harmonic(stft:length:)` for the STFT held frame after frame that
/// `MagnitudeSpectrogram.withSTFT` gives with the spectral features' magnitudes; the
/// inverse uses the STFT's own hop.
///
/// - Throws: `AudioError.invalidParameter` for an STFT without bins or a negative length.
public func harmonic(stft d: STFTFrames, length: Int) throws -> [Float] {
    guard length >= 0 else { throw AudioError.invalidParameter("harmonic: length must be at least 0 samples, got \(length)") }
    // Frames are the rows here: the harmonic median runs across frames (footprint
    // (31, 1)), the percussive one across bins ((1, 31)). Only the harmonic mask is
    // needed.
    let s = d.magnitudes
    let (harm, perc) = try stage("medians") { (try medianFilter(s, size: (31, 1)), try medianFilter(s, size: (1, 31))) }
    let (real, imag) = stage("phase") { harmonicBins(d, magnitudes: s, harmonicMedian: harm, percussiveMedian: perc) }
    return try stage("istft") {
        try istft(frameMajorReal: real, imag: imag, bins: d.bins, hopLength: d.hopLength, fixedLength: length)
    }
}

/// The harmonic part's bins, frame after frame: each magnitude times its soft mask
/// (power 2, zeros split), times the unit phase of its bin in `d`, as `maskedBin`.
/// They go into new, unzeroed arrays: changing `d`'s arrays in place would first copy
/// them.
private func harmonicBins(_ d: STFTFrames, magnitudes s: Matrix, harmonicMedian harm: Matrix,
                          percussiveMedian perc: Matrix) -> (real: [Float], imag: [Float]) {
    let count = s.values.count
    let scaled = [Float](unsafeUninitializedCapacity: count) { out, initialized in
        s.values.withUnsafeBufferPointer { sv in
            harm.values.withUnsafeBufferPointer { hv in
                perc.values.withUnsafeBufferPointer { pv in
                    for i in 0..<count { out[i] = sv[i] * softmaskValue(hv[i], pv[i], power: 2, splitZeros: true) }
                }
            }
        }
        initialized = count
    }
    var imag = [Float]()
    let real = [Float](unsafeUninitializedCapacity: count) { re, reCount in
        imag = [Float](unsafeUninitializedCapacity: count) { im, imCount in
            if count > 0 {
                d.real.withUnsafeBufferPointer { dRe in
                    d.imag.withUnsafeBufferPointer { dIm in
                        scaled.withUnsafeBufferPointer { sv in
                            applyMaskedBins(re: dRe.baseAddress!, im: dIm.baseAddress!, scaled: sv.baseAddress!, count: count,
                                            intoRe: re.baseAddress!, intoIm: im.baseAddress!)
                        }
                    }
                }
            }
            imCount = count
        }
        reCount = count
    }
    return (real, imag)
}
