import CFFTW
import Foundation

/// A complex matrix in librosa's STFT layout (`rows` frequency bins x `columns`
/// frames), stored split: `real` and `imag` are each row-major like `Matrix.values`.
/// Values are Float, as librosa's default complex64 STFT.
public struct ComplexMatrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    // Read-only outside this library, like `Matrix.values`: their counts must stay rows x columns.
    public internal(set) var real: [Float]
    public internal(set) var imag: [Float]

    /// A `rows` x `columns` matrix of zeros (a negative size counts as 0, as `Matrix`'s).
    public init(rows: Int, columns: Int) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        real = [Float](repeating: 0, count: self.rows * self.columns)
        imag = [Float](repeating: 0, count: self.rows * self.columns)
    }

    /// A matrix of the given parts, row-major (frequency bins x frames for an STFT), so
    /// that a spectrogram changed outside the library can be inverted, as librosa's
    /// `istft(D * mask)`; nil unless both parts hold `rows * columns` values.
    public init?(rows: Int, columns: Int, real: [Float], imag: [Float]) {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, real.count == count, imag.count == count else { return nil }
        self.rows = rows
        self.columns = columns
        self.real = real
        self.imag = imag
    }

    /// The shape and the first and last values, as `Matrix`'s (`print(D)` of a whole STFT
    /// would fill the terminal).
    public var description: String {
        "ComplexMatrix \(rows) x \(columns) " + elided(real.count) { "\(real[$0])\(imag[$0] < 0 ? "-" : "+")\(abs(imag[$0]))i" }
    }

    /// `np.abs(D)`: the magnitude of every element, in Float.
    public func magnitude() -> Matrix {
        var out = Matrix(rows: rows, columns: columns)
        for i in 0..<real.count { out.values[i] = complexAbs(real[i], imag[i]) }
        return out
    }

    /// `np.abs(D) ** power` in Float (librosa's `_spectrogram`); power 2 squares the
    /// Float magnitude, as numpy does, rather than summing squares once.
    public func magnitude(power: Float) -> Matrix {
        var out = magnitude()
        if power == 2 {
            for i in 0..<out.values.count { out.values[i] *= out.values[i] }
        } else if power != 1 {
            for i in 0..<out.values.count { out.values[i] = Float(pow(Double(out.values[i]), Double(power))) }
        }
        return out
    }
}

/// `np.abs` of one complex64 value: formed in Double and rounded once, as numpy's `hypotf`
/// gives it (a Float square root of the Float sum of squares can differ in the last bit).
@inline(__always)
func complexAbs(_ re: Float, _ im: Float) -> Float {
    Float(complexSquaredMagnitude(re, im).squareRoot())
}

/// The Double sum of squares `complexAbs` takes the square root of.
@inline(__always)
func complexSquaredMagnitude(_ re: Float, _ im: Float) -> Double {
    let x = Double(re), y = Double(im)
    return x * x + y * y
}

/// Index into a signal of `count` samples for position `j` (may be negative or past the
/// end) under numpy's `np.pad(mode='reflect')`, which mirrors around the end samples
/// without repeating them, and keeps mirroring when the pad exceeds the signal.
@inline(__always)
func reflectIndex(_ j: Int, count: Int) -> Int {
    if count == 1 { return 0 }
    let period = 2 * (count - 1)
    var m = j % period
    if m < 0 { m += period }
    return m < count ? m : period - m
}

/// Number of frames `stft` produces for `sampleCount` samples (0 for sizes `stft` refuses).
/// `hopLength` defaults to `nFFT / 4`, as `stft`'s does.
public func stftFrameCount(sampleCount: Int, nFFT: Int = 2048, hopLength: Int? = nil, center: Bool = true) -> Int {
    frameCount(sampleCount: sampleCount, nFFT: nFFT, hopLength: hopLength ?? nFFT / 4, center: center)
}

/// `stftFrameCount` with the hop given. The library's transforms call this one: measured,
/// with the optional hop the recipe's STFT stage took 3.4 ms per file instead of 2.2.
func frameCount(sampleCount: Int, nFFT: Int, hopLength: Int, center: Bool = true) -> Int {
    guard nFFT >= 2, hopLength >= 1 else { return 0 }
    let padded = center ? sampleCount + 2 * (nFFT / 2) : sampleCount
    return padded < nFFT ? 0 : 1 + (padded - nFFT) / hopLength
}

