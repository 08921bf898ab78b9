import Foundation

/// Pitch candidates of one magnitude frame, librosa 0.8.1 `piptrack`: bins that are
/// local maxima of the frame (after zeroing values at or below `threshold` x the frame's
/// maximum) and lie in `[fmin, fmax)`, each refined by parabolic interpolation.
/// Arithmetic in Float as librosa does on a float32 spectrogram; the frequency in Double.
struct PitchPicker {
    let sampleRate: Double
    let nFFT: Int
    let threshold: Float
    /// Bins whose centre frequency lies in [fmin, min(fmax, sr/2)).
    let lowBin: Int, highBin: Int
    /// 1 / nFFT, exact when nFFT is a power of two (then used instead of dividing).
    let nFFTIsPowerOfTwo: Bool, inverseNFFT: Double

    init(sampleRate: Double, nFFT: Int, fmin: Double = 150, fmax: Double = 4000, threshold: Double = 0.1) {
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.threshold = Float(threshold)
        nFFTIsPowerOfTwo = nFFT > 0 && nFFT.nonzeroBitCount == 1
        inverseNFFT = 1 / Double(nFFT)
        let freqs = Frequencies.fft(sampleRate: sampleRate, nFFT: nFFT)
        let lo = max(fmin, 0), hi = min(fmax, sampleRate / 2)
        lowBin = freqs.firstIndex(where: { $0 >= lo }) ?? freqs.count
        highBin = freqs.firstIndex(where: { $0 >= hi }) ?? freqs.count
    }

    /// Calls `found(bin, pitchHz, magnitude)` for every candidate of `frame` (`bins` values).
    /// `mayHoldNaN` false (no NaN anywhere in the spectrogram, `ArgumentChecks.firstNaN`)
    /// skips the frame's search for a NaN.
    @inline(__always)
    func scan(_ frame: UnsafePointer<Float>, bins: Int, mayHoldNaN: Bool, _ found: (Int, Float, Float) -> Void) {
        guard bins >= 3 else { return }
        // numpy's maximum of a frame holding NaN is NaN, and no value exceeds threshold x
        // NaN: librosa finds no candidate in such a frame. Swift's max would skip the NaN.
        if mayHoldNaN { for b in 0..<bins where frame[b].isNaN { return } }
        scan(frame, bins: bins, peak: Self.peak(frame, count: bins), found)
    }

    /// `scan` of a frame without NaN whose largest value (or 0) is `peak`. Only the bins
    /// from `max(lowBin, 1) - 1` to `min(highBin, bins - 1)` are read.
    @inline(__always)
    func scan(_ frame: UnsafePointer<Float>, bins: Int, peak: Float, _ found: (Int, Float, Float) -> Void) {
        guard bins >= 3 else { return }
        let ref = threshold * peak
        @inline(__always) func masked(_ i: Int) -> Float { frame[i] > ref ? frame[i] : 0 }
        // Interpolation needs both neighbours; librosa pads its estimates with zeros at
        // the two edge bins, which never fall in [fmin, fmax) for fmin > 0 anyway.
        let first = max(lowBin, 1), last = min(highBin, bins - 1)
        guard first < last else { return }
        // Eight bins at a time, the peak test in vector lanes: a branch per bin on data
        // this irregular was mispredicted about once a peak. The candidates then go in
        // ascending order, as one bin at a time.
        typealias Lanes = SIMD8<Float>
        let width = Lanes.scalarCount
        let refLanes = Lanes(repeating: ref)
        func maskedLanes(_ j: Int) -> Lanes {
            let v = UnsafeRawPointer(frame + j).loadUnaligned(as: Lanes.self)
            return Lanes(repeating: 0).replacing(with: v, where: v .> refLanes)
        }
        var i = first
        while i + width <= last {  // reads up to frame[i + width] <= frame[last] < frame[bins]
            let z = maskedLanes(i)
            let peaks = (z .> maskedLanes(i - 1)) .& (z .>= maskedLanes(i + 1))
            // The set lanes as bits, lowest first: the candidates in ascending order.
            var bits = (unsafeBitCast(peaks, to: SIMD8<Int32>.self) & SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)).wrappedSum()
            while bits != 0 {
                candidate(i + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
            i += width
        }
        while i < last {
            let z = masked(i)
            if z > masked(i - 1), z >= masked(i + 1) { candidate(i) }
            i += 1
        }
        @inline(__always) func candidate(_ i: Int) {
            let below = frame[i - 1], here = frame[i], above = frame[i + 1]
            let avg = 0.5 * (above - below)
            var curvature = 2 * here - above - below
            if abs(curvature) < Float.leastNormalMagnitude { curvature += 1 }
            let shift = avg / curvature
            // Dividing by a power of two and multiplying by its reciprocal round the same
            // exact value: the same bits, without a division's latency per candidate.
            let hz = (Double(i) + Double(shift)) * sampleRate
            let pitch = Float(nFFTIsPowerOfTwo ? hz * inverseNFFT : hz / Double(nFFT))
            let mag = here + 0.5 * avg * shift
            found(i, pitch, mag)
        }
    }
}

extension PitchPicker {
    /// The largest of `count` values and 0, for values without NaN. Sixty-four running
    /// maxima (four vectors) instead of one: a single running maximum is a chain of
    /// dependent compare-and-selects, and over a 1025-bin frame it was most of
    /// `estimateTuning`'s time (5 % of the recipe). The maximum of values without NaN is
    /// the same whatever the order they are compared in.
    @inline(__always)
    static func peak(_ values: UnsafePointer<Float>, count: Int) -> Float {
        scanPeak(values, count: count, lookingForNaN: false).peak
    }

