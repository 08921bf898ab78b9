import Foundation

// The shape of each frame's magnitude spectrum as librosa 0.8.1 `feature.spectral_*`
// describe it: centroid, bandwidth, roll-off and flatness, one value per frame. Each
// takes a signal (and computes `|stft(y, nFFT, hopLength, center)|` with reflection
// padding, librosa's default) or a magnitude spectrogram `S` (bins x frames, whose row
// count fixes the bin frequencies, `fft_frequencies(sr, 2·(rows - 1))`), and returns
// 1 x frames. librosa's centroid, bandwidth and roll-off are float64 (rounded to Float
// here, as `spectralContrast` is); its flatness is float32.

/// Where a spectral-shape feature reads its magnitudes.
private enum Magnitudes {
    /// `|stft(y)|`, computed here.
    case signal([Float], nFFT: Int, hopLength: Int, center: Bool)
    /// A magnitude spectrogram, bins x frames.
    case spectrogram(Matrix)
    /// Magnitudes already held frame by frame (`MagnitudeSpectrogram`).
    case frameMajor(Matrix)
}

/// Checks `source` and applies `feature` to each frame's bins (contiguous, low to high)
/// with the bins' frequencies, giving 1 x frames.
///
/// - Throws: `AudioError.invalidParameter` for a bad sample rate or STFT size, an empty
///   signal or one that is not finite, a spectrogram of fewer than 2 rows, or magnitudes
///   that are negative or not finite (librosa refuses the first, and its normalisation
///   the second).
private func spectralShape(_ source: Magnitudes, sampleRate: Double, _ function: String,
                           _ feature: (UnsafePointer<Float>, [Double]) -> Double) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: function))
    let frames: Matrix
    switch source {
    case let .signal(y, nFFT, hopLength, center):
        try ArgumentChecks.require(ArgumentChecks.finiteSignalProblem(y, in: function))
        frames = try magnitudeFrames(y, nFFT: nFFT, hopLength: hopLength, center: center, in: function)
    case let .spectrogram(S):
        try ArgumentChecks.require(ArgumentChecks.spectrogramProblem(S, in: function))
        frames = S.transposed()
    case let .frameMajor(m):
        frames = m
    }
    if let i = frames.values.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
        let (t, b) = i.quotientAndRemainder(dividingBy: frames.columns)
        throw AudioError.invalidParameter(
            "\(function) is only defined for finite, non-negative magnitudes; S[\(b), \(t)] is \(frames.values[i])")
    }
    let bins = frames.columns
    let freq = Frequencies.fft(sampleRate: sampleRate, nFFT: 2 * (bins - 1))
    var out = Matrix(rows: 1, columns: frames.rows)
    frames.values.withUnsafeBufferPointer { src in
        for t in 0..<frames.rows { out.values[t] = Float(feature(src.baseAddress! + t * bins, freq)) }
    }
    return out
}

/// librosa's `util.normalize(S, norm=1, axis=0)` for one frame at a time: its bins over
/// their sum, the sum taken in float64 (pairwise, as numpy sums librosa's column-major
/// STFT along its contiguous bins) and each quotient stored back in float32
/// (`np.empty_like(S)`). A frame summing below float32's smallest normal number is left
/// as it is. The two buffers are kept from frame to frame (`spectralShape` calls a
/// feature once a frame), and reached through raw pointers, not indexed as captured
/// arrays (which checks exclusive access on every element).
private final class NormalizedFrames {
    private var doubles: [Double] = [], weights: [Float] = []

