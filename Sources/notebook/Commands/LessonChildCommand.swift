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
    /// The parent's process id, given by the parent: read here, a parent that died
    /// before this process got going would already have been replaced by its adopter.
    @Option var parent: Int32?

    func run() throws {
        // The parent ignores SIGINT and its kin while its lessons run (it stops them
        // itself), and an ignored signal stays ignored across exec unless the spawner
        // resets it: make sure a Ctrl-C, a kill or the parent's interrupt ends this
        // lesson. SIGHUP keeps what it had: under nohup, ignored.
        for number in [SIGINT, SIGTERM, SIGQUIT] { signal(number, SIG_DFL) }
        Self.exitWhenOrphaned(parent: parent ?? getppid())
        guard let entry = LessonRegistry.lesson(named: lesson) else { throw ValidationError("no lesson named '\(lesson)'") }
        let options = ExecutionOptions(parameters: try ParameterAssignments.parse(parameters), until: until, useCache: !noCache,
                                       cacheRoot: URL(fileURLWithPath: cacheDir, isDirectory: true), version: ProjectVersion.string)
        let status = LessonChild.run(entry, options: options, eventsURL: URL(fileURLWithPath: events),
                                     captureURL: URL(fileURLWithPath: capture))
        if status != 0 { throw ExitCode(status) }
    }

    /// Ends this process soon after its parent dies (killed with SIGKILL, say, which it
    /// cannot pass on): a lesson left running would hold its cache locks and a processor
    /// with no one to read its results. An orphan is adopted by another process, so its
    /// parent's id changes; checked five times a second, which costs nothing measurable.
    private static func exitWhenOrphaned(parent: pid_t) {
        if getppid() != parent { _exit(128 + SIGHUP) }
        Thread.detachNewThread {
            while getppid() == parent { usleep(200_000) }
            _exit(128 + SIGHUP)
        }
    }
}
