/// A failure reported to the user as is (ArgumentParser prints it and exits non-zero).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
