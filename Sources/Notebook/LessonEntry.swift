import LessonFormat

/// A compiled lesson, as its lesson module exports it (`public let lesson`): its name, its
/// file, the Markdown it was compiled from, and the tangled steps as one function.
public struct LessonEntry: @unchecked Sendable {
    public let name: String
    public let path: String
    /// The lesson's Markdown as it was when compiled.
    public let markdown: String
    /// The tangled steps; generated code, called by the runner.
    public let body: (StepContext) throws -> Void

    public init(name: String, path: String, markdown: String, body: @escaping (StepContext) throws -> Void) {
        self.name = name
        self.path = path
        self.markdown = markdown
        self.body = body
    }

    /// The parsed lesson (steps, prose, expected blocks) this entry was compiled from.
    public func document() throws -> Lesson {
        try Lesson.parse(markdown, path: path)
    }
}
