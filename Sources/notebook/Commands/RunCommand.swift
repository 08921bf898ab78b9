import ArgumentParser
import Foundation
import Notebook

/// `notebook run`: runs lessons step by step, each in its own process, and reports every step.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run lessons and report each step's status, time and output.",
        discussion: """
            Each lesson runs in a child process, so a crash fails that lesson's step and the \
            other lessons still run. The last run of each lesson is kept in .cache/runs/NAME.json. \
            Exits with status 1 if any step failed.
            """
    )

    @Argument(help: "Lessons to run (names as in `notebook list`).")
    var lessons: [String] = []

    @Flag(help: "Run every lesson.")
    var all = false

    @Option(help: ArgumentHelp("Stop after this step (one lesson only).", valueName: "step"))
    var until: String?

    @OptionGroup var runOptions: LessonRunOptions

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
        if let until, let lesson = try entries.first?.document(), lesson.step(until) == nil {
            throw ValidationError("lesson '\(lesson.name)' has no step '\(until)'; steps: \(lesson.steps.map(\.id).joined(separator: ", "))")
        }
        let options = try runOptions.executionOptions(until: until)
        let reports = try LessonReporting.run(entries, options: options, showOutputs: !quiet)
        if let json {
            try ReportStore.encode(reports).write(to: URL(fileURLWithPath: json), options: .atomic)
        }
        if reports.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
    }
}

/// Runs lessons in child processes, printing each step as it finishes.
enum LessonReporting {
    static func run(_ entries: [LessonEntry], options: ExecutionOptions, showOutputs: Bool) throws -> [LessonReport] {
        let style = TerminalStyle.forStandardOutput()
        let runner = LessonRunner(executable: LessonRunner.currentExecutable(), options: options)
        var reports: [LessonReport] = []
        for entry in entries {
            let lesson = try entry.document()
            print(TerminalReport.header(lesson, style: style), terminator: "")
            var printed = Set<String>()
            // With outputs, each step's text and shown items appear live under a "▸ step" line,
            // then its status line; otherwise just the status lines.
            let report = try runner.run(entry, onEvent: { event in
                switch event {
                case .stepStarted(let id, _) where showOutputs:
                    print(TerminalReport.running(id, style: style), terminator: "")
                case .shown(let item, _) where showOutputs:
                    print(TerminalReport.outputs([item], indent: "      ", style: style), terminator: "")
                case .stepFinished(let step, _):
                    print(TerminalReport.step(step, style: style, showOutputs: false), terminator: "")
                    printed.insert(step.id)
                default:
                    break
                }
                fflush(stdout)
            }, onText: { text in
                guard showOutputs, !text.isEmpty else { return }
                print(TerminalReport.outputs([.text(text)], indent: "      ", style: style), terminator: "")
                fflush(stdout)
            })
            for step in report.steps where !printed.contains(step.id) {
                print(TerminalReport.step(step, style: style, showOutputs: false), terminator: "")
            }
            try? ReportStore.save(report, cacheRoot: options.cacheRoot)
            reports.append(report)
        }
        return reports
    }
}