/// The sizes and signal every STFT needs, checked before anything is sized from them.
///
/// - Throws: `AudioError.invalidParameter` for n_fft below 2, a hop below 1, an empty signal
/// or a sample that is not finite (librosa's `valid_audio` in `stft`; the FFT would spread it
/// over the frames it falls in). `function` is the public function the caller is (its
/// librosa name), for the message.
func checkSTFTArguments(_ y: [Float], nFFT: Int, hopLength: Int, in function: String = "stft") throws {
    try ArgumentChecks.require(ArgumentChecks.stftSizesProblem(nFFT: nFFT, hopLength: hopLength, in: function),
                               ArgumentChecks.emptySignalProblem(y, in: function),
                               ArgumentChecks.finiteSignalProblem(y, in: function))
}

/// Runs the windowed real FFT over every frame of `y` and hands each frame's
/// `nFFT/2 + 1` complex bins (interleaved re, im) to `body(frame, bins)`.
/// One plan and two buffers serve all frames. Callers have passed the arguments through
/// `checkSTFTArguments` first, since they size their results from them.
func forEachSTFTFrame(
    _ y: [Float], nFFT: Int, hopLength: Int, center: Bool, in function: String = "stft",
    _ body: (Int, UnsafePointer<Float>) -> Void
) throws {
    let frames = frameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength, center: center)
    guard frames > 0 else {
        throw AudioError.invalidParameter("\(function): n_fft=\(nFFT) is too large for a signal of \(y.count) samples without centring")
    }
    let plan = DoubleRealFFT.shared(size: nFFT)
    let window = Window.cachedHann(nFFT)
    let input = DoubleFFTBuffer(count: nFFT)
    let output = DoubleFFTBuffer(count: 2 * (nFFT / 2 + 1))
    // The bins rounded to complex64, as librosa stores them.
    var bins = [Float](repeating: 0, count: 2 * (nFFT / 2 + 1))
    let pad = center ? nFFT / 2 : 0
    let n = y.count
    // Plain local pointers (not class properties) let the compiler vectorise the loops.
    let inp = input.reals, spectrum = output.reals, spectrumComplex = output.complex
    let binCount = bins.count
    y.withUnsafeBufferPointer { srcBuffer in
        window.withUnsafeBufferPointer { wBuffer in
            bins.withUnsafeMutableBufferPointer { outBuffer in
                let src = srcBuffer.baseAddress!, w = wBuffer.baseAddress!, out = outBuffer.baseAddress!
                for t in 0..<frames {
                    let start = t * hopLength - pad
                    if start >= 0 && start + nFFT <= n {
                        // Interior frame: no padding involved.
                        let x = src + start
                        for k in 0..<nFFT { inp[k] = w[k] * Double(x[k]) }
                    } else {
                        for k in 0..<nFFT { inp[k] = w[k] * Double(src[reflectIndex(start + k, count: n)]) }
                    }
                    fftw_execute_dft_r2c(plan.forward, inp, spectrumComplex)
                    for i in 0..<binCount { out[i] = Float(spectrum[i]) }
                    body(t, UnsafePointer(out))
                }
            }
        }
    }
}

/// Short-time Fourier transform, librosa 0.8.1 `stft` with a Hann window of `nFFT`:
/// frame `t` is centred on `y[t * hopLength]` when `center` (the signal padded by
/// `nFFT/2` with its reflection), and the result has `nFFT/2 + 1` rows and
/// `1 + (len + 2*(nFFT/2) - nFFT) / hopLength` columns. Without a `hopLength` the hop is
/// `nFFT / 4` (512 for the default 2048), librosa's default.
///
/// - Throws: `AudioError.invalidParameter` for an empty signal or bad sizes.
public func stft(_ y: [Float], nFFT: Int = 2048, hopLength: Int? = nil, center: Bool = true) throws -> ComplexMatrix {
    // Below n_fft 4 the default hop is 0 (or less). The general message would name it as if
    // the caller had passed it; say where it came from instead.
    if hopLength == nil, nFFT / 4 < 1 {
        throw AudioError.invalidParameter("stft needs n_fft >= 2 and hop_length >= 1 (got n_fft \(nFFT) and no " +
                                          "hop_length, whose default, n_fft / 4, is then \(nFFT / 4))")
    }
    return try stftMatrix(y, nFFT: nFFT, hopLength: hopLength ?? nFFT / 4, center: center)
}