    /// `body` given `frame`'s normalised bins (`bins` of them).
    func withNormalized<R>(_ frame: UnsafePointer<Float>, bins: Int, _ body: (UnsafePointer<Float>) -> R) -> R {
        if weights.count != bins {
            doubles = [Double](repeating: 0, count: bins)
            weights = [Float](repeating: 0, count: bins)
        }
        return doubles.withUnsafeMutableBufferPointer { doubles in
            weights.withUnsafeMutableBufferPointer { weights in
                for b in 0..<bins { doubles[b] = Double(frame[b]) }
                let sum = pairwiseSum(UnsafePointer(doubles.baseAddress!), count: bins)
                let length = sum < Double(Float.leastNormalMagnitude) ? 1 : sum
                for b in 0..<bins { weights[b] = Float(Double(frame[b]) / length) }
                return body(UnsafePointer(weights.baseAddress!))
            }
        }
    }
}

/// Σ freq·w in float64, w a frame's normalised bins: the frame's centroid.
private func centroid(weights: UnsafePointer<Float>, _ freq: [Double]) -> Double {
    freq.withUnsafeBufferPointer { freq in
        var c = 0.0
        for b in freq.indices { c += freq[b] * Double(weights[b]) }
        return c
    }
}

/// The centroid of one frame after another: Σ freq·(S / ΣS), in float64.
private func centroid() -> (UnsafePointer<Float>, [Double]) -> Double {
    let frames = NormalizedFrames()
    return { frame, freq in frames.withNormalized(frame, bins: freq.count) { centroid(weights: $0, freq) } }
}

/// Spectral centroid, librosa 0.8.1 `feature.spectral_centroid(y, sr, n_fft, hop_length,
/// center)`: each frame's magnitudes, normalised to sum to 1, as a distribution over the
/// bin frequencies, and its mean in Hz. A silent frame gives 0.
public func spectralCentroid(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512,
                             center: Bool = true) throws -> Matrix {
    try spectralShape(.signal(y, nFFT: nFFT, hopLength: hopLength, center: center), sampleRate: sampleRate,
                      "spectral_centroid", centroid())
}

/// `spectral_centroid(S=S, sr)` of a magnitude spectrogram (bins x frames).
public func spectralCentroid(S: Matrix, sampleRate: Double) throws -> Matrix {
    try spectralShape(.spectrogram(S), sampleRate: sampleRate, "spectral_centroid", centroid())
}

/// The p-th order bandwidth of one frame: (Σ w·|freq - centroid|^p)^(1/p), w the
/// normalised magnitudes (or the magnitudes themselves without `norm`), in float64.
/// numpy squares and takes square roots for p = 2 rather than calling pow.
private func bandwidth(norm: Bool, p: Double) -> (UnsafePointer<Float>, [Double]) -> Double {
    let frames = NormalizedFrames()
    return { frame, freq in
        frames.withNormalized(frame, bins: freq.count) { normalized in
            let c = centroid(weights: normalized, freq)   // always of the normalised bins, as librosa's
            let weight = norm ? normalized : frame
            return freq.withUnsafeBufferPointer { freq in
                var sum = 0.0
                for b in freq.indices {
                    let deviation = abs(freq[b] - c)
                    sum += Double(weight[b]) * (p == 2 ? deviation * deviation : pow(deviation, p))
                }
                return p == 2 ? sum.squareRoot() : pow(sum, 1 / p)
            }
        }
    }
}

private func pProblem(_ p: Double) -> String? {
    p > 0 && p.isFinite ? nil : "spectral_bandwidth: p must be a positive number, got \(p)"
}

/// Spectral bandwidth, librosa 0.8.1 `feature.spectral_bandwidth(y, sr, n_fft, hop_length,
/// center, norm, p)`: the p-th order spread of each frame's spectrum about its centroid,
/// `(Σ S[k]·|freq[k] - centroid|^p)^(1/p)`, with `S` normalised per frame to sum to 1
/// when `norm`.
///
/// - Throws: `AudioError.invalidParameter` also for p not positive (librosa documents
///   p > 0 but does not check it, returning infinities or NaN).
public func spectralBandwidth(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512,
                              center: Bool = true, norm: Bool = true, p: Double = 2) throws -> Matrix {
    try ArgumentChecks.require(pProblem(p))
    return try spectralShape(.signal(y, nFFT: nFFT, hopLength: hopLength, center: center), sampleRate: sampleRate,
                             "spectral_bandwidth", bandwidth(norm: norm, p: p))
}

