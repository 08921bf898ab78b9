import Foundation

/// Root-mean-square energy of each frame of a signal, librosa 0.8.1 `feature.rms(y,
/// frame_length, hop_length, center, pad_mode)`: with `center` the signal is padded by
/// `frameLength / 2` (reflected by default) and cut into frames of `frameLength` samples
/// every `hopLength`; each value is `sqrt(mean(y²))` over an unwindowed frame. Returns
/// 1 x frames, in Float as librosa's float32: squares, numpy's pairwise sum, the division
/// and the root are all float32 operations.
///
/// - Throws: `AudioError.invalidParameter` for a frame length or hop below 1, a sample
///   that is not finite, an empty signal padded by reflection or repetition, or a signal
///   shorter than one frame without centring.
public func rms(y: [Float], frameLength: Int = 2048, hopLength: Int = 512, center: Bool = true,
               padMode: PadMode = .reflect) throws -> Matrix {
    let frames = try SignalFrames(y, frameLength: frameLength, hopLength: hopLength, center: center, padMode: padMode,
                                  in: "rms")
    return frames.padded.withUnsafeBufferPointer { src in
        rootsOfSums(count: frames.count, length: frameLength, { t, squares in
            let frame = src.baseAddress! + t * hopLength
            for k in 0..<frameLength { squares[k] = frame[k] * frame[k] }
        }, { $0 / Float(frameLength) })
    }
}

/// RMS from a magnitude spectrogram `S` (bins x frames), librosa 0.8.1 `feature.rms(S=S,
/// frame_length)`: by Parseval, the energy of a frame of `frameLength` samples from its
/// one-sided spectrum, `sqrt(2·Σ|S|² / frameLength²)` with the 0 Hz bin (and, for an even
/// `frameLength`, the Nyquist bin) counted half, since they have no mirror image. Only
/// equals `rms(y:)` for a rectangular window without centring; librosa's own example uses
/// `|stft|`, whose Hann window lowers it. In Float, the bins summed in numpy's pairwise order
/// as for librosa's column-major STFT.
///
/// - Throws: `AudioError.invalidParameter` when `S` does not have `frameLength / 2 + 1`
///   rows (librosa's ParameterError, which names the frame lengths that would fit), or
///   for a value that is not finite (librosa's energy of that frame is not).
public func rms(S: Matrix, frameLength: Int = 2048) throws -> Matrix {
    guard frameLength >= 1, S.rows == frameLength / 2 + 1 else {
        throw AudioError.invalidParameter(
            "rms(S:): S has \(S.rows) rows, so frame_length is expected to be \(2 * S.rows - 2) or "
            + "\(2 * S.rows - 1); found \(frameLength)")
    }
    // A NaN or an infinity makes its frame's energy NaN or infinite, as in librosa.
    try ArgumentChecks.require(ArgumentChecks.finiteMatrixProblem(S, named: "S", in: "rms(S:)"))
    let frames = S.transposed()
    let bins = S.rows
    return frames.values.withUnsafeBufferPointer { src in
        rootsOfSums(count: S.columns, length: bins, { t, power in
            let frame = src.baseAddress! + t * bins
            for b in 0..<bins { power[b] = frame[b] * frame[b] }
            power[0] *= 0.5
            if frameLength % 2 == 0 { power[bins - 1] *= 0.5 }
        }, { 2 * $0 / Float(frameLength * frameLength) })
    }
}

/// 1 x `count`: for each frame, `fill` writes `length` values, which are summed in
/// numpy's pairwise order, scaled by `scale` and square-rooted, in Float.
private func rootsOfSums(count: Int, length: Int, _ fill: (Int, UnsafeMutablePointer<Float>) -> Void,
                         _ scale: (Float) -> Float) -> Matrix {
    var out = Matrix(rows: 1, columns: count)
    var values = [Float](repeating: 0, count: length)
    values.withUnsafeMutableBufferPointer { buffer in
        for t in 0..<count {
            fill(t, buffer.baseAddress!)
            out.values[t] = scale(pairwiseSum(buffer.baseAddress!, count: length)).squareRoot()
        }
    }
    return out
}
