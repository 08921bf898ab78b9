import ArgumentParser
import Foundation
import Lessons
import Notebook

/// `notebook lesson-child`: the child process `notebook run`/`test` start for each lesson,
/// so a crash in a lesson ends only that lesson. Not for direct use.
struct LessonChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: LessonChild.commandName,
        abstract: "Run one lesson for a parent notebook process (internal).",
        shouldDisplay: false
    )

    @Argument var lesson: String
    @Option var events: String
    @Option var capture: String
    @Option var cacheDir: String
    @Option(name: .customLong("param")) var parameters: [String] = []
    @Option var until: String?
    @Flag var noCache = false

    func run() throws {
        // The parent ignores SIGINT while its lessons run (it stops them itself), and an
        // ignored signal stays ignored across exec unless the spawner resets it: make sure
        // a Ctrl-C or the parent's interrupt ends this lesson.
        signal(SIGINT, SIG_DFL)
        guard let entry = LessonRegistry.lesson(named: lesson) else { throw ValidationError("no lesson named '\(lesson)'") }
        let options = ExecutionOptions(parameters: try ParameterAssignments.parse(parameters), until: until, useCache: !noCache,
                                       cacheRoot: URL(fileURLWithPath: cacheDir, isDirectory: true), version: ProjectVersion.string)
        let status = LessonChild.run(entry, options: options, eventsURL: URL(fileURLWithPath: events),
                                     captureURL: URL(fileURLWithPath: capture))
        if status != 0 { throw ExitCode(status) }
    }
}
