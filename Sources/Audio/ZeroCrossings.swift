/// Zero-crossing rate, librosa 0.8.1 `feature.zero_crossing_rate(y, frame_length,
/// hop_length, center, threshold, ref_magnitude, pad, zero_pos)`: for each frame, the
/// fraction of its samples where the sign differs from the sample before. Returns
/// 1 x frames.
///
/// What librosa does, step by step:
/// - with `center`, the signal is padded by `frameLength / 2` repeating its end samples
///   (`np.pad(mode='edge')`, unlike `stft`'s reflection), then cut into frames;
/// - `zero_crossings` runs within each frame: samples with `|y| <= threshold`
///   (`threshold * refMagnitude` when that is given), compared in float32, count as 0;
/// - with `zeroPos` the sign is the sign bit, so 0 counts as positive (and -0.0 as
///   negative when nothing is clipped); otherwise `np.sign`, where 0 is a sign of its own
///   and going from 0 to either side is a crossing;
/// - a frame's first sample has no predecessor within the frame: it counts as a
///   crossing when `pad` (librosa's `zero_crossings` default, but `zero_crossing_rate`
///   sets `pad=False`), never across frames;
/// - the rate is crossings / `frameLength`, in float64 (rounded to Float here).
///
/// - Throws: `AudioError.invalidParameter` for a frame length or hop below 1, a negative
///   or non-finite threshold or reference (librosa documents them as positive and then
///   silently clips nothing), a sample that is not finite, an empty signal, or one
///   shorter than a frame without centring.
public func zeroCrossingRate(y: [Float], frameLength: Int = 2048, hopLength: Int = 512, center: Bool = true,
                             threshold: Double? = 1e-10, refMagnitude: Double? = nil, pad: Bool = false,
                             zeroPos: Bool = true) throws -> Matrix {
    let function = "zero_crossing_rate"
    for (name, value) in [("threshold", threshold), ("ref_magnitude", refMagnitude)] {
        if let value, !(value >= 0 && value.isFinite) {
            throw AudioError.invalidParameter("\(function): \(name) must be 0 or more, got \(value)")
        }
    }
    let frames = try SignalFrames(y, frameLength: frameLength, hopLength: hopLength, center: center, padMode: .edge,
                                  in: function)
    // librosa decides to clip on the Python float (threshold > 0), then numpy compares the
    // float32 samples with it in float32: a threshold below Float's range still clips,
    // at 0, which turns -0.0 into +0.0.
    let threshold = (threshold ?? 0) * (refMagnitude ?? 1)
    let clips = threshold > 0, clip = Float(threshold)
    let signs: [Int8] = frames.padded.map { v in
        if clips && abs(v) <= clip { return 0 }
        if zeroPos { return v.sign == .minus ? 1 : 0 }
        return v > 0 ? 1 : (v < 0 ? -1 : 0)
    }
    // changesBefore[i]: sign changes between neighbours among samples 0...i, so a frame's
    // count is a difference of two entries.
    var changesBefore = [Int](repeating: 0, count: signs.count)
    for i in signs.indices.dropFirst() {
        changesBefore[i] = changesBefore[i - 1] + (signs[i] != signs[i - 1] ? 1 : 0)
    }
    var out = Matrix(rows: 1, columns: frames.count)
    for t in 0..<frames.count {
        let first = t * hopLength, last = first + frameLength - 1
        let crossings = changesBefore[last] - changesBefore[first] + (pad ? 1 : 0)
        out.values[t] = Float(Double(crossings) / Double(frameLength))
    }
    return out
}
