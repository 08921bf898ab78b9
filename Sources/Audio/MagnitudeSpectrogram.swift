import Foundation

/// Internal fast path: the magnitude spectrogram stored frame after frame
/// (`rows` = frames, `columns` = bins), so that per-frame work (filter banks, peak
/// picking, band sorting) reads contiguous memory. Public functions take librosa's
/// (bins x frames) `Matrix` and transpose into this.
func magnitudeFrames(_ y: [Float], nFFT: Int = 2048, hopLength: Int = 512, center: Bool = true) throws -> Matrix {
    let frames = stftFrameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength, center: center)
    let bins = nFFT / 2 + 1
    var out = Matrix(rows: max(frames, 0), columns: bins)
    try out.values.withUnsafeMutableBufferPointer { dst in
        try forEachSTFTFrame(y, nFFT: nFFT, hopLength: hopLength, center: center) { t, spectrum in
            let row = dst.baseAddress! + t * bins
            for b in 0..<bins {
                // |z| of the complex64 value, rounded once (as numpy's hypotf).
                let re = Double(spectrum[2 * b]), im = Double(spectrum[2 * b + 1])
                row[b] = Float((re * re + im * im).squareRoot())
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
        frames = try magnitudeFrames(y, nFFT: nFFT, hopLength: hopLength)
        self.sampleRate = sampleRate
    }

    /// `np.abs(D)` of an STFT already computed (e.g. shared with `hpss`).
    public init(stft d: ComplexMatrix, sampleRate: Double) {
        var frames = Matrix(rows: d.columns, columns: d.rows)
        let bins = d.rows, count = d.columns
        d.real.withUnsafeBufferPointer { re in
            d.imag.withUnsafeBufferPointer { im in
                frames.values.withUnsafeMutableBufferPointer { dst in
                    // Row by row of D (contiguous reads); each bin lands in every frame's row.
                    for b in 0..<bins {
                        for t in 0..<count {
                            let x = Double(re[b * count + t]), z = Double(im[b * count + t])
                            dst[t * bins + b] = Float((x * x + z * z).squareRoot())
                        }
                    }
                }
            }
        }
        self.frames = frames
        self.sampleRate = sampleRate
    }

    /// Number of frequency bins (`1 + n_fft/2`).
    public var bins: Int { frames.columns }
    /// Number of frames.
    public var frameCount: Int { frames.rows }

    /// The magnitudes in librosa's layout, bins x frames.
    public var matrix: Matrix { frames.transposed() }

    /// `melspectrogram(y, sr)`: the Slaney mel bank over the power spectrogram.
    public func melspectrogram(nMels: Int = 128) -> Matrix {
        melFromMagnitudeFrames(frames, sampleRate: sampleRate, nMels: nMels)
    }

    /// `chroma_stft(S=|stft|, sr)`, tuning estimated unless given.
    public func chromaSTFT(nChroma: Int = 12, tuning: Double? = nil) -> Matrix {
        chromaFromMagnitudeFrames(frames, sampleRate: sampleRate, nChroma: nChroma, tuning: tuning)
    }

    /// `estimate_tuning(S=|stft|, sr, bins_per_octave)`.
    public func estimateTuning(resolution: Double = 0.01, binsPerOctave: Int = 12) -> Double {
        Audio.estimateTuning(magnitudeFrames: frames, sampleRate: sampleRate, resolution: resolution,
                             binsPerOctave: binsPerOctave)
    }

    /// `spectral_contrast(S=|stft|, sr)`: (nBands + 1) x frames, from librosa's float64 values.
    public func spectralContrast(fmin: Double = 200, nBands: Int = 6, quantile: Double = 0.02) throws -> Matrix {
        let values = try contrastFromMagnitudeFrames(frames, sampleRate: sampleRate, fmin: fmin, nBands: nBands,
                                                     quantile: quantile)
        return Matrix(rows: nBands + 1, columns: frameCount, values: values.map(Float.init))
            ?? Matrix(rows: nBands + 1, columns: frameCount)
    }
}
