import Foundation

/// librosa 0.8.1 `filters.cq_to_chroma(n_input, bins_per_octave, n_chroma, fmin)`: the
/// float32 matrix (n_chroma x n_input) folding constant-Q bins onto pitch classes. Each
/// chroma sums the `bins_per_octave / n_chroma` bins centred on it in every octave,
/// rotated so that row 0 is C given the pitch of `fmin` (default C1).
///
/// - Throws: `AudioError.invalidParameter` unless `binsPerOctave` is a positive multiple
///   of `nChroma`.
public func cqToChroma(nInput: Int, binsPerOctave: Int = 12, nChroma: Int = 12, fmin: Double? = nil) throws -> Matrix {
    guard nChroma > 0, binsPerOctave > 0, binsPerOctave % nChroma == 0 else {
        throw AudioError.invalidParameter("cq_to_chroma: bins_per_octave=\(binsPerOctave) must be a positive multiple of n_chroma=\(nChroma)")
    }
    guard nInput >= 0 else {
        throw AudioError.invalidParameter("cq_to_chroma: n_input must be at least 0, got \(nInput)")
    }
    try ArgumentChecks.require(ArgumentChecks.frequencyProblem(fmin, named: "fmin", in: "cq_to_chroma"))
    let merge = binsPerOctave / nChroma
    let fmin = fmin ?? noteC1Hz
    // Pitch class of the first bin (12 per octave), rounded to the chroma resolution.
    let midi = 12 * (log2(fmin) - log2(440.0)) + 69
    let midi0 = midi - 12 * (midi / 12).rounded(.down)
    let roll = Int((midi0 * Double(nChroma) / 12).rounded(.toNearestOrEven))
    var out = Matrix(rows: nChroma, columns: nInput)
    for j in 0..<nInput {
        // Column j of the tiled, left-rolled identity repeat: bin (j + merge/2) of its
        // octave belongs to chroma (that bin / merge).
        let inOctave = (j % binsPerOctave + merge / 2) % binsPerOctave
        let chroma = inOctave / merge
        // Then the rows are rolled by `roll`.
        let row = ((chroma + roll) % nChroma + nChroma) % nChroma
        out[row, j] = 1
    }
    return out
}

/// librosa 0.8.1 `feature.chroma_cqt(C=C)` for a constant-Q magnitude `C` (bins x
/// frames, bins from C1): the `cq_to_chroma` fold (a Float product), negative values
/// clipped (threshold 0), then every frame divided by its largest value (norm inf; in
/// Double, stored as Float; all-zero frames stay zero).
///
/// - Throws: `AudioError.invalidParameter` as `cqToChroma`, or for a value of `C` that is
///   not finite (librosa's ParameterError).
public func chromaCQT(C: Matrix, binsPerOctave: Int = 36, nChroma: Int = 12, fmin: Double? = nil) throws -> Matrix {
    // librosa's normalisation refuses them ("Input must be finite"); here a NaN would pass
    // through the division and be skipped by the maximum.
    try ArgumentChecks.require(ArgumentChecks.finiteMatrixProblem(C, named: "C", in: "chroma_cqt"))
    let fold = try cqToChroma(nInput: C.rows, binsPerOctave: binsPerOctave, nChroma: nChroma, fmin: fmin)
    guard var chroma = fold.dot(C) else {
        throw AudioError.invalidParameter("chroma_cqt: fold and CQT sizes differ")
    }
    for i in chroma.values.indices where chroma.values[i] < 0 { chroma.values[i] = 0 }
    for t in 0..<chroma.columns {
        var peak = 0.0
        for c in 0..<chroma.rows { peak = max(peak, Double(abs(chroma[c, t]))) }
        if peak < Double(Float.leastNormalMagnitude) { continue }
        for c in 0..<chroma.rows { chroma[c, t] = Float(Double(chroma[c, t]) / peak) }
    }
    return chroma
}

/// librosa 0.8.1 `feature.chroma_cqt(y=y, sr=sr)` with its defaults: hop 512, fmin C1,
/// tuning estimated from `y` at `binsPerOctave` resolution (unless given),
/// `nOctaves * binsPerOctave` CQT bins, norm inf, threshold 0.
///
/// - Throws: as `cqt`.
public func chromaCQT(y: [Float], sampleRate: Double, hopLength: Int = 512, tuning: Double? = nil,
                      nChroma: Int = 12, nOctaves: Int = 7, binsPerOctave: Int = 36) throws -> Matrix {
    try ArgumentChecks.require(ArgumentChecks.emptySignalProblem(y, in: "chroma_cqt"),
                               ArgumentChecks.finiteSignalProblem(y, in: "chroma_cqt"))
    guard binsPerOctave % max(nChroma, 1) == 0 else {
        throw AudioError.invalidParameter("chroma_cqt: bins_per_octave=\(binsPerOctave) must be a multiple of n_chroma=\(nChroma)")
    }
    let c = try cqt(y, sampleRate: sampleRate, hopLength: hopLength, nBins: nOctaves * binsPerOctave,
                    binsPerOctave: binsPerOctave, tuning: tuning)
    return try chromaCQT(C: c.magnitude(), binsPerOctave: binsPerOctave, nChroma: nChroma)
}
