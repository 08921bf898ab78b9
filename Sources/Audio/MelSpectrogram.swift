import Foundation

/// Mel spectrogram, librosa 0.8.1 `feature.melspectrogram(y, sr)` with its defaults:
/// power spectrogram `|stft(y)|²` (n_fft 2048, hop 512, centred, reflect padding)
/// through the Slaney mel filter bank. Returns `nMels` x frames, in Float.
///
/// `fmin` and `fmax` bound the bank's band, as librosa's `melspectrogram(..., fmin=,
/// fmax=)` passes them on to `filters.mel` (default 0 Hz to Nyquist, e.g. `fmax: 8000`).
///
/// - Throws: `AudioError.invalidParameter` for bad sizes, a sample rate that is not
///   positive, `nMels` below 1, a band not `0 <= fmin < fmax`, or an empty or non-finite
///   signal.
public func melspectrogram(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512,
                           nMels: Int = 128, fmin: Double = 0, fmax: Double? = nil) throws -> Matrix {
    try melspectrogram(y: y, sampleRate: sampleRate, nFFT: nFFT, hopLength: hopLength, nMels: nMels, fmin: fmin,
                       fmax: fmax, in: "melspectrogram")
}

/// `melspectrogram(y:)` for a feature that passes its arguments on to it (mfcc), whose
/// name the errors then give: a user who called mfcc with fmax 0 is told about mfcc.
func melspectrogram(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512, nMels: Int,
                    fmin: Double, fmax: Double?, in function: String) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: function),
                               ArgumentChecks.countProblem(nMels, named: "n_mels", in: function),
                               ArgumentChecks.melBandProblem(sampleRate: sampleRate, fmin: fmin, fmax: fmax, in: function))
    let frames = try magnitudeFrames(y, nFFT: nFFT, hopLength: hopLength, in: function)
    return try melFromMagnitudeFrames(frames, sampleRate: sampleRate, nMels: nMels, fmin: fmin, fmax: fmax)
}

/// Mel spectrogram of a given spectrogram `S` (bins x frames), `melspectrogram(S=S)`:
/// `S` is used as is (pass a power spectrogram for librosa's default); `fmin` and `fmax`
/// as for `melspectrogram(y:)`.
///
/// - Throws: `AudioError.invalidParameter` unless `S` has at least 2 rows, the sample
///   rate is positive, `nMels` at least 1, and `0 <= fmin < fmax`.
public func melspectrogram(S: Matrix, sampleRate: Double, nMels: Int = 128, fmin: Double = 0,
                           fmax: Double? = nil) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.spectrogramProblem(S, in: "melspectrogram(S:)"),
                               ArgumentChecks.sampleRateProblem(sampleRate, in: "melspectrogram(S:)"),
                               ArgumentChecks.countProblem(nMels, named: "n_mels", in: "melspectrogram(S:)"),
                               ArgumentChecks.melBandProblem(sampleRate: sampleRate, fmin: fmin, fmax: fmax,
                                                             in: "melspectrogram(S:)"))
    let nFFT = 2 * (S.rows - 1)
    let filters = try MelFilterCache.banded(sampleRate: sampleRate, nFFT: nFFT, nMels: nMels, fmin: fmin, fmax: fmax)
    return filters.apply(toFrames: S.transposed(), squaring: false)
}

/// Mel power spectrogram from frame-major magnitudes, squaring each magnitude in
/// Float as librosa's `np.abs(D) ** 2` does.
func melFromMagnitudeFrames(_ frames: Matrix, sampleRate: Double, nMels: Int = 128, fmin: Double = 0,
                            fmax: Double? = nil) throws -> Matrix {
    let filters = try MelFilterCache.banded(sampleRate: sampleRate, nFFT: 2 * (frames.columns - 1), nMels: nMels,
                                            fmin: fmin, fmax: fmax)
    return filters.apply(toFrames: frames, squaring: true)
}
