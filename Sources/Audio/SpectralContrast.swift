import Foundation

/// The octave bands of librosa 0.8.1 `spectral_contrast` for one rate and FFT size:
/// band k spans [200·2^(k-1), 200·2^k] Hz (band 0 from 0 Hz), widened one bin
/// downwards above band 0, the last band running to Nyquist.
struct ContrastBands {
    /// First bin and end (exclusive) of the values sorted for each band.
    let ranges: [Range<Int>]
    /// How many of the lowest / highest values are averaged (the quantile count).
    let counts: [Int]

    init(sampleRate: Double, nFFT: Int, fmin: Double, nBands: Int, quantile: Double) throws {
        guard nBands >= 1 else { throw AudioError.invalidParameter("spectral_contrast: n_bands must be positive") }
        guard quantile > 0, quantile < 1 else {
            throw AudioError.invalidParameter("spectral_contrast: quantile must lie in (0, 1)")
        }
        guard fmin > 0 else { throw AudioError.invalidParameter("spectral_contrast: fmin must be positive") }
        var edges = [0.0]
        for k in 0...nBands { edges.append(fmin * pow(2, Double(k))) }
        // librosa checks every band's lower edge against the Nyquist frequency.
        let topLowerEdge = edges[edges.count - 2]
        guard topLowerEdge < 0.5 * sampleRate else {
            throw AudioError.invalidParameter(
                "spectral_contrast: the top band starts at \(Self.hertz(topLowerEdge)), at or above the Nyquist frequency "
                + "(\(Self.hertz(0.5 * sampleRate)) at a sample rate of \(Self.hertz(sampleRate))); with fmin \(Self.hertz(fmin)) "
                + "and \(nBands) bands the sample rate must be above \(Self.hertz(2 * topLowerEdge))")
        }
        let freqs = Frequencies.fft(sampleRate: sampleRate, nFFT: nFFT)
        var ranges = [Range<Int>](), counts = [Int]()
        for k in 0...nBands {
            let inBand = freqs.indices.filter { freqs[$0] >= edges[k] && freqs[$0] <= edges[k + 1] }
            guard var lo = inBand.first, let last = inBand.last else {
                throw AudioError.invalidParameter("spectral_contrast: band \(k) holds no FFT bin at n_fft \(nFFT)")
            }
            if k > 0 { lo = max(lo - 1, 0) }
            let selectedEnd = k == nBands ? freqs.count : last + 1    // bins marked in the band
            let sortedEnd = k == nBands ? freqs.count : last           // librosa drops the top bin below the last band
            // Band 0 loses its top bin like the others; when [0, fmin] holds only the 0 Hz
            // bin nothing is left, and librosa's mean of no values is NaN, which
            // power_to_db's maximum then spreads to every value of the result.
            guard sortedEnd > lo else {
                throw AudioError.invalidParameter(
                    "spectral_contrast: the band from 0 to \(Self.hertz(fmin)) holds only the 0 Hz bin at n_fft \(nFFT) "
                    + "(bins every \(Self.hertz(freqs[1])) at \(Self.hertz(sampleRate))), so it has no values to compare "
                    + "(librosa 0.8.1 returns NaN everywhere); use fmin of at least \(Self.hertz(freqs[1])) or a larger n_fft")
            }
            let q = max(Int((quantile * Double(selectedEnd - lo)).rounded(.toNearestOrEven)), 1)
            ranges.append(lo..<max(sortedEnd, lo))
            counts.append(q)
        }
        self.ranges = ranges
        self.counts = counts
    }
}

