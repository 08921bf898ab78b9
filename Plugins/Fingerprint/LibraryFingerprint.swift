import Foundation
import PackagePlugin

/// Compiles into the target a hash of the libraries lessons compute with (see
/// `libraries`), from their Swift sources at build time.
///
/// The runner makes it part of the project version, and so of every cached value's key:
/// after a change to feature extraction or training, a lesson recomputes what it had
/// cached instead of showing figures from the old code. Lesson prose and steps are not
/// included; the cache keys each step by its own source already.
@main
struct LibraryFingerprintPlugin: BuildToolPlugin {
    /// The targets whose code decides what a lesson step computes.
    static let libraries = ["NumPy", "Audio", "Learn", "SongEmotion", "Plots", "Notebook", "LessonSupport"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageRoot = context.package.directoryURL
        var files: [URL] = []
        for name in Self.libraries {
            guard let library = context.package.targets.first(where: { $0.name == name }) as? SourceModuleTarget else {
                Diagnostics.error("LibraryFingerprint: no source target named '\(name)' in the package")
                return []
            }
            files += library.sourceFiles(withSuffix: ".swift").map(\.url)
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("LibraryFingerprint.swift")
        return [
            .buildCommand(
                displayName: "Fingerprinting the lessons' libraries",
                executable: try context.tool(named: "Fingerprint").url,
                arguments: [output.path, packageRoot.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