    /// `peak(values, count:)`, or nil when one of the values is NaN (one pass for both).
    @inline(__always)
    static func peakUnlessNaN(_ values: UnsafePointer<Float>, count: Int) -> Float? {
        let (peak, sawNaN) = scanPeak(values, count: count, lookingForNaN: true)
        return sawNaN ? nil : peak
    }

    /// The running maxima of `peak`, and with `lookingForNaN` whether a value is NaN
    /// (a constant at each call, so `peak` carries no NaN test).
    @inline(__always)
    private static func scanPeak(_ values: UnsafePointer<Float>, count: Int, lookingForNaN: Bool) -> (peak: Float, sawNaN: Bool) {
        typealias Lanes = SIMD16<Float>
        var lanes = Lanes(repeating: 0), l1 = lanes, l2 = lanes, l3 = lanes
        var nan = SIMDMask<SIMD16<Int32>>(repeating: false)
        @inline(__always) func load(_ offset: Int) -> Lanes { UnsafeRawPointer(values + offset).loadUnaligned(as: Lanes.self) }
        var i = 0
        while i + 4 * Lanes.scalarCount <= count {
            let v0 = load(i), v1 = load(i + 16), v2 = load(i + 32), v3 = load(i + 48)
            if lookingForNaN { nan .|= (v0 .!= v0) .| (v1 .!= v1) .| (v2 .!= v2) .| (v3 .!= v3) }
            lanes.replace(with: v0, where: v0 .> lanes)
            l1.replace(with: v1, where: v1 .> l1)
            l2.replace(with: v2, where: v2 .> l2)
            l3.replace(with: v3, where: v3 .> l3)
            i += 4 * Lanes.scalarCount
        }
        lanes.replace(with: l1, where: l1 .> lanes)
        lanes.replace(with: l2, where: l2 .> lanes)
        lanes.replace(with: l3, where: l3 .> lanes)
        while i + Lanes.scalarCount <= count {
            let v = load(i)
            if lookingForNaN { nan .|= v .!= v }
            lanes.replace(with: v, where: v .> lanes)
            i += Lanes.scalarCount
        }
        var peak = lanes.max()
        var sawNaN = false
        while i < count {
            if lookingForNaN && values[i].isNaN { sawNaN = true }
            peak = max(peak, values[i])
            i += 1
        }
        if lookingForNaN {
            // The mask's bits as words: a test in place (`any` called a generic reduction).
            let w = unsafeBitCast(nan, to: SIMD8<UInt64>.self)
            sawNaN = sawNaN || (w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) != 0
        }
        return (peak, sawNaN)
    }
}

/// Pitch tracking by parabolic interpolation of spectral peaks, librosa 0.8.1
/// `piptrack(S=S, sr, fmin=150, fmax=4000, threshold=0.1)` on a magnitude spectrogram
/// `S` (bins x frames). Returns `pitches` (Hz) and `magnitudes`, both bins x frames,
/// zero where a bin is not a candidate.
///
/// - Throws: `AudioError.invalidParameter` unless `S` has at least 2 rows and the sample
///   rate is positive.
public func piptrack(S: Matrix, sampleRate: Double, fmin: Double = 150, fmax: Double = 4000,
                     threshold: Double = 0.1) throws -> (pitches: Matrix, magnitudes: Matrix) {
    try ArgumentChecks.require(ArgumentChecks.spectrogramProblem(S, in: "piptrack(S:)"),
                               ArgumentChecks.sampleRateProblem(sampleRate, in: "piptrack(S:)"))
    let picker = PitchPicker(sampleRate: sampleRate, nFFT: 2 * (S.rows - 1), fmin: fmin, fmax: fmax,
                             threshold: threshold)
    var pitches = Matrix(rows: S.rows, columns: S.columns)
    var mags = Matrix(rows: S.rows, columns: S.columns)
    let frames = S.transposed()
    let mayHoldNaN = ArgumentChecks.firstNaN(frames.values) != nil
    frames.values.withUnsafeBufferPointer { src in
        for t in 0..<S.columns {
            picker.scan(src.baseAddress! + t * S.rows, bins: S.rows, mayHoldNaN: mayHoldNaN) { bin, pitch, mag in
                pitches[bin, t] = pitch
                mags[bin, t] = mag
            }
        }
    }
    return (pitches, mags)
}

/// Tuning offset from a set of frequencies, librosa 0.8.1 `pitch_tuning`: each positive
/// frequency's deviation from the equal-tempered grid (in fractions of a bin, in
/// [-0.5, 0.5)) goes into a histogram of `resolution`-wide bins; the left edge of the
/// fullest bin is returned. Deviations are computed in Float, as librosa does for the
/// float32 frequencies piptrack gives. No positive frequency gives 0.
///
/// - Throws: `AudioError.invalidParameter` unless `0 < resolution <= 1` and
///   `binsPerOctave` is at least 1.
public func pitchTuning(frequencies: [Float], resolution: Double = 0.01, binsPerOctave: Int = 12) throws -> Double {
    try ArgumentChecks.require(ArgumentChecks.resolutionProblem(resolution, in: "pitchTuning"),
                               ArgumentChecks.countProblem(binsPerOctave, named: "bins_per_octave", in: "pitchTuning"))
    let edges = Frequencies.linspace(-0.5, 0.5, count: Int((1.0 / resolution).rounded(.up)) + 1)
    guard edges.count >= 2 else { return 0 }
    var counts = [Int](repeating: 0, count: edges.count - 1)
    var any = false
    let bpo = Float(binsPerOctave)
    let lastBin = edges.count - 2, width = edges[1] - edges[0]
    for f in frequencies where f > 0 {
        any = true
        let octs = log2(f / Float(27.5))          // hz_to_octs with A440, in float32
        // np.mod(x, 1) takes the divisor's sign. x - trunc(x) is exact in Float, the
        // same value as fmodf(x, 1) (up to the sign of a zero, which lands in the same
        // bin), at a fraction of its cost.
        let x = bpo * octs
        var residual = x - x.rounded(.towardZero)
        if residual < 0 { residual += 1 }
        if residual >= 0.5 { residual -= 1 }
        let r = Double(residual)
        guard r >= edges[0], r <= edges[edges.count - 1] else { continue }
        // The bin whose left edge is the last at or below r (the last bin is closed on
        // the right, as np.histogram's): guessed from the even spacing, then settled
        // against the edges themselves.
        var bin = min(max(Int((r - edges[0]) / width), 0), lastBin)
        while bin > 0 && edges[bin] > r { bin -= 1 }
        while bin < lastBin && edges[bin + 1] <= r { bin += 1 }
        counts[bin] += 1
    }
    guard any else { return 0 }
    var best = 0
    for i in counts.indices where counts[i] > counts[best] { best = i }
    return edges[best]
}

/// Collects piptrack's candidates over all frames and applies estimate_tuning's rule.
/// `nFFT` is the transform size when known: librosa infers `2 * (bins - 1)` from a given
/// `S`, but keeps the size it was asked for when it computes the STFT itself, and the
/// two differ for an odd size (1023 and 1022 both give 512 bins), which moves every
/// interpolated pitch by the ratio of the two. `function` names the caller in errors; the
/// histogram's arguments are checked here, since a recording without candidates (silence)
/// never reaches `pitchTuning`.
func estimateTuning(magnitudeFrames frames: Matrix, sampleRate: Double, resolution: Double,
                    binsPerOctave: Int, nFFT: Int? = nil, in function: String) throws -> Double {
    try ArgumentChecks.require(ArgumentChecks.resolutionProblem(resolution, in: function),
                               ArgumentChecks.countProblem(binsPerOctave, named: "bins_per_octave", in: function))
    let picker = PitchPicker(sampleRate: sampleRate, nFFT: nFFT ?? 2 * (frames.columns - 1))
    var pitches = [Float](), mags = [Float]()
    let bins = frames.columns
    // Each frame's NaN test goes with its maximum, in one pass (a frame holding NaN gives
    // no candidate, as `scan(mayHoldNaN: true)`), instead of a pass over the whole matrix first.
    frames.values.withUnsafeBufferPointer { src in
        guard bins >= 3 else { return }
        for t in 0..<frames.rows {
            let frame = src.baseAddress! + t * bins
            guard let peak = PitchPicker.peakUnlessNaN(frame, count: bins) else { continue }
            picker.scan(frame, bins: bins, peak: peak) { _, pitch, mag in
                if pitch > 0 { pitches.append(pitch); mags.append(mag) }
            }
        }
    }
    return try tuning(pitches: pitches, magnitudes: mags, resolution: resolution, binsPerOctave: binsPerOctave)
}

/// estimate_tuning's rule on piptrack's candidates: the pitches whose magnitude reaches
/// the median candidate magnitude go to `pitchTuning`; none gives 0.
private func tuning(pitches: [Float], magnitudes mags: [Float], resolution: Double, binsPerOctave: Int) throws -> Double {
    guard !mags.isEmpty else { return 0 }
    let threshold = medianFloat(mags)
    var selected = [Float]()
    selected.reserveCapacity(pitches.count / 2 + 1)
    for i in pitches.indices where mags[i] >= threshold { selected.append(pitches[i]) }
    return try pitchTuning(frequencies: selected, resolution: resolution, binsPerOctave: binsPerOctave)
}

/// `np.median` of float32 values: the middle value, or the Float mean of the two middle ones.
/// The order statistics are found by selection, not by sorting every value (piptrack's
/// candidates are tens of thousands per recording, and their sort was 2 % of the recipe).
func medianFloat(_ values: [Float]) -> Float {
    var work = values
    let n = work.count
    let upper = selectSmallest(n / 2, in: &work)
    if n % 2 == 1 { return upper }
    // Everything before index n / 2 is now at most `upper`: the lower middle is their largest.
    let lower = work[..<(n / 2)].max()!
    return (lower + upper) / 2
}

/// The k-th smallest of `values` (k from 0), leaving every smaller-or-equal value before
/// index k and every larger-or-equal one after it. Quickselect with a median-of-three
/// pivot and a three-way partition (ties go in one pass); after a number of rounds that
/// only adversarial input reaches, the rest is sorted, so the worst case is O(n log n).
/// Values must not be NaN.
func selectSmallest(_ k: Int, in values: inout [Float]) -> Float {
    precondition(k >= 0 && k < values.count)
    return values.withUnsafeMutableBufferPointer { v in
        var low = 0, high = v.count  // k is in low..<high
        var rounds = 0
        let limit = 2 * (Int.bitWidth - v.count.leadingZeroBitCount) + 8
        while high - low > 16 {
            rounds += 1
            if rounds > limit { break }
            let a = v[low], b = v[low + (high - low) / 2], c = v[high - 1]
            let pivot = max(min(a, b), min(max(a, b), c))
            // v[low..<less] < pivot, v[less..<i] == pivot, v[greater..<high] > pivot.
            var less = low, i = low, greater = high
            while i < greater {
                let x = v[i]
                if x < pivot {
                    v.swapAt(i, less); less += 1; i += 1
                } else if x > pivot {
                    greater -= 1; v.swapAt(i, greater)
                } else {
                    i += 1
                }
            }
            if k < less { high = less } else if k >= greater { low = greater } else { return pivot }
        }
        v[low..<high].sort()
        return v[k]
    }
}

/// Tuning deviation of a magnitude spectrogram `S` (bins x frames) from A440, in
/// fractions of a bin at `binsPerOctave`, librosa 0.8.1 `estimate_tuning(S=S, sr, ...)`:
/// piptrack's candidates whose magnitude reaches the median candidate magnitude go to
/// `pitchTuning`. Result in [-0.5, 0.5).
///
/// - Throws: `AudioError.invalidParameter` unless `S` has at least 2 rows, the sample
///   rate is positive, `0 < resolution <= 1` and `binsPerOctave` at least 1.
public func estimateTuning(S: Matrix, sampleRate: Double, resolution: Double = 0.01,
                           binsPerOctave: Int = 12) throws -> Double {
    try ArgumentChecks.require(ArgumentChecks.spectrogramProblem(S, in: "estimateTuning(S:)"),
                               ArgumentChecks.sampleRateProblem(sampleRate, in: "estimateTuning(S:)"))
    return try estimateTuning(magnitudeFrames: S.transposed(), sampleRate: sampleRate, resolution: resolution,
                              binsPerOctave: binsPerOctave, in: "estimateTuning(S:)")
}

/// `estimate_tuning(y=y, sr, n_fft, ...)`: the same on `|stft(y, n_fft, hop n_fft/4)|`,
/// as librosa's cqt calls it.
///
/// Frame by frame, without the magnitude spectrogram: piptrack reads the magnitudes of
/// the bins below `fmax` and each frame's largest one, and that is the square root of
/// the largest sum of squares (both roundings keep order), so only a sixth of the bins
/// take a square root.
public func estimateTuning(y: [Float], sampleRate: Double, nFFT: Int = 2048, resolution: Double = 0.01,
                           binsPerOctave: Int = 12) throws -> Double {
    try ArgumentChecks.require(ArgumentChecks.sampleRateProblem(sampleRate, in: "estimate_tuning"))
    try checkSTFTArguments(y, nFFT: nFFT, hopLength: nFFT / 4, in: "estimate_tuning")
    try ArgumentChecks.require(ArgumentChecks.resolutionProblem(resolution, in: "estimate_tuning"),
                               ArgumentChecks.countProblem(binsPerOctave, named: "bins_per_octave", in: "estimate_tuning"))
    let picker = PitchPicker(sampleRate: sampleRate, nFFT: nFFT)
    let bins = nFFT / 2 + 1
    // The magnitudes scan reads (see PitchPicker.scan); none when the band is empty.
    let firstRead = max(picker.lowBin, 1) - 1, lastRead = min(picker.highBin, bins - 1)
    let read = firstRead <= lastRead ? firstRead..<(lastRead + 1) : 0..<0
    var frame = [Float](repeating: 0, count: bins)
    var pitches = [Float](), mags = [Float]()
    try frame.withUnsafeMutableBufferPointer { magnitudes in
        try forEachSTFTFrame(y, nFFT: nFFT, hopLength: nFFT / 4, center: true, in: "estimate_tuning") { _, spectrum in
            guard let peak = largestMagnitude(spectrum, bins: bins) else { return }  // NaN: no candidate
            // Offsets from the range's start, in a plain loop, which the compiler vectorises
            // (indexing by `b` over the range kept a scalar square root per bin).
            let from = spectrum + 2 * read.lowerBound, to = magnitudes.baseAddress! + read.lowerBound
            for i in 0..<read.count { to[i] = complexAbs(from[2 * i], from[2 * i + 1]) }
            picker.scan(magnitudes.baseAddress!, bins: bins, peak: peak) { _, pitch, mag in
                if pitch > 0 { pitches.append(pitch); mags.append(mag) }
            }
        }
    }
    return try tuning(pitches: pitches, magnitudes: mags, resolution: resolution, binsPerOctave: binsPerOctave)
}

/// The largest `complexAbs` of `bins` interleaved complex values (and 0), or nil when one
/// of them is NaN. Eight running maxima of the sums of squares, one square root.
private func largestMagnitude(_ spectrum: UnsafePointer<Float>, bins: Int) -> Float? {
    typealias Lanes = SIMD8<Double>
    var largest = Lanes(), nan = SIMDMask<SIMD8<Int64>>(repeating: false)
    var b = 0
    while b + Lanes.scalarCount <= bins {
        // Eight interleaved values, split into their real and imaginary parts in registers.
        let pairs = UnsafeRawPointer(spectrum + 2 * b).loadUnaligned(as: SIMD16<Float>.self)
        let x = Lanes(pairs.evenHalf), y = Lanes(pairs.oddHalf)
        let q = x * x + y * y  // complexSquaredMagnitude, lane by lane
        nan .|= q .!= q
        largest.replace(with: q, where: q .> largest)
        b += Lanes.scalarCount
    }
    var peak = largest.max()
    var tailNaN = false
    while b < bins {
        let q = complexSquaredMagnitude(spectrum[2 * b], spectrum[2 * b + 1])
        if q.isNaN { tailNaN = true }
        peak = max(peak, q)
        b += 1
    }
    if any(nan) || tailNaN { return nil }
    return Float(peak.squareRoot())
}
