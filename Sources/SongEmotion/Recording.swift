import Foundation

/// One recording of the corpus: where it is and what its name says.
public struct Recording: Hashable, Sendable {
    /// The file on disk.
    public let url: URL
    /// Path relative to the corpus folder, `/`-separated, e.g.
    /// `Actor_01/03-02-01-01-01-01-01.flac`.
    public let relativePath: String
    /// The fields of the file name.
    public let name: RecordingName

    public init(url: URL, relativePath: String, name: RecordingName) {
        self.url = url
        self.relativePath = relativePath
        self.name = name
    }

    public var emotion: Emotion { name.emotion }
    /// The class index (0-5) the models learn.
    public var label: Int { name.emotion.label }
    public var actor: Int { name.actor }
    public var sex: Sex { name.sex }
}