/// The STFT in librosa's layout (bins x frames).
func stftMatrix(_ y: [Float], nFFT: Int, hopLength: Int, center: Bool, in function: String = "stft") throws -> ComplexMatrix {
    try checkSTFTArguments(y, nFFT: nFFT, hopLength: hopLength, in: function)
    let frames = frameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength, center: center)
    let bins = nFFT / 2 + 1
    var out = ComplexMatrix(rows: bins, columns: max(frames, 0))
    // Frames are staged in blocks and written out bin by bin, so the (bins x frames)
    // result is filled in runs of `block` contiguous values rather than one by one.
    let block = 16
    var staged = [Float](repeating: 0, count: block * 2 * bins)
    try out.real.withUnsafeMutableBufferPointer { re in
        try out.imag.withUnsafeMutableBufferPointer { im in
            try staged.withUnsafeMutableBufferPointer { stage in
                func flush(upTo last: Int) {
                    let first = last - (last % block)
                    let n = last - first + 1
                    let rowStride = 2 * bins
                    for b in 0..<bins {
                        let r = re.baseAddress! + b * frames + first, i = im.baseAddress! + b * frames + first
                        // A pointer stepped down the staged frames: indices computed with
                        // overflow checks were most of this function's time.
                        var value = UnsafePointer(stage.baseAddress! + 2 * b)
                        for j in 0..<n {
                            r[j] = value[0]
                            i[j] = value[1]
                            value += rowStride
                        }
                    }
                }
                try forEachSTFTFrame(y, nFFT: nFFT, hopLength: hopLength, center: center, in: function) { t, spectrum in
                    (stage.baseAddress! + (t % block) * 2 * bins).update(from: spectrum, count: 2 * bins)
                    if t % block == block - 1 || t == frames - 1 { flush(upTo: t) }
                }
            }
        }
    }
    return out
}

/// `np.abs(librosa.stft(y, ...)) ** power` without keeping the complex matrix: the
/// magnitude (power 1) or power (power 2) spectrogram, `nFFT/2 + 1` x frames.
public func spectrogram(_ y: [Float], nFFT: Int = 2048, hopLength: Int = 512, center: Bool = true,
                        power: Float = 1) throws -> Matrix {
    try checkSTFTArguments(y, nFFT: nFFT, hopLength: hopLength, in: "spectrogram")
    let frames = frameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength, center: center)
    let bins = nFFT / 2 + 1
    var out = Matrix(rows: bins, columns: max(frames, 0))
    try out.values.withUnsafeMutableBufferPointer { dst in
        try forEachSTFTFrame(y, nFFT: nFFT, hopLength: hopLength, center: center, in: "spectrogram") { t, spectrum in
            for b in 0..<bins {
                let mag = complexAbs(spectrum[2 * b], spectrum[2 * b + 1])
                dst[b * frames + t] = power == 1 ? mag : (power == 2 ? mag * mag : Float(pow(Double(mag), Double(power))))
            }
        }
    }
    return out
}