/// Spectral contrast from frame-major magnitudes, in Double (librosa's float64 result):
/// per band, the mean of the `q` largest minus the mean of the `q` smallest values, both
/// in dB via `power_to_db` over the whole peak (resp. valley) matrix.
/// Returns (nBands + 1) rows of `frames.rows` values, row-major.
func contrastFromMagnitudeFrames(_ frames: Matrix, sampleRate: Double, fmin: Double = 200, nBands: Int = 6,
                                 quantile: Double = 0.02) throws -> [Double] {
    let bins = frames.columns, count = frames.rows
    let bands = try ContrastBands(sampleRate: sampleRate, nFFT: 2 * (bins - 1), fmin: fmin, nBands: nBands,
                                  quantile: quantile)
    // After the bands' checks, as in librosa. Its power_to_db takes the maximum over all
    // frames: over none it raises (numpy's "zero-size array to reduction operation
    // maximum"), and a NaN or an infinity anywhere becomes every value of its result.
    guard count > 0 else {
        throw AudioError.invalidParameter("spectral_contrast: S has no frames (librosa 0.8.1 raises: power_to_db's maximum of an empty array)")
    }
    if let i = ArgumentChecks.firstNonFinite(frames.values) {
        let (t, b) = i.quotientAndRemainder(dividingBy: bins)
        throw AudioError.invalidParameter("spectral_contrast: S is not finite everywhere (S[\(b), \(t)] is \(frames.values[i]))")
    }
    let rows = nBands + 1
    var peak = [Double](repeating: 0, count: rows * count)
    var valley = [Double](repeating: 0, count: rows * count)
    let starts = bands.ranges.map(\.lowerBound), ends = bands.ranges.map(\.upperBound)
    let qs = (0..<rows).map { min(bands.counts[$0], bands.ranges[$0].count) }
    let lanes = ContrastLanes.width
    let group = ContrastLanes(bins: bins, largestCount: qs.max() ?? 1)
    defer { group.deallocate() }
    frames.values.withUnsafeBufferPointer { src in
        peak.withUnsafeMutableBufferPointer { peakOut in
            valley.withUnsafeMutableBufferPointer { valleyOut in
                // Eight frames at a time in vector lanes; a last group of fewer fills its
                // other lanes with its last frame, whose results are not stored.
                for first in stride(from: 0, to: count, by: lanes) {
                    let taken = min(lanes, count - first)
                    group.load(src.baseAddress! + first * bins, frames: taken)
                    for k in 0..<rows where qs[k] > 0 {
                        let (valleys, peaks) = group.means(qs[k], of: starts[k]..<ends[k])
                        for l in 0..<taken {
                            valleyOut[k * count + first + l] = Double(valleys[l])
                            peakOut[k * count + first + l] = Double(peaks[l])
                        }
                    }
                }
            }
        }
    }
    powerToDB(&peak)
    powerToDB(&valley)
    for i in 0..<peak.count { peak[i] -= valley[i] }
    return peak
}

/// Spectral contrast of a magnitude spectrogram `S` (bins x frames), librosa 0.8.1
/// `feature.spectral_contrast(S=S, sr, fmin=200, n_bands=6, quantile=0.02)`: for each
/// octave band, the dB difference between the mean of its top `quantile` and bottom
/// `quantile` values. Returns (nBands + 1) x frames, rounded to Float from librosa's
/// float64.
///
/// - Throws: `AudioError.invalidParameter` when a band reaches past Nyquist (librosa's
///   ParameterError), e.g. below 12.8 kHz with the defaults; when a band holds no FFT
///   bin (librosa's IndexError); when fmin is below the bin spacing, where librosa
///   returns NaN for every value; when `S` has no frames (librosa raises) or a value that
///   is not finite (librosa's result is then NaN or infinite everywhere).
public func spectralContrast(S: Matrix, sampleRate: Double, fmin: Double = 200, nBands: Int = 6,
                             quantile: Double = 0.02) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.spectrogramProblem(S, in: "spectral_contrast"),
                               ArgumentChecks.sampleRateProblem(sampleRate, in: "spectral_contrast"))
    return try contrastMatrix(S.transposed(), sampleRate: sampleRate, fmin: fmin, nBands: nBands, quantile: quantile)
}

/// `spectral_contrast(y=y, sr, n_fft, hop_length, ...)`: the same on librosa's default
/// magnitude spectrogram `|stft(y)|` (power 1).
///
/// - Throws: as `spectralContrast(S:)`, and for bad STFT sizes or an empty or
///   non-finite signal.
public func spectralContrast(y: [Float], sampleRate: Double, nFFT: Int = 2048, hopLength: Int = 512,
                             fmin: Double = 200, nBands: Int = 6, quantile: Double = 0.02) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "spectral_contrast"))
    let frames = try magnitudeFrames(y, nFFT: nFFT, hopLength: hopLength, in: "spectral_contrast")
    return try contrastMatrix(frames, sampleRate: sampleRate, fmin: fmin, nBands: nBands, quantile: quantile)
}

/// The contrast of frame-major magnitudes as (nBands + 1) x frames, rounded to Float.
private func contrastMatrix(_ frames: Matrix, sampleRate: Double, fmin: Double, nBands: Int,
                            quantile: Double) throws -> Matrix {
    let values = try contrastFromMagnitudeFrames(frames, sampleRate: sampleRate, fmin: fmin, nBands: nBands,
                                                 quantile: quantile)
    return Matrix(rows: nBands + 1, columns: frames.rows, values: values.map(Float.init))
        ?? Matrix(rows: nBands + 1, columns: frames.rows)
}

extension ContrastBands {
    /// "4000 Hz", "21.53 Hz", "12.8 kHz", "22.05 kHz": frequencies as people write them
    /// (a bin spacing such as 22050 / 1024 Hz to four digits, not as "0.0215332 kHz").
    static func hertz(_ value: Double) -> String {
        if value < 10_000 && value == value.rounded() { return "\(Int(value)) Hz" }
        if value < 1000 { return String(format: "%.4g Hz", value) }
        return String(format: "%g kHz", value / 1000)
    }
}
