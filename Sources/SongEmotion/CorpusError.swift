/// Problems with the corpus folder itself (as opposed to one recording's name).
public enum CorpusError: Error, Equatable, CustomStringConvertible {
    case unreadableFolder(String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFolder(let path, let reason):
            return "\(path): cannot list the folder: \(reason)"
        }
    }
}