/// Inverse STFT, librosa 0.8.1 `istft` for a Hann window: each frame's inverse real FFT
/// is windowed and overlap-added, then divided by the summed squared window wherever
/// that sum is not negligible. With `center`, `nFFT/2` samples are cut from the start;
/// `length` then trims or zero-pads the result (without `length`, `nFFT/2` is also cut
/// from the end).
public func istft(_ d: ComplexMatrix, hopLength: Int? = nil, center: Bool = true, length: Int? = nil) throws -> [Float] {
    let nFFT = 2 * (d.rows - 1)
    let hopLength = hopLength ?? nFFT / 4  // librosa's default, as in stft
    guard nFFT >= 2, hopLength >= 1 else {
        throw AudioError.invalidParameter("istft needs at least 2 frequency bins and hop_length >= 1")
    }
    if let length, length < 0 {
        throw AudioError.invalidParameter("istft: length must be at least 0 samples, got \(length)")
    }
    var frames = d.columns
    if let length, length > 0 {
        let padded = center ? length + nFFT : length
        frames = min(frames, Int((Double(padded) / Double(hopLength)).rounded(.up)))
    }
    // The overlap-added signal has nFFT + hop * (frames - 1) samples. Centred, nFFT / 2
    // are cut from the start, and without `length` from the end too.
    let total = frames > 0 ? nFFT + hopLength * (frames - 1) : 0
    let start = center ? nFFT / 2 : 0
    let count = length ?? max((center ? total - nFFT / 2 : total) - start, 0)
    // The frames used, frame after frame, as the inverse reads them.
    let bins = d.rows, columns = d.columns
    var real = [Float](repeating: 0, count: frames * bins), imag = real
    for b in 0..<bins {
        for t in 0..<frames {
            real[t * bins + b] = d.real[b * columns + t]
            imag[t * bins + b] = d.imag[b * columns + t]
        }
    }
    return inverseSamples(real: real, imag: imag, frames: frames, bins: bins, hopLength: hopLength,
                          from: start, count: count, end: total)
}

/// `util.fix_length(istft(D, hopLength), length)` (centred, no length given to istft,
/// as librosa's `effects.harmonic` calls it) of an STFT held frame after frame, as in
/// `STFTFrames`: `real` and `imag` hold `bins` values per frame. The centred samples
/// are cut short or padded with zeros to `length` in one copy.
///
/// - Throws: `AudioError.invalidParameter` for fewer than 2 bins or a hop below 1.
func istft(frameMajorReal real: [Float], imag: [Float], bins: Int, hopLength: Int, fixedLength length: Int) throws
    -> [Float]
{
    let nFFT = 2 * (bins - 1)
    guard nFFT >= 2, hopLength >= 1 else {
        throw AudioError.invalidParameter("istft needs at least 2 frequency bins and hop_length >= 1")
    }
    precondition(length >= 0, "istft: a length of \(length) samples")
    // Cut at both ends first (istft without a length), then fixed to `length`.
    let frames = real.count / bins
    let total = frames > 0 ? nFFT + hopLength * (frames - 1) : 0
    return inverseSamples(real: real, imag: imag, frames: frames, bins: bins, hopLength: hopLength,
                          from: nFFT / 2, count: length, end: total - nFFT / 2)
}

/// Samples `start ..< start + count` of the overlap-added inverse of `frames` frames held
/// frame after frame (`bins` values each in `real` and `imag`), zeros from sample `end`
/// on (at most the signal's length).
private func inverseSamples(real: [Float], imag: [Float], frames: Int, bins: Int, hopLength: Int,
                            from start: Int, count: Int, end: Int) -> [Float] {
    let kept = max(min(count, end - start), 0)
    return [Float](unsafeUninitializedCapacity: count) { out, initialized in
        if kept > 0 {
            real.withUnsafeBufferPointer { re in
                imag.withUnsafeBufferPointer { im in
                    overlapAddFrameMajor(re: re.baseAddress!, im: im.baseAddress!, frames: frames, bins: bins,
                                         hopLength: hopLength, into: out.baseAddress!, from: start, to: start + kept)
                }
            }
        }
        if count > kept { (out.baseAddress! + kept).initialize(repeating: 0, count: count - kept) }
        initialized = count
    }
}

