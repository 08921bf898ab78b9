import Foundation

/// A filter bank stored as one contiguous band of non-zero weights per filter, so that
/// applying it touches only those weights (a Slaney mel filter spans a few bins).
struct BandedFilters: Sendable {
    /// First bin of each filter's non-zero run.
    let start: [Int]
    /// Each filter's weights from `start` on.
    let weights: [[Float]]
    let bins: Int

    init(dense: Matrix) {
        var start = [Int](), weights = [[Float]]()
        for r in 0..<dense.rows {
            let row = Array(dense.row(r))
            guard let first = row.firstIndex(where: { $0 != 0 }),
                  let last = row.lastIndex(where: { $0 != 0 }) else {
                start.append(0); weights.append([]); continue
            }
            start.append(first)
            weights.append(Array(row[first...last]))
        }
        self.start = start
        self.weights = weights
        bins = dense.columns
    }

    /// `filters · frame` for every frame of `frames` (frame-major: frames x bins), each
    /// value squared first when `squaring` (in Float, as librosa's `np.abs(D) ** 2`).
    /// Returns filters x frames.
    ///
    /// Eight frames go side by side in the lanes of a vector: one filter's sum then
    /// advances eight frames at a time, where a frame alone made a chain of dependent
    /// adds. Each lane adds the same products in the same order as a frame alone would,
    /// without fused multiply-adds, so the values are bit for bit those of one frame at a
    /// time.
    func apply(toFrames frames: Matrix, squaring: Bool) -> Matrix {
        typealias Lanes = SIMD8<Float>
        let width = Lanes.scalarCount
        let count = frames.rows
        precondition(frames.columns == bins, "frames of \(frames.columns) bins through filters of \(bins)")
        var out = Matrix(rows: start.count, columns: count)
        guard count > 0 else { return out }
        let block = UnsafeMutablePointer<Lanes>.allocate(capacity: bins)
        defer { block.deallocate() }
        frames.values.withUnsafeBufferPointer { src in
            out.values.withUnsafeMutableBufferPointer { dst in
                for first in stride(from: 0, to: count, by: width) {
                    let used = min(width, count - first)
                    // Lanes past the last frame repeat it (their sums are not stored).
                    interleaveFrames(src.baseAddress! + first * bins, count: used, bins: bins, into: block)
                    if squaring {
                        for b in 0..<bins { block[b] = block[b] * block[b] }
                    }
                    for f in 0..<start.count {
                        var sum = Lanes()
                        weights[f].withUnsafeBufferPointer { w in
                            let bands = block + start[f]
                            for k in 0..<w.count { sum += Lanes(repeating: w[k]) * bands[k] }
                        }
                        let o = dst.baseAddress! + f * count + first
                        if used == width {
                            UnsafeMutableRawPointer(o).storeBytes(of: sum, as: Lanes.self)
                        } else {
                            for l in 0..<used { o[l] = sum[l] }
                        }
                    }
                }
            }
        }
        return out
    }
}

/// Slaney-style mel filter bank, librosa 0.8.1 `filters.mel(sr, n_fft, n_mels, fmin,
/// fmax, htk=False, norm='slaney')`: triangles between neighbouring mel frequencies,
/// each scaled by `2 / (upper - lower edge in Hz)` so every filter has unit area.
/// Returns `nMels` x `(1 + nFFT/2)` Float weights.
///
/// - Throws: `AudioError.invalidParameter` unless the sample rate is positive, `nFFT` at
///   least 2, `nMels` at least 1, and `0 <= fmin < fmax` finite.
public func melFilterBank(sampleRate: Double, nFFT: Int = 2048, nMels: Int = 128,
                          fmin: Double = 0, fmax: Double? = nil) throws -> Matrix {
    let top = fmax ?? sampleRate / 2
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "melFilterBank"),
                               ArgumentChecks.stftSizesProblem(nFFT: nFFT, hopLength: 1, in: "melFilterBank"),
                               ArgumentChecks.countProblem(nMels, named: "n_mels", in: "melFilterBank"),
                               ArgumentChecks.melBandProblem(sampleRate: sampleRate, fmin: fmin, fmax: fmax, in: "melFilterBank"))
    let bins = 1 + nFFT / 2
    var weights = Matrix(rows: nMels, columns: bins)
    let fftFreqs = Frequencies.fft(sampleRate: sampleRate, nFFT: nFFT)
    let melF = Frequencies.mel(count: nMels + 2, fmin: fmin, fmax: top)
    for i in 0..<nMels {
        let lowerWidth = melF[i + 1] - melF[i], upperWidth = melF[i + 2] - melF[i + 1]
        let enorm = 2.0 / (melF[i + 2] - melF[i])
        for k in 0..<bins {
            let lower = -(melF[i] - fftFreqs[k]) / lowerWidth
            let upper = (melF[i + 2] - fftFreqs[k]) / upperWidth
            // librosa stores the triangle in float32, then scales it in float64.
            let tri = Float(max(0, min(lower, upper)))
            weights[i, k] = Float(Double(tri) * enorm)
        }
    }
    return weights
}

/// Cache of banded mel filters per (rate, n_fft, n_mels, band): building one costs more
/// than applying it to a short file. The corpus uses one bank; a program that sweeps the
/// band or n_mels would keep every bank it tried, so only the most recently used few stay.
enum MelFilterCache {
    struct Key: Hashable {
        let sampleRate: Double, nFFT: Int, nMels: Int, fmin: Double, fmax: Double
    }

    static let banks = LeastRecentlyUsedCache<Key, BandedFilters>(capacity: 8)

    static func banded(sampleRate: Double, nFFT: Int, nMels: Int, fmin: Double = 0, fmax: Double? = nil) throws -> BandedFilters {
        let key = Key(sampleRate: sampleRate, nFFT: nFFT, nMels: nMels, fmin: fmin, fmax: fmax ?? sampleRate / 2)
        return try banks.value(for: key) {
            BandedFilters(dense: try melFilterBank(sampleRate: sampleRate, nFFT: nFFT, nMels: nMels, fmin: fmin, fmax: fmax))
        }
    }
}
