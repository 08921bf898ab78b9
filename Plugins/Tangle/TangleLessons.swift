import Foundation
import PackagePlugin

/// Tangles a lesson module's Markdown into Swift at build time.
///
/// A target at `Sources/Lessons/<name>/` is built from `lessons/<name>.md` (relative to the
/// package root). The tool's inputs are the lesson file *and the `lessons/` folder itself*:
/// SwiftPM re-plans build plugins only when Package.swift or the set of files changes, so the
/// folder is listed to make adding or renaming a lesson rebuild as well.
@main
struct TangleLessons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageRoot = context.package.directoryURL
        // Target.directoryURL needs tools version 6.1; the module's one hand-written file
        // (Sources/Lessons/<name>/<Module>.swift) sits in the folder we want.
        guard let module = target as? SourceModuleTarget,
              let anchor = module.sourceFiles(withSuffix: ".swift").first?.url else {
            Diagnostics.error("lesson target '\(target.name)' needs one Swift file in Sources/Lessons/<name>/ (a comment is enough)")
            return []
        }
        let name = anchor.deletingLastPathComponent().lastPathComponent
        let lessonsFolder = packageRoot.appendingPathComponent("lessons", isDirectory: true)
        let lessonFile = lessonsFolder.appendingPathComponent("\(name).md")
        guard FileManager.default.fileExists(atPath: lessonFile.path) else {
            Diagnostics.error("target '\(target.name)' at Sources/Lessons/\(name) has no lesson: expected \(lessonFile.path)")
            return []
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(name)+Lesson.swift")
        return [
            .buildCommand(
                displayName: "Tangling lessons/\(name).md",
                executable: try context.tool(named: "Tangle").url,
                arguments: [lessonFile.path, output.path, "--display-path", "lessons/\(name).md"],
                inputFiles: [lessonFile, lessonsFolder],
                outputFiles: [output]
            )
        ]
    }
}
