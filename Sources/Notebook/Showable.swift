/// A type that chooses how `nb.show` presents it. Without this, `show` uses the value's
/// `description` (so a model's `CustomStringConvertible` summary is shown as is).
public protocol Showable {
    /// What `show` records for this value.
    var notebookOutput: ShownOutput { get }
}

/// How a `Showable` value appears in a step's output.
public enum ShownOutput: Sendable {
    case text(String)
    case table(Table)
}

extension Table: Showable {
    public var notebookOutput: ShownOutput { .table(self) }
}
