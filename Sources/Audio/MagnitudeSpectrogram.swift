import Foundation

/// Internal fast path: the magnitude spectrogram stored frame after frame
/// (`rows` = frames, `columns` = bins), so that per-frame work (filter banks, peak
/// picking, band sorting) reads contiguous memory. Public functions take librosa's
/// (bins x frames) `Matrix` and transpose into this.
func magnitudeFrames(_ y: [Float], nFFT: Int = 2048, hopLength: Int = 512, center: Bool = true,
                     in function: String = "stft") throws -> Matrix {
    try checkSTFTArguments(y, nFFT: nFFT, hopLength: hopLength, in: function)
    let frames = frameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength, center: center)
    let bins = nFFT / 2 + 1
    var out = Matrix(rows: max(frames, 0), columns: bins)
    try out.values.withUnsafeMutableBufferPointer { dst in
        try forEachSTFTFrame(y, nFFT: nFFT, hopLength: hopLength, center: center, in: function) { t, spectrum in
            let row = dst.baseAddress! + t * bins
            for b in 0..<bins {
                row[b] = complexAbs(spectrum[2 * b], spectrum[2 * b + 1])
            }
        }
    }
    return out
}

/// The magnitude STFT of a signal, computed once and shared by the features librosa
/// derives from it: `np.abs(librosa.stft(y))` with n_fft 2048, hop 512, centred reflect
/// padding. Held frame by frame internally so each feature reads contiguous memory.
///
/// The tutorial's recipe computes `melspectrogram(y)` and `mfcc(y)` from a fresh STFT of
/// the same signal with the same parameters; squaring these magnitudes gives the same
/// power spectrogram, so one transform serves all four spectral features.
public struct MagnitudeSpectrogram: Sendable {
    /// Frames x bins (the transpose of librosa's layout).
    let frames: Matrix
    /// Sample rate of the analysed signal, Hz.
    public let sampleRate: Double

