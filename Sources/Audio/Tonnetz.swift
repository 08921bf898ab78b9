import Foundation

/// Tonal centroid features (librosa 0.8.1 `feature.tonnetz`): six dimensions per frame,
/// the chroma vector projected onto circles of fifths, minor thirds and major thirds
/// (a sine and a cosine row each). Double precision, as librosa's result is float64.
public struct Tonnetz: Equatable, Sendable, CustomStringConvertible {
    /// Number of frames (columns).
    public let frames: Int
    /// 6 x frames, row-major: fifths (sin, cos), minor thirds (sin, cos), major thirds.
    /// Read-only outside this library, so the count stays 6 x frames.
    public internal(set) var values: [Double]

    /// Rows (always 6).
    public static let rows = 6

    /// The shape and the first and last values, as `Matrix`'s.
    public var description: String { "Tonnetz 6 x \(frames) " + elided(values.count) { "\(values[$0])" } }

    /// Element (dimension, frame).
    public subscript(row: Int, frame: Int) -> Double { values[row * frames + frame] }

    /// Per-dimension mean over frames (`np.mean(tonnetz, axis=1)`); 0 without frames.
    public func rowMeans() -> [Double] {
        (0..<Self.rows).map { r in
            guard frames > 0 else { return 0 }
            return pairwiseSum(Array(values[(r * frames)..<((r + 1) * frames)])) / Double(frames)
        }
    }

    /// Per-dimension population standard deviation over frames (`np.std`, ddof 0).
    public func rowStandardDeviations() -> [Double] {
        let means = rowMeans()
        return (0..<Self.rows).map { r in
            guard frames > 0 else { return 0 }
            let squares = values[(r * frames)..<((r + 1) * frames)].map { ($0 - means[r]) * ($0 - means[r]) }
            return (pairwiseSum(squares) / Double(frames)).squareRoot()
        }
    }
}

/// The 6 x 12 projection of `tonnetz`: rows scale the chroma index by 7/6, 3/2 and 2/3
/// of a half turn (fifths, minor thirds, major thirds), sine rows shifted by half a
/// unit, radii 1, 1, 0.5.
func tonnetzTransform(nChroma: Int) -> [Double] {
    let scale: [Double] = [7.0 / 6, 7.0 / 6, 3.0 / 2, 3.0 / 2, 2.0 / 3, 2.0 / 3]
    let radius: [Double] = [1, 1, 1, 1, 0.5, 0.5]
    var phi = [Double](repeating: 0, count: 6 * nChroma)
    for r in 0..<6 {
        for c in 0..<nChroma {
            // np.linspace(0, 12, n_chroma, endpoint=False)
            let dim = Double(c) * (12.0 / Double(nChroma))
            var v = scale[r] * dim
            if r % 2 == 0 { v -= 0.5 }
            phi[r * nChroma + c] = radius[r] * cos(Double.pi * v)
        }
    }
    return phi
}

/// `tonnetz(chroma=chroma)`: each frame's chroma L1-normalised (in Double, stored as
/// Float as librosa's float32 array; silent frames stay zero), then projected in Double.
///
/// - Throws: `AudioError.invalidParameter` for a chromagram without rows.
public func tonnetz(chroma: Matrix) throws -> Tonnetz {
    try ArgumentChecks.require(chroma.rows >= 1 ? nil : "tonnetz(chroma:): the chromagram has no rows")
    let n = chroma.rows, frames = chroma.columns
    let phi = tonnetzTransform(nChroma: n)
    var out = Tonnetz(frames: frames, values: [Double](repeating: 0, count: 6 * frames))
    var column = [Double](repeating: 0, count: n)
    for t in 0..<frames {
        var l1 = 0.0
        for c in 0..<n { l1 += Double(abs(chroma[c, t])) }
        let length = l1 < Double(Float.leastNormalMagnitude) ? 1.0 : l1
        for c in 0..<n { column[c] = Double(Float(Double(chroma[c, t]) / length)) }
        for r in 0..<6 {
            var s = 0.0
            for c in 0..<n { s += phi[r * n + c] * column[c] }
            out.values[r * frames + t] = s
        }
    }
    return out
}

/// librosa 0.8.1 `feature.tonnetz(y=y, sr=sr)`: `chroma_cqt(y, sr)` with its defaults
/// (36 bins per octave over 7 octaves from C1, tuning estimated, hop 512) projected by
/// `tonnetz(chroma:)`. The tutorial calls it on `effects.harmonic(y)`; see
/// `harmonic(_:)`.
///
/// - Throws: as `cqt` (e.g. a signal too short for seven octaves).
public func tonnetz(y: [Float], sampleRate: Double) throws -> Tonnetz {
    try ArgumentChecks.require(ArgumentChecks.emptySignalProblem(y, in: "tonnetz"),
                               ArgumentChecks.finiteSignalProblem(y, in: "tonnetz"))
    return try tonnetz(chroma: try chromaCQT(y: y, sampleRate: sampleRate))
}
