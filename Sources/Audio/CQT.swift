import CFFTW
import Foundation

/// Constant-Q transform, librosa 0.8.1 `cqt(y, sr, hop_length, fmin, n_bins,
/// bins_per_octave, tuning)` with its other defaults (filter_scale 1, L1-normalised Hann
/// filters, sparsity 0.01, scale=True, reflect padding, automatic resampling type):
///
/// 1. tuning (estimated from `y` when `nil`) shifts `fmin` by `tuning / binsPerOctave`
///    octaves (default fmin C1, 32.70 Hz);
/// 2. early downsampling: when the top octave's filters sit well below Nyquist, the
///    signal is first decimated by a power of two with resampy's kaiser_fast filter
///    (scaled by `sqrt(2)` per halving), as far as the hop's factors of two allow;
/// 3. per octave, from the top: an STFT with a rectangular window of the filters'
///    power-of-two length at the octave's hop, multiplied by the sparse
///    frequency-domain filter bank (scaled by `sqrt(2^i)`); then the signal is halved
///    (kaiser_fast, `sqrt(2)` scale) and the hop halved for the next octave down;
/// 4. the octaves are stacked low to high, trimmed to the shortest, and each bin divided
///    by the square root of its filter length at the (early-downsampled) rate.
///
/// Values are complex64 throughout as librosa's for a float32 signal; the STFT frames
/// and the filter bank go through double-precision FFTW, as numpy's FFT does, and are
/// rounded to complex64 where librosa stores them.
///
/// - Throws: `AudioError.invalidParameter` when the hop is not a multiple of
///   `2^(octaves-1)`, the signal is empty, not finite or too short for the octaves, or a
///   filter's pass band lies beyond Nyquist.
public func cqt(_ y: [Float], sampleRate: Double, hopLength: Int = 512, fmin: Double? = nil,
                nBins: Int = 84, binsPerOctave: Int = 12, tuning: Double? = 0,
                filterScale: Double = 1, sparsity: Double = 0.01) throws -> ComplexMatrix {
    guard nBins > 0, binsPerOctave > 0, hopLength > 0, sampleRate > 0, sampleRate.isFinite else {
        throw AudioError.invalidParameter("cqt needs n_bins, bins_per_octave, hop_length and sr > 0 (finite), got n_bins=\(nBins), "
                                          + "bins_per_octave=\(binsPerOctave), hop_length=\(hopLength), sr=\(sampleRate)")
    }
    try ArgumentChecks.require(ArgumentChecks.emptySignalProblem(y, in: "cqt"),
                               ArgumentChecks.finiteSignalProblem(y, in: "cqt"))
    try ArgumentChecks.require(ArgumentChecks.frequencyProblem(fmin, named: "fmin", in: "cqt"))
    guard filterScale > 0, filterScale.isFinite else {
        throw AudioError.invalidParameter("cqt: filter_scale must be positive, got \(filterScale)")
    }
    try ArgumentChecks.require(ArgumentChecks.tuningProblem(tuning, in: "cqt"))
    guard (0..<1).contains(sparsity) else {
        throw AudioError.invalidParameter("cqt: sparsity must be at least 0 and below 1, got \(sparsity)")
    }
    let bpo = Double(binsPerOctave)
    var nOctaves = Int((Double(nBins) / bpo).rounded(.up))
    let nFilters = min(binsPerOctave, nBins)
    let alpha = pow(2.0, 1.0 / bpo) - 1
    let tuning = try tuning ?? stage("tuning") { try estimateTuning(y: y, sampleRate: sampleRate, binsPerOctave: binsPerOctave) }
    let fmin = (fmin ?? noteC1Hz) * pow(2.0, tuning / bpo)

    // cqt_frequencies of the top octave.
    let topFreqs = (max(nBins - binsPerOctave, 0)..<nBins).map { 1.0 * fmin * pow(2.0, Double($0) / bpo) }
    var fminTop = topFreqs.min() ?? fmin
    let fmaxTop = topFreqs.max() ?? fmin
    let q = filterScale / alpha
    let filterCutoff = fmaxTop * (1 + 0.5 * ConstantQBasis.hannBandwidth / q)
    var sr = sampleRate
    let nyquist = sr / 2.0
    // librosa's "Filter pass-band lies beyond Nyquist", for the top octave at the full
    // rate, where it raises: checked here in the user's terms, since the filters are
    // built at a rate scaled with fmin (ConstantQBasis.cachedCanonical), whose numbers
    // would be no help.
    guard filterCutoff <= nyquist else {
        // "%.0f", not Int(...): with many bins the top frequency passes Int's range (or is
        // infinite), and converting it would trap instead of throwing.
        func hertz(_ x: Double) -> String { String(format: "%.0f", x) }
        throw AudioError.invalidParameter(
            "cqt: the top bin's filter (at \(hertz(fmaxTop)) Hz, from fmin \(hertz(fmin)) Hz and \(nBins) bins "
                + "at \(binsPerOctave) per octave) reaches \(hertz(filterCutoff)) Hz, beyond the Nyquist frequency "
                + "(\(hertz(nyquist)) Hz at sr \(sampleRate)); lower fmin or n_bins")
    }
    let fast = filterCutoff < kaiserFastBandwidth * nyquist

    // Early downsampling (only with kaiser_fast).
    var signal = y
    var hop = hopLength
    let count1 = max(0, Int(ceil(log2(kaiserFastBandwidth * nyquist / filterCutoff)) - 1) - 1)
    let count2 = max(0, twoFactors(hop) - nOctaves + 1)
    let early = min(count1, count2)
    if early > 0 && fast {
        let factor = 1 << early
        hop /= factor
        guard signal.count >= factor else {
            throw AudioError.invalidParameter("cqt: a signal of \(y.count) samples is too short for a \(nOctaves)-octave CQT")
        }
        let newRate = sr / Double(factor)
        signal = try stage("resample") { try resample(signal, from: sr, to: newRate, filter: .kaiserFast, scale: true) }
        sr = newRate
    }

    var responses: [OctaveResponse] = []
    if !fast {
        // librosa does the top octave at the full rate (its kaiser_best branch), then
        // continues with kaiser_fast one octave lower.
        let basis = try stage("filters") {
            try ConstantQBasis.cachedCanonical(sampleRate: sr, fmin: fminTop, bins: nFilters, binsPerOctave: binsPerOctave,
                                               filterScale: filterScale, sparsity: sparsity)
        }
        responses.append(try stage("responses") { try constantQResponse(signal, basis: basis, hopLength: hop, gain: 1) })
        fminTop /= 2
        nOctaves -= 1
    }
    guard twoFactors(hop) >= nOctaves - 1 else {
        throw AudioError.invalidParameter("cqt: hop_length must be a positive integer multiple of 2^\(nOctaves - 1) for a \(nOctaves)-octave CQT")
    }

    var octaveSignal = signal, octaveRate = sr, octaveHop = hop
    for i in 0..<nOctaves {
        if i > 0 {
            guard octaveSignal.count >= 2 else {
                throw AudioError.invalidParameter("cqt: a signal of \(y.count) samples is too short for a \(nOctaves)-octave CQT")
            }
            octaveSignal = try stage("resample") { try resample(octaveSignal, from: 2, to: 1, filter: .kaiserFast, scale: true) }
            octaveRate /= 2
            octaveHop /= 2
        }
        let basis = try stage("filters") {
            try ConstantQBasis.cachedCanonical(sampleRate: octaveRate, fmin: fminTop * pow(2.0, -Double(i)), bins: nFilters,
                                               binsPerOctave: binsPerOctave, filterScale: filterScale, sparsity: sparsity)
        }
        // librosa scales the complex64 basis by the float64 scalar sqrt(2^i), which
        // numpy applies as a float32 scalar.
        let gain = Float(Double(1 << i).squareRoot())
        responses.append(try stage("responses") { try constantQResponse(octaveSignal, basis: basis, hopLength: octaveHop, gain: gain) })
    }

    // __trim_stack: octaves go from the top down, each filling the rows below the last.
    // Each row is copied scaled (scale=True): divided by sqrt(filter length) at the
    // post-downsampling rate; numpy's complex-by-real division multiplies by the
    // reciprocal, in Double.
    let lengths = try ConstantQBasis.lengths(sampleRate: sr, fmin: fmin, bins: nBins, binsPerOctave: binsPerOctave,
                                             filterScale: filterScale)
    let columns = responses.map(\.frames).min() ?? 0
    var out = ComplexMatrix(rows: nBins, columns: columns)
    out.real.withUnsafeMutableBufferPointer { outRe in
        out.imag.withUnsafeMutableBufferPointer { outIm in
            var end = nBins
            for r in responses where end > 0 {
                let take = min(end, r.rows)
                r.real.withUnsafeBufferPointer { re in
                    r.imag.withUnsafeBufferPointer { im in
                        for k in 0..<take {
                            let row = end - take + k
                            let inverse = 1.0 / lengths[row].squareRoot()
                            let src = (r.rows - take + k) * r.frames, dst = row * columns
                            // Through pointers at the rows' starts: indices summed with
                            // overflow checks kept this loop scalar.
                            let fromRe = re.baseAddress! + src, fromIm = im.baseAddress! + src
                            let toRe = outRe.baseAddress! + dst, toIm = outIm.baseAddress! + dst
                            for t in 0..<columns {
                                toRe[t] = Float(Double(fromRe[t]) * inverse)
                                toIm[t] = Float(Double(fromIm[t]) * inverse)
                            }
                        }
                    }
                }
                end -= take
            }
        }
    }
    return out
}

