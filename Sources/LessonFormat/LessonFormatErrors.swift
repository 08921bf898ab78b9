/// Every problem found in one lesson, in file order, so an author can fix them in one pass.
public struct LessonFormatErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [LessonFormatError]

    public init(_ errors: [LessonFormatError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