    /// `|stft(y, nFFT, hopLength)|` of `y` sampled at `sampleRate`.
    /// - Throws: `AudioError.invalidParameter` for an empty signal or bad sizes.
    public init(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512) throws {
        try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "MagnitudeSpectrogram"))
        frames = try magnitudeFrames(y, nFFT: nFFT, hopLength: hopLength, in: "MagnitudeSpectrogram")
        self.sampleRate = sampleRate
    }

    private init(frames: Matrix, sampleRate: Double) {
        self.frames = frames
        self.sampleRate = sampleRate
    }

    /// The complex STFT of `y` and its magnitudes from one pass over the frames, for a
    /// caller that needs both (the recipe: spectral features plus `harmonic(stft:)`). The
    /// STFT is held frame after frame, and shares its magnitudes with the spectrogram.
    public static func withSTFT(y: [Float], sampleRate: Double, nFFT: Int = 2048,
                                hopLength: Int = 512) throws -> (MagnitudeSpectrogram, STFTFrames) {
        try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "MagnitudeSpectrogram"))
        let d = try STFTFrames(y, nFFT: nFFT, hopLength: hopLength, in: "MagnitudeSpectrogram.withSTFT")
        return (MagnitudeSpectrogram(frames: d.magnitudes, sampleRate: sampleRate), d)
    }

    /// `np.abs(D)` of an STFT already computed (e.g. shared with `hpss`).
    ///
    /// - Throws: `AudioError.invalidParameter` unless `d` has at least 2 rows (bins) and
    ///   the sample rate is positive.
    public init(stft d: ComplexMatrix, sampleRate: Double) throws {
        try ArgumentChecks.require(d.rows >= 2 ? nil : "MagnitudeSpectrogram(stft:): D has \(d.rows) row(s); an STFT has 1 + n_fft/2 rows, at least 2",
                                   ArgumentChecks.sampleRateProblem(sampleRate, in: "MagnitudeSpectrogram(stft:)"))
        frames = Self.frameMajorMagnitudes(d)
        self.sampleRate = sampleRate
    }

    /// `|d|` frame after frame (frames x bins), each value rounded once (`complexAbs`).
    static func frameMajorMagnitudes(_ d: ComplexMatrix) -> Matrix {
        let bins = d.rows, count = d.columns
        var frames = Matrix(rows: count, columns: bins)
        d.real.withUnsafeBufferPointer { re in
            d.imag.withUnsafeBufferPointer { im in
                frames.values.withUnsafeMutableBufferPointer { dst in
                    // Transpose in blocks of frames: each bin row of D is read in runs of
                    // `block` values while the block's frame rows stay in cache.
                    let block = 16
                    var t0 = 0
                    while t0 < count {
                        let t1 = min(t0 + block, count)
                        for b in 0..<bins {
                            for t in t0..<t1 {
                                dst[t * bins + b] = complexAbs(re[b * count + t], im[b * count + t])
                            }
                        }
                        t0 = t1
                    }
                }
            }
        }
        return frames
    }

    /// Number of frequency bins (`1 + n_fft/2`).
    public var bins: Int { frames.columns }
    /// Number of frames.
    public var frameCount: Int { frames.rows }

    /// The magnitudes in librosa's layout, bins x frames.
    public var matrix: Matrix { frames.transposed() }

    /// `melspectrogram(y, sr, n_mels, fmin, fmax)`: the Slaney mel bank over the power
    /// spectrogram (band 0 Hz to Nyquist unless given).
    ///
    /// - Throws: `AudioError.invalidParameter` unless `nMels` is at least 1 and
    ///   `0 <= fmin < fmax`.
    public func melspectrogram(nMels: Int = 128, fmin: Double = 0, fmax: Double? = nil) throws -> Matrix {
        try ArgumentChecks.require(ArgumentChecks.countProblem(nMels, named: "n_mels", in: "melspectrogram"),
                                   ArgumentChecks.melBandProblem(sampleRate: sampleRate, fmin: fmin, fmax: fmax,
                                                                 in: "melspectrogram"))
        return try melFromMagnitudeFrames(frames, sampleRate: sampleRate, nMels: nMels, fmin: fmin, fmax: fmax)
    }

    /// `chroma_stft(S=|stft|, sr)`, tuning estimated unless given.
    ///
    /// - Throws: `AudioError.invalidParameter` unless `nChroma` is at least 1 and `tuning`,
    ///   when given, finite.
    public func chromaSTFT(nChroma: Int = 12, tuning: Double? = nil) throws -> Matrix {
        try ArgumentChecks.require(ArgumentChecks.countProblem(nChroma, named: "n_chroma", in: "chromaSTFT"),
                                   ArgumentChecks.tuningProblem(tuning, in: "chromaSTFT"))
        return try chromaFromMagnitudeFrames(frames, sampleRate: sampleRate, nChroma: nChroma, tuning: tuning)
    }

    /// `estimate_tuning(S=|stft|, sr, bins_per_octave)`.
    ///
    /// - Throws: `AudioError.invalidParameter` unless `0 < resolution <= 1` and
    ///   `binsPerOctave` is at least 1.
    public func estimateTuning(resolution: Double = 0.01, binsPerOctave: Int = 12) throws -> Double {
        try Audio.estimateTuning(magnitudeFrames: frames, sampleRate: sampleRate, resolution: resolution,
                                 binsPerOctave: binsPerOctave, in: "estimateTuning")
    }

    /// `spectral_contrast(S=|stft|, sr)`: (nBands + 1) x frames, from librosa's float64 values.
    public func spectralContrast(fmin: Double = 200, nBands: Int = 6, quantile: Double = 0.02) throws -> Matrix {
        let values = try contrastFromMagnitudeFrames(frames, sampleRate: sampleRate, fmin: fmin, nBands: nBands,
                                                     quantile: quantile)
        return Matrix(rows: nBands + 1, columns: frameCount, values: values.map(Float.init))
            ?? Matrix(rows: nBands + 1, columns: frameCount)
    }
}
