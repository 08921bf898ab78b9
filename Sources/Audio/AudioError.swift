/// Why a recording could not be turned into features. Every case names the file, and
/// for decoding failures, libsndfile's own reason.
public enum AudioError: Error, Equatable, CustomStringConvertible {
    /// libsndfile could not open the file (missing, unreadable, not audio, empty, or a
    /// FLAC cut so short that its decoder fails while libsndfile reads the header).
    case cannotOpen(path: String, reason: String)
    /// libsndfile opened the file but failed while decoding it (e.g. a FLAC cut short
    /// after its first frames: "lost sync").
    case decodingFailed(path: String, reason: String)
    /// The file decoded to zero samples; no frame can be analysed.
    case noSamples(path: String)
    /// A parameter outside what the algorithm supports (e.g. n_fft < 2).
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, _), let .decodingFailed(path, _), let .noSamples(path):
            return "\(path): \(reason)"
        case .invalidParameter:
            return reason
        }
    }

    /// What went wrong, without the file name (for messages that name it already).
    public var reason: String {
        switch self {
        case let .cannotOpen(_, reason): return "cannot open audio file: \(reason)"
        case let .decodingFailed(_, reason): return "decoding failed: \(reason)"
        case .noSamples: return "the file holds no audio samples"
        case let .invalidParameter(what): return "invalid parameter: \(what)"
        }
    }
}
