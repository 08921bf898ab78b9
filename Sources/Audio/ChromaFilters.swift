import Foundation

/// Chroma filter bank, librosa 0.8.1 `filters.chroma(sr, n_fft, n_chroma, tuning)` with
/// its defaults (ctroct 5, octwidth 2, norm 2, base_c): for each STFT bin, Gaussian
/// bumps over the `nChroma` pitch classes (width one bin or the bin spacing in chroma
/// units), each column L2-normalised, weighted by a Gaussian over octaves centred on
/// octave 5, and rolled so that row 0 is C. Computed in Double, returned as Float
/// `nChroma` x `(1 + nFFT/2)`.
///
/// - Throws: `AudioError.invalidParameter` unless the sample rate is positive, `nFFT` at
///   least 2, `nChroma` at least 1 and the tuning finite.
public func chromaFilterBank(sampleRate: Double, nFFT: Int = 2048, nChroma: Int = 12,
                             tuning: Double = 0) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "chromaFilterBank"),
                               ArgumentChecks.stftSizesProblem(nFFT: nFFT, hopLength: 1, in: "chromaFilterBank"),
                               ArgumentChecks.countProblem(nChroma, named: "n_chroma", in: "chromaFilterBank"),
                              ArgumentChecks.tuningProblem(tuning, in: "chromaFilterBank"))
    let n = nFFT
    let chroma = Double(nChroma)
    let freqs = Frequencies.linspace(0, sampleRate, count: n, endpoint: false).dropFirst()
    var frqbins = [Double]()
    frqbins.reserveCapacity(n)
    for f in freqs { frqbins.append(chroma * Frequencies.hzToOctaves(f, tuning: tuning, binsPerOctave: nChroma)) }
    // Bin 0 (DC) is placed 1.5 octaves below bin 1.
    frqbins.insert(frqbins[0] - 1.5 * chroma, at: 0)
    var width = [Double](repeating: 1, count: n)
    for j in 0..<(n - 1) { width[j] = max(frqbins[j + 1] - frqbins[j], 1) }

    let half = (chroma / 2).rounded(.toNearestOrEven)
    let columns = 1 + n / 2
    var out = Matrix(rows: nChroma, columns: columns)
    var w = [Double](repeating: 0, count: nChroma)
    for j in 0..<columns {
        var norm = 0.0
        for c in 0..<nChroma {
            let raw = frqbins[j] - Double(c) + half + 10 * chroma
            var d = raw - chroma * (raw / chroma).rounded(.down)   // np.remainder
            d -= half
            let z = 2 * d / width[j]
            w[c] = exp(-0.5 * z * z)
            norm += w[c] * w[c]
        }
        norm = norm.squareRoot()
        if norm < Double.leastNormalMagnitude { norm = 1 }
        let octave = (frqbins[j] / chroma - 5) / 2
        let octaveWeight = exp(-0.5 * octave * octave)
        let shift = 3 * (nChroma / 12)
        for c in 0..<nChroma {
            // Row c of the result is class (c + shift) before the roll, so C comes first.
            out[c, j] = Float(w[(c + shift) % nChroma] / norm * octaveWeight)
        }
    }
    return out
}