/// `spectral_bandwidth(S=S, sr, norm, p)` of a magnitude spectrogram (bins x frames).
public func spectralBandwidth(S: Matrix, sampleRate: Double, norm: Bool = true, p: Double = 2) throws -> Matrix {
    try ArgumentChecks.require(pProblem(p))
    return try spectralShape(.spectrogram(S), sampleRate: sampleRate, "spectral_bandwidth", bandwidth(norm: norm, p: p))
}

/// The roll-off of one frame: the frequency of the first bin where the running float32
/// sum of magnitudes (`np.cumsum`) reaches `rollPercent` of the frame's total, that
/// fraction taken in float32 as numpy casts the Python float to the array's type.
private func rolloff(_ rollPercent: Double) -> (UnsafePointer<Float>, [Double]) -> Double {
    { frame, freq in
        var total: Float = 0
        for b in freq.indices { total += frame[b] }
        let threshold = Float(rollPercent) * total
        var running: Float = 0
        for b in freq.indices {
            running += frame[b]
            if running >= threshold { return freq[b] }
        }
        return freq[freq.count - 1]
    }
}

private func rollPercentProblem(_ rollPercent: Double) -> String? {
    rollPercent > 0 && rollPercent < 1 ? nil : "spectral_rolloff: roll_percent must lie in the range (0, 1), got \(rollPercent)"
}

/// Spectral roll-off, librosa 0.8.1 `feature.spectral_rolloff(y, sr, n_fft, hop_length,
/// center, roll_percent)`: for each frame, the centre frequency of the lowest bin at which
/// the magnitudes summed from 0 Hz reach `rollPercent` of the frame's total. A silent
/// frame gives 0 Hz.
///
/// - Throws: `AudioError.invalidParameter` also for `rollPercent` outside (0, 1).
public func spectralRolloff(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512,
                            center: Bool = true, rollPercent: Double = 0.85) throws -> Matrix {
    try ArgumentChecks.require(rollPercentProblem(rollPercent))
    return try spectralShape(.signal(y, nFFT: nFFT, hopLength: hopLength, center: center), sampleRate: sampleRate,
                             "spectral_rolloff", rolloff(rollPercent))
}

/// `spectral_rolloff(S=S, sr, roll_percent)` of a magnitude spectrogram (bins x frames).
public func spectralRolloff(S: Matrix, sampleRate: Double, rollPercent: Double = 0.85) throws -> Matrix {
    try ArgumentChecks.require(rollPercentProblem(rollPercent))
    return try spectralShape(.spectrogram(S), sampleRate: sampleRate, "spectral_rolloff", rolloff(rollPercent))
}

/// The flatness of one frame, all in float32 as librosa computes it:
/// `S^power` floored at `amin`, then exp(mean(log)) / mean, the means through numpy's
/// pairwise sum (librosa's STFT is column-major, so its bins are summed that way). numpy's
/// float32 log and exp are its own vectorised ones, which can differ from the C
/// library's by an ulp; the means average that out.
private func flatness(amin: Double, power: Double) -> (UnsafePointer<Float>, [Double]) -> Double {
    // One pair of buffers for every frame (spectralShape calls this frame after frame).
    var powered: [Float] = [], logs: [Float] = []
    return { frame, freq in
        let bins = freq.count
        let floor = Float(amin), exponent = Float(power)
        if powered.count != bins {
            powered = [Float](repeating: 0, count: bins)
            logs = [Float](repeating: 0, count: bins)
        }
        // Through raw pointers: indexing the captured arrays bin by bin would check
        // exclusive access on each element (most of the feature's time in `perf`).
        return powered.withUnsafeMutableBufferPointer { powered in
            logs.withUnsafeMutableBufferPointer { logs in
                for b in 0..<bins {
                    let s = frame[b]
                    let p = exponent == 2 ? s * s : (exponent == 1 ? s : pow(s, exponent))
                    powered[b] = max(floor, p)
                    logs[b] = log(powered[b])
                }
                let geometric = exp(pairwiseSum(UnsafePointer(logs.baseAddress!), count: bins) / Float(bins))
                let arithmetic = pairwiseSum(UnsafePointer(powered.baseAddress!), count: bins) / Float(bins)
                return Double(geometric / arithmetic)
            }
        }
    }
}

