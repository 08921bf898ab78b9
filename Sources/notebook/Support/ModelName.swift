import ArgumentParser
import Learn

/// The `--model` value of `train` and `predict`: one of the tutorial's four models.
enum ModelName {
    /// - Throws: `ValidationError` listing the four names.
    static func validate(_ model: String) throws {
        guard Models.names.contains(model) else {
            throw ValidationError("--model must be one of \(Models.names.joined(separator: ", ")), not '\(model)'")
        }
    }
}
