/// Why a recording could not be turned into features. Every case names the file, and
/// for decoding failures, libsndfile's own reason.
public enum AudioError: Error, Equatable, CustomStringConvertible {
    /// libsndfile could not open the file (missing, unreadable, not audio, empty).
    case cannotOpen(path: String, reason: String)
    /// libsndfile opened the file but failed while decoding it (e.g. truncated FLAC).
    case decodingFailed(path: String, reason: String)
    /// The file decoded to zero samples; no frame can be analysed.
    case noSamples(path: String)
    /// A parameter outside what the algorithm supports (e.g. n_fft < 2).
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open audio file: \(reason)"
        case let .decodingFailed(path, reason):
            return "\(path): decoding failed: \(reason)"
        case let .noSamples(path):
            return "\(path): the file holds no audio samples"
        case let .invalidParameter(what):
            return "invalid parameter: \(what)"
        }
    }
}