/// `note_to_hz('C1')`: MIDI note 24 on the A440 scale.
let noteC1Hz = 440.0 * pow(2.0, (24.0 - 69.0) / 12.0)

/// librosa's `audio.BW_FASTEST`: the kaiser_fast filter's roll-off.
let kaiserFastBandwidth = 0.85

/// How many times `x` divides by 2 (0 for non-positive `x`).
func twoFactors(_ x: Int) -> Int {
    guard x > 0 else { return 0 }
    return x.trailingZeroBitCount
}

/// One octave's filter responses, filters x frames, split complex.
struct OctaveResponse {
    let rows: Int
    let frames: Int
    var real: [Float]
    var imag: [Float]
}

/// `__cqt_response`: the centred, reflect-padded STFT of `y` with a rectangular window
/// of `basis.nFFT` samples at `hopLength`, times the sparse basis (scaled by `gain` in
/// Float), accumulated per filter in complex64 in the basis's column order, as scipy's
/// CSR product does.
///
/// Frames go sixteen at a time: each is transformed (or slid, see SlidingBins), and the
/// bins some filter reads (a small part of the spectrum: the basis is sparse) stored
/// with the sixteen frames side by side, so that one filter's sum runs for sixteen
/// frames in the lanes of two vectors. Each
/// lane adds the same terms in the same order as one frame alone would. The signal is
/// reflect-padded once (in Double, the FFT's input type), so every frame is one copy:
/// the low octaves' frames are long next to their downsampled signals, and were nearly
/// all edge frames indexed sample by sample.
func constantQResponse(_ y: [Float], basis: ConstantQBasis, hopLength: Int, gain: Float) throws -> OctaveResponse {
    typealias Lanes = SIMD8<Float>
    // Sixteen frames a block, in two vectors: a filter's two sums per vector wait on each
    // add, and two vectors' four sums keep the adds busy.
    let width = 2 * Lanes.scalarCount
    let nFFT = basis.nFFT
    let frames = frameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength)
    var out = OctaveResponse(rows: basis.rows, frames: frames,
                             real: [Float](repeating: 0, count: basis.rows * frames),
                             imag: [Float](repeating: 0, count: basis.rows * frames))
    guard frames > 0 else { return out }
    // basis *= sqrt(2^i): complex64 times a real float32 scalar.
    let bre = basis.real.map { $0 * gain }, bim = basis.imag.map { $0 * gain }
    // Frames are transformed in Double and the bins rounded to complex64, as numpy's
    // FFT inside librosa's stft does: the low octaves' frames span seconds, and a Float
    // FFT's leakage from the loud part of a frame would swamp quiet frames' bins.
    let plan = DoubleFFT.shared(size: nFFT)
    let input = fftw_alloc_real(nFFT)!
    let output = fftw_alloc_complex(nFFT / 2 + 1)!
    defer { fftw_free(input); fftw_free(output) }
    let outD = UnsafeMutableRawPointer(output).assumingMemoryBound(to: Double.self)
    // np.pad(y, nFFT / 2, mode='reflect'), as the FFT's Double input, in FFTW's own
    // (aligned) memory: a frame whose start is as aligned as the plan's input is
    // transformed where it lies (an r2c transform leaves its input alone) instead of
    // being copied first (8 KB a frame, 3,000 frames a recording).
    let pad = nFFT / 2, n = y.count
    let padded = UnsafeMutableBufferPointer(start: fftw_alloc_real(n + 2 * pad)!, count: n + 2 * pad)
    defer { fftw_free(padded.baseAddress) }
    // Only the margins need the reflection's arithmetic (a division per sample).
    for i in 0..<pad { padded[i] = Double(y[reflectIndex(i - pad, count: n)]) }
    y.withUnsafeBufferPointer { samples in
        // Through a pointer: indexing `padded` at `pad + i` checked the sum for overflow
        // on every sample, which kept this loop from being vectorised.
        let middle = padded.baseAddress! + pad
        for i in 0..<n { middle[i] = Double(samples[i]) }
    }
    for i in (pad + n)..<padded.count { padded[i] = Double(y[reflectIndex(i - pad, count: n)]) }
    let planAlignment = fftw_alignment_of(input)
    let used = basis.usedBins
    // Frames that move a small part of their length at a time (the lower octaves') get
    // their bins by sliding from the previous frame's, with an exact FFT every
    // `slidingRestart` frames; see SlidingBins.
    var sliding = hopLength <= nFFT / 32 ? SlidingBins(size: nFFT, hop: hopLength, bins: used.map { Int($0) }) : nil
    let slidingRestart = 32
    // The block's bins as complex64: bin k of frame j at k * 16 + j (plain buffers:
    // captured arrays were re-checked on every access in the loops).
    let blockRe = UnsafeMutablePointer<Float>.allocate(capacity: max(used.count, 1) * width)
    let blockIm = UnsafeMutablePointer<Float>.allocate(capacity: max(used.count, 1) * width)
    defer { blockRe.deallocate(); blockIm.deallocate() }
    let src = UnsafeBufferPointer(padded)
    used.withUnsafeBufferPointer { usedBins in
    bre.withUnsafeBufferPointer { br in
        bim.withUnsafeBufferPointer { bi in
            basis.compactColumn.withUnsafeBufferPointer { col in
                basis.rowStart.withUnsafeBufferPointer { rowStart in
                    out.real.withUnsafeMutableBufferPointer { outRe in
                        out.imag.withUnsafeMutableBufferPointer { outIm in
                            for first in stride(from: 0, to: frames, by: width) {
                                let count = min(width, frames - first)
                                if count < width {  // lanes past the last frame sum zeros
                                    blockRe.update(repeating: 0, count: used.count * width)
                                    blockIm.update(repeating: 0, count: used.count * width)
                                }
                                var j = 0
                                while j < count {
                                    let t = first + j
                                    if sliding != nil, t % slidingRestart != 0 {
                                        // This frame and the block's next ones up to a restart
                                        // slide together.
                                        var run = 1
                                        while j + run < count && (t + run) % slidingRestart != 0 { run += 1 }
                                        sliding!.advance(frames: run, from: src.baseAddress! + (t - 1) * hopLength,
                                                         re: blockRe + j, im: blockIm + j, stride: width)
                                        j += run
                                        continue
                                    }
                                    let start = UnsafeMutablePointer(mutating: src.baseAddress! + t * hopLength)
                                    if fftw_alignment_of(start) == planAlignment {
                                        fftw_execute_dft_r2c(plan.realPlan, start, output)
                                    } else {
                                        input.update(from: start, count: nFFT)
                                        fftw_execute_dft_r2c(plan.realPlan, input, output)
                                    }
                                    sliding?.start(from: outD)
                                    let bins = usedBins.baseAddress!
                                    for k in 0..<usedBins.count {
                                        let c = Int(bins[k])
                                        blockRe[k * width + j] = Float(outD[2 * c])
                                        blockIm[k * width + j] = Float(outD[2 * c + 1])
                                    }
                                    j += 1
                                }
                                for r in 0..<basis.rows {
                                    var accRe0 = Lanes(), accIm0 = Lanes(), accRe1 = Lanes(), accIm1 = Lanes()
                                    for z in rowStart[r]..<rowStart[r + 1] {
                                        let c = Int(col[z])
                                        let pr = UnsafeRawPointer(blockRe + c * width), pi = UnsafeRawPointer(blockIm + c * width)
                                        let xr0 = pr.loadUnaligned(as: Lanes.self), xi0 = pi.loadUnaligned(as: Lanes.self)
                                        let xr1 = pr.loadUnaligned(fromByteOffset: 32, as: Lanes.self)
                                        let xi1 = pi.loadUnaligned(fromByteOffset: 32, as: Lanes.self)
                                        let wr = br[z], wi = bi[z]
                                        accRe0 += wr * xr0 - wi * xi0
                                        accIm0 += wr * xi0 + wi * xr0
                                        accRe1 += wr * xr1 - wi * xi1
                                        accIm1 += wr * xi1 + wi * xr1
                                    }
                                    let o = r * frames + first
                                    if count == width {
                                        UnsafeMutableRawPointer(outRe.baseAddress! + o).storeBytes(of: accRe0, as: Lanes.self)
                                        UnsafeMutableRawPointer(outIm.baseAddress! + o).storeBytes(of: accIm0, as: Lanes.self)
                                        UnsafeMutableRawPointer(outRe.baseAddress! + o + 8).storeBytes(of: accRe1, as: Lanes.self)
                                        UnsafeMutableRawPointer(outIm.baseAddress! + o + 8).storeBytes(of: accIm1, as: Lanes.self)
                                    } else {
                                        for j in 0..<count {
                                            outRe[o + j] = j < 8 ? accRe0[j] : accRe1[j - 8]
                                            outIm[o + j] = j < 8 ? accIm0[j] : accIm1[j - 8]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    }
    return out
}

extension ConstantQBasis {
    /// `cached`, keyed so that octaves sharing a basis share one entry: halving both the
    /// rate and fmin (each octave step) leaves every filter value bitwise unchanged, so
    /// the pair is first scaled by a power of two to put the rate in [1, 2).
    static func cachedCanonical(sampleRate: Double, fmin: Double, bins: Int, binsPerOctave: Int,
                                filterScale: Double, sparsity: Double) throws -> ConstantQBasis {
        let e = sampleRate.exponent
        let canonicalRate = Double(sign: .plus, exponent: -e, significand: sampleRate)
        let canonicalFmin = Double(sign: .plus, exponent: -e, significand: fmin)
        return try cached(sampleRate: canonicalRate, fmin: canonicalFmin, bins: bins, binsPerOctave: binsPerOctave,
                          filterScale: filterScale, sparsity: sparsity)
    }
}
