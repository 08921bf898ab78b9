import ArgumentParser
import Foundation
import LessonFormat
import Notebook

/// `notebook test`: runs lessons and checks each step's output against its expected block.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run lessons and check their outputs against the expected blocks.",
        usage: UsageText.wrapped(["notebook test", "[<lessons> ...]", "[--all]", "[--update]", "[--force]", "[--junit <file>]",
                                  "[--lessons-dir <dir>]", "[--param <name=value> ...]", "[--no-cache]",
                                  "[--cache-dir <dir>]", "[--data <DIR>]", "[--jobs <n>]", "[--step-timeout <seconds>]"]),
        discussion: """
            Numbers are compared with the block's tolerance (rtol=, atol=) or a number's own \
            (0.93 ± 0.03); a line `...` matches any lines. Ends with the line `N passed, N failed` \
            (lessons) and exits with status 1 if any lesson failed or a run could not be stored. \
            With --update, the lesson files are rewritten once every lesson has run (an \
            interrupted run changes none), and the status is 1 only if a step failed (a failed \
            step's output cannot be recorded) or a run could not be stored.
            """
    )

    @Argument(help: "Lessons to test (default: all).")
    var lessons: [String] = []

    @Flag(help: "Test every lesson (the default when none is named).")
    var all = false

    @Flag(help: "Rewrite the expected blocks that do not match from the actual output, keeping tolerances.")
    var update = false

    @Flag(help: "With --update and --param: write the expected blocks from that run anyway (they then hold its figures, not the defaults').")
    var force = false

    @Option(help: ArgumentHelp("Write a JUnit XML report.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("The folder holding the lesson files, for --update.", valueName: "dir"))
    var lessonsDir: String = "lessons"

    @OptionGroup var runOptions: LessonRunOptions
    @OptionGroup var jobsOption: LessonJobsOption
    @OptionGroup var timeoutOption: StepTimeoutOption

    func validate() throws {
        if all && !lessons.isEmpty { throw ValidationError("name lessons or use --all, not both") }
        if force && !update { throw ValidationError("--force goes with --update") }
    }

    func run() throws {
        if update && !runOptions.parameters.isEmpty && !force {
            // The expected blocks hold what the lessons print with their own parameters.
            throw CommandFailure("--update writes the expected blocks from a run with the lessons' own parameters; "
                                 + "drop --param (or add --force to write that run's figures)")
        }
        let entries = try LessonSelection.entries(named: lessons, all: true)
        if update {
            // The files --update rewrites must be there before the lessons run.
            for entry in entries where !FileManager.default.fileExists(atPath: lessonFile(entry).path) {
                throw CommandFailure("--update: \(lessonFile(entry).path) does not exist; give --lessons-dir the folder of the lesson files")
            }
        }
        try OutputPaths.check([("--junit", junit)],
                              inputs: try LessonSelection.lessonFiles(entries) + entries.map { ("a lesson file", lessonFile($0).path) },
                              protected: [("the cache folder", runOptions.cacheDir)])
        var options = try runOptions.executionOptions(for: entries)
        options.stepTimeout = timeoutOption.stepTimeout
        let results: LessonRunResults
        do {
            results = try LessonReporting.run(entries, options: options, showOutputs: false, checkExpected: true,
                                              jobs: jobsOption.jobs(default: LessonJobsOption.perCore))
        } catch let interrupted as ExitCode where update {
            FileHandle.standardError.write(Data("--update: no lesson file was changed.\n".utf8))
            throw interrupted
        }
        var checks: [LessonCheck] = []
        var failedSteps = false
        var updatedFiles = 0
        for (entry, report) in zip(entries, results.reports) {
            let check = LessonCheck(lesson: try entry.document(), report: report)
            checks.append(check)
            for message in check.failureMessages { print(message) }
            if report.steps.contains(where: { $0.status == .failed }) { failedSteps = true }
            if update, !check.updates.isEmpty {
                try rewrite(entry, check)
                updatedFiles += 1
            }
        }
        if let junit {
            try Data(JUnitReport.xml(checks).utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
        }
        let passed = checks.filter(\.passed).count
        var summary = TerminalReport.summary(passed: passed, failed: checks.count - passed)
        if update {
            summary += updatedFiles == 0 ? "; no lesson file needed updating"
                : "; \(updatedFiles) lesson file(s) updated" + (failedSteps ? "" : ", so their differences are now expected")
        }
        print(summary)
        // A run that could not be stored was said on stderr; it fails the command as in `run`.
        if results.unstored > 0 || (update ? failedSteps : passed < checks.count) { throw ExitCode(1) }
    }

    /// The lesson's Markdown file under `--lessons-dir`, which `--update` rewrites.
    private func lessonFile(_ entry: LessonEntry) -> URL {
        URL(fileURLWithPath: lessonsDir).appendingPathComponent("\(entry.name).md")
    }

    /// Rewrites the lesson file's failing expected blocks, if the file is the one compiled.
    private func rewrite(_ entry: LessonEntry, _ check: LessonCheck) throws {
        let url = lessonFile(entry)
        let bytes = try Data(contentsOf: url)
        // Read as the tangler read it, without an editor's byte order mark; the file keeps it.
        let hasByteOrderMark = bytes.starts(with: Lesson.byteOrderMark)
        let onDisk = try Lesson.text(of: bytes, path: url.path)
        // The compiled Markdown has LF line ends (Lesson.parse makes them so); the file
        // keeps the ones it has.
        let source = Lesson.normalizingLineEnds(onDisk)
        guard source == entry.markdown else {
            throw ValidationError("\(url.path) changed since it was compiled; build (swift build) and run again before --update")
        }
        var rewritten = ExpectedBlockUpdater.rewrite(source, replacing: check.updates)
        if onDisk.contains("\r\n") { rewritten = rewritten.replacingOccurrences(of: "\n", with: "\r\n") }
        try ((hasByteOrderMark ? Lesson.byteOrderMark : Data()) + Data(rewritten.utf8)).write(to: url, options: .atomic)
        print("updated \(url.path): \(check.updates.count) expected block(s) rewritten; build and test again")
    }
}
