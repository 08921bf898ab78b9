/// How a signal is extended past its ends before it is cut into centred frames: the
/// `np.pad` modes librosa's framed features use.
public enum PadMode: Sendable {
    /// Mirrored about the end samples, not repeating them (`'reflect'`): `stft`'s and
    /// `rms`'s default.
    case reflect
    /// The end sample repeated (`'edge'`): what `zero_crossing_rate` always uses.
    case edge
    /// Zeros (`'constant'`).
    case constant
}

/// A signal cut into overlapping frames as librosa's time-domain features cut it: with
/// `center`, padded by `frameLength / 2` on both sides, then `util.frame`: frame `t` is
/// the `frameLength` samples from `t * hopLength` of the padded signal, as many as fit.
struct SignalFrames {
    /// The padded signal (the signal itself without `center`).
    let padded: [Float]
    let frameLength: Int
    let hopLength: Int
    /// Number of frames, `1 + (padded.count - frameLength) / hopLength`.
    let count: Int

    /// - Throws: `AudioError.invalidParameter`, naming `function`, for a frame length or
    ///   hop below 1, a sample that is not finite (librosa's `valid_audio`), an empty
    ///   signal to pad by reflection or repetition (numpy refuses to extend an empty
    ///   axis), and a signal shorter than one frame (`util.frame`'s "Input is too short").
    init(_ y: [Float], frameLength: Int, hopLength: Int, center: Bool, padMode: PadMode,
         in function: String) throws {
        try ArgumentChecks.require(ArgumentChecks.countProblem(frameLength, named: "frame_length", in: function),
                                   ArgumentChecks.countProblem(hopLength, named: "hop_length", in: function),
                                   ArgumentChecks.finiteSignalProblem(y, in: function))
        let pad = center ? frameLength / 2 : 0
        if pad > 0 && y.isEmpty && padMode != .constant {
            throw AudioError.invalidParameter("\(function): an empty signal cannot be padded by \(padMode)")
        }
        let n = y.count
        padded = pad == 0 ? y : (-pad..<(n + pad)).map { j in
            if j >= 0 && j < n { return y[j] }
            switch padMode {
            case .reflect: return y[reflectIndex(j, count: n)]
            case .edge: return y[j < 0 ? 0 : n - 1]
            case .constant: return 0
            }
        }
        guard padded.count >= frameLength else {
            throw AudioError.invalidParameter(
                "\(function): the signal (\(padded.count) samples\(center ? " after padding" : "")) is shorter than "
                + "frame_length \(frameLength)")
        }
        self.frameLength = frameLength
        self.hopLength = hopLength
        count = 1 + (padded.count - frameLength) / hopLength
    }
}