private func flatnessProblem(amin: Double, power: Double) -> String? {
    if !(amin > 0 && amin.isFinite) { return "spectral_flatness: amin must be strictly positive, got \(amin)" }
    return power > 0 && power.isFinite ? nil : "spectral_flatness: power must be a positive number, got \(power)"
}

/// Spectral flatness, librosa 0.8.1 `feature.spectral_flatness(y, n_fft, hop_length,
/// center, amin, power)`: for each frame, the geometric mean of `max(amin, S^power)` over
/// its arithmetic mean, near 1 for noise and near 0 for a few pure tones. A silent frame
/// is perfectly flat (1, up to rounding). No sample rate: frequencies play no part.
///
/// - Throws: `AudioError.invalidParameter` also for `amin` not positive (librosa's
///   ParameterError) or `power` not positive (documented, not checked, by librosa).
public func spectralFlatness(y: [Float], nFFT: Int = 2048, hopLength: Int = 512, center: Bool = true,
                             amin: Double = 1e-10, power: Double = 2) throws -> Matrix {
    try ArgumentChecks.require(flatnessProblem(amin: amin, power: power))
    return try spectralShape(.signal(y, nFFT: nFFT, hopLength: hopLength, center: center), sampleRate: 1,
                             "spectral_flatness", flatness(amin: amin, power: power))
}

/// `spectral_flatness(S=S, amin, power)` of a magnitude spectrogram (bins x frames).
public func spectralFlatness(S: Matrix, amin: Double = 1e-10, power: Double = 2) throws -> Matrix {
    try ArgumentChecks.require(flatnessProblem(amin: amin, power: power))
    return try spectralShape(.spectrogram(S), sampleRate: 1, "spectral_flatness", flatness(amin: amin, power: power))
}

extension MagnitudeSpectrogram {
    /// `spectral_centroid(S=|stft|, sr)`.
    public func spectralCentroid() throws -> Matrix {
        try spectralShape(.frameMajor(frames), sampleRate: sampleRate, "spectral_centroid", centroid())
    }

    /// `spectral_bandwidth(S=|stft|, sr, norm, p)`.
    public func spectralBandwidth(norm: Bool = true, p: Double = 2) throws -> Matrix {
        try ArgumentChecks.require(pProblem(p))
        return try spectralShape(.frameMajor(frames), sampleRate: sampleRate, "spectral_bandwidth",
                                 bandwidth(norm: norm, p: p))
    }

    /// `spectral_rolloff(S=|stft|, sr, roll_percent)`.
    public func spectralRolloff(rollPercent: Double = 0.85) throws -> Matrix {
        try ArgumentChecks.require(rollPercentProblem(rollPercent))
        return try spectralShape(.frameMajor(frames), sampleRate: sampleRate, "spectral_rolloff", rolloff(rollPercent))
    }

    /// `spectral_flatness(S=|stft|, amin, power)`.
    public func spectralFlatness(amin: Double = 1e-10, power: Double = 2) throws -> Matrix {
        try ArgumentChecks.require(flatnessProblem(amin: amin, power: power))
        return try spectralShape(.frameMajor(frames), sampleRate: sampleRate, "spectral_flatness",
                                 flatness(amin: amin, power: power))
    }
}
