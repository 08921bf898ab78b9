import ArgumentParser
import Foundation
import Notebook

/// `notebook run`: runs lessons step by step, each in its own process, and reports every step.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run lessons and report each step's status, time and output.",
        usage: UsageText.wrapped(["notebook run", "[<lessons> ...]", "[--all]", "[--until <step>]", "[--param <name=value> ...]",
                                  "[--no-cache]", "[--cache-dir <dir>]", "[--data <DIR>]", "[--jobs <n>]",
                                  "[--step-timeout <seconds>]", "[--json <file>]", "[--quiet]"]),
        discussion: """
            Each lesson runs in a child process, so a crash fails that lesson's step and the \
            other lessons still run. The last run of each lesson is kept in .cache/runs/NAME.json. \
            Exits with status 1 if any step failed or a run could not be stored.
            """
    )

    @Argument(help: "Lessons to run (names as in `notebook list`).")
    var lessons: [String] = []

    @Flag(help: "Run every lesson.")
    var all = false

    @Option(help: ArgumentHelp("Stop after this step (one lesson only).", valueName: "step"))
    var until: String?

    @OptionGroup var runOptions: LessonRunOptions
    @OptionGroup var jobsOption: LessonJobsOption
    @OptionGroup var timeoutOption: StepTimeoutOption

    @Option(help: ArgumentHelp("Write the machine-readable report (a JSON list of lesson reports).", valueName: "file"))
    var json: String?

    @Flag(help: "Show only each step's status, not its output.")
    var quiet = false

    func validate() throws {
        if lessons.isEmpty && !all { throw ValidationError("name the lessons to run, or use --all") }
        if !lessons.isEmpty && all { throw ValidationError("name lessons or use --all, not both") }
        if until != nil && lessons.count != 1 { throw ValidationError("--until needs exactly one lesson") }
    }

    func run() throws {
        let entries = try LessonSelection.entries(named: lessons, all: all)
        try OutputPaths.check([("--json", json)], inputs: try LessonSelection.lessonFiles(entries),
                              protected: [("the cache folder", runOptions.cacheDir)])
        if let until, let lesson = try entries.first?.document(), lesson.step(until) == nil {
            throw ValidationError("lesson '\(lesson.name)' has no step '\(until)'; steps: \(lesson.steps.map(\.id).joined(separator: ", "))")
        }
        var options = try runOptions.executionOptions(for: entries, until: until)
        options.stepTimeout = timeoutOption.stepTimeout
        let results = try LessonReporting.run(entries, options: options, showOutputs: !quiet, jobs: jobsOption.jobs(default: 1))
        if let json {
            try ReportStore.encode(results.reports).write(to: URL(fileURLWithPath: json), options: .atomic)
        }
        if results.unstored > 0 || results.reports.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
    }
}
