/// A place in a lesson file, printed the way compilers print them (`file:line:col`), so
/// editors and terminals can jump to it. Lines and columns count from 1.
public struct SourceLocation: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