/// The core of `istft`: each frame's inverse real FFT (in Double, as numpy's irfft on
/// complex64 values) windowed by Hann and overlap-added into Float, then divided by the
/// overlap-added squared window wherever that sum exceeds Float's least normal; only
/// samples `lo ..< hi` of the result go to `out` (`out[0]` is sample `lo`), for an STFT
/// held frame after frame. No full-length buffer:
/// frame `j` covers samples `j * hop ..< j * hop + nFFT`, and its first `hop` of them
/// get no later frame, so they are final once it is added, and are divided by their
/// window sum there. The partial sums of the rest move to a second `nFFT`-sample
/// buffer, shifted by a hop, for the next frame. Each sample receives its additions in
/// librosa's order: frame after frame, each in Double rounded to Float (numpy adds a
/// float64 frame into a float32 array); its squared window sum likewise.
private func overlapAddFrameMajor(re: UnsafePointer<Float>, im: UnsafePointer<Float>, frames: Int, bins: Int,
                                  hopLength hop: Int, into out: UnsafeMutablePointer<Float>, from lo: Int, to hi: Int) {
    let nFFT = 2 * (bins - 1)
    let window = Window.cachedHann(nFFT)
    let plan = DoubleRealFFT.shared(size: nFFT)
    let scale = 1 / Double(nFFT)
    let h = min(hop, nFFT)  // samples of a frame final once it is added (but the last's)
    // FFTW's aligned memory, as the plan's planning arrays were: the spectrum (overwritten
    // by the complex-to-real transform) and the frame.
    let spectrumCount = 2 * bins
    let doubles = fftw_alloc_real(spectrumCount + nFFT)!
    defer { fftw_free(doubles) }
    let spectrum = doubles, frame = doubles + spectrumCount
    let floats = UnsafeMutablePointer<Float>.allocate(capacity: 3 * nFFT + h)
    defer { floats.deallocate() }
    var acc = floats, next = floats + nFFT
    let sumRow = floats + 2 * nFFT, period = floats + 3 * nFFT
    acc.initialize(repeating: 0, count: nFFT)
    next.initialize(repeating: 0, count: nFFT)
    if hop > nFFT { out.initialize(repeating: 0, count: hi - lo) }  // samples no frame covers
    // Sample k of frame j gets frames j - d for d = D ... 0, D = min(j, dMax(k)); its squared
    // window sum adds them in that (ascending frame) order.
    let dMax0 = (nFFT - 1) / hop
    let lastFrame = min(frames - 1, (hi - 1) / hop)  // later frames reach only samples >= hi
    window.withUnsafeBufferPointer { wb in
        let w = wb.baseAddress!
        func squaredSum(_ k: Int, frame j: Int) -> Float {
            var sum: Float = 0
            var d = min(j, (nFFT - 1 - k) / hop)
            while d >= 0 { sum = Float(Double(sum) + w[k + d * hop] * w[k + d * hop]); d -= 1 }
            return sum
        }
        for k in 0..<h { period[k] = squaredSum(k, frame: dMax0) }
        let tiny = Float.leastNormalMagnitude
        for j in 0...lastFrame {
            // Staging: the frame's Float bins as interleaved Doubles.
            let r = re + j * bins, i = im + j * bins
            for b in 0..<bins {
                spectrum[2 * b] = Double(r[b])
                spectrum[2 * b + 1] = Double(i[b])
            }
            fftw_execute_dft_c2r(plan.inverse, UnsafeMutableRawPointer(spectrum).assumingMemoryBound(to: fftw_complex.self), frame)
            let isLast = j == frames - 1
            let finalCount = isLast ? nFFT : h
            let sums: UnsafeMutablePointer<Float>
            if j >= dMax0 && !isLast {
                sums = period
            } else {
                for k in 0..<finalCount { sumRow[k] = squaredSum(k, frame: j) }
                sums = sumRow
            }
            // The final samples, added and normalised: straight into `out` when all of
            // them are kept, else in place, and those kept copied below.
            let a = acc
            let direct = j * hop >= lo && j * hop + finalCount <= hi
            let dst = direct ? out + (j * hop - lo) : a
            for k in 0..<finalCount {
                let v = Float(Double(a[k]) + w[k] * (frame[k] * scale))
                let s = sums[k]
                dst[k] = s > tiny ? v / s : v
            }
            if !isLast && hop < nFFT {
                let n = next, count = nFFT - hop
                let wh = w + hop, fh = frame + hop, ah = a + hop
                for k in 0..<count { n[k] = Float(Double(ah[k]) + wh[k] * (fh[k] * scale)) }
                (n + count).update(repeating: 0, count: hop)
            }
            // Those of them within lo ..< hi.
            let first = max(j * hop, lo), end = min(j * hop + finalCount, hi)
            if !direct && first < end { (out + (first - lo)).update(from: a + (first - j * hop), count: end - first) }
            if hop >= nFFT { acc.update(repeating: 0, count: nFFT) } else { swap(&acc, &next) }
        }
    }
}
