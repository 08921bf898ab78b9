import ArgumentParser
import Foundation
import Notebook

/// Where `notebook site` and `notebook export` get the runs they render: the last stored run
/// of each lesson, running again (in child processes, with the value cache) the lessons that
/// have none or whose stored run is out of date (see `StoredRunCheck`).
struct LessonRunSourceOptions: ParsableArguments {
    /// These options as the usage line names them (`site` and `export` show it wrapped).
    static let usagePieces = ["[--rerun]", "[--no-run]", "[--param <name=value> ...]", "[--cache-dir <dir>]",
                              "[--lessons-dir <dir>]", "[--data <DIR>]"]

    @Flag(help: "Run every lesson again (with the value cache) instead of using stored runs.")
    var rerun = false

    @Flag(help: "Never run a lesson: show the stored runs as they are, out of date or missing.")
    var noRun = false

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "Set a lesson parameter for the lessons that are run, e.g. --param epochs=5 (repeatable); each page or notebook shows the parameters of its run.",
        valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The cache folder (stored runs in runs/, values in values/).", valueName: "dir"))
    var cacheDir: String = ".cache"

    @Option(name: .customLong("lessons-dir"), help: ArgumentHelp("The folder of the lesson files (their modification times say whether a stored run is out of date; site also reads its README.md) (default: lessons).", valueName: "dir"))
    var givenLessonsDir: String?

    /// For the lessons run again: without it, a corpus given to `run --data` was not
    /// found when `site` reran a lesson whose stored run was out of date.
    @OptionGroup var corpus: LessonDataOption

    /// `lessons` in the working directory unless given. Its absence is no error (run
    /// elsewhere, the compiled lessons are used as they are); a folder given that is not
    /// there is, or a typo would silently drop the README and the staleness checks.
    var lessonsDir: String { givenLessonsDir ?? "lessons" }

    func validate() throws {
        if rerun && noRun { throw ValidationError("use --rerun or --no-run, not both") }
        try LessonSelection.validateParameterSyntax(parameters)
        var isDirectory: ObjCBool = false
        if let givenLessonsDir,
           !FileManager.default.fileExists(atPath: givenLessonsDir, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("--lessons-dir \(givenLessonsDir) is not a folder; give the folder of the lesson files")
        }
    }

    /// The lessons with the runs to show, in the order given.
    func runs(for entries: [LessonEntry]) throws -> [RenderedLesson] {
        let options = ExecutionOptions(parameters: try LessonSelection.checkedParameters(parameters, for: entries),
                                       cacheRoot: LessonSelection.cacheRoot(cacheDir), version: ProjectVersion.string)
        var stored: [String: LessonReport] = [:]
        var toRun: [LessonEntry] = []
        for entry in entries {
            let lesson = try entry.document()
            let report: LessonReport?
            do {
                report = try ReportStore.load(entry.name, cacheRoot: options.cacheRoot)
            } catch {
                print("\(error); running \(entry.name) again")
                report = nil
            }
            let file = URL(fileURLWithPath: lessonsDir).appendingPathComponent("\(entry.name).md")
            let reason: String?
            // A --param the stored run did not run with: the page would show other figures.
            let types = lesson.parameterTypeNames
            let differing = options.parameters.filter { name, value in
                // Runs record the parsed value (`scale=2` as 2.0), so compare it that way.
                lesson.parameterNames.contains(name)
                    && (types[name].flatMap { ParameterTypes.recorded(value, typeNamed: $0) } ?? value) != report?.parameters[name]
            }.keys.sorted()
            if rerun {
                reason = "--rerun"
            } else if let report, !differing.isEmpty {
                reason = "its stored run was made with other parameters ("
                    + differing.map { "\($0)=\(report.parameters[$0] ?? "its default")" }.joined(separator: ", ") + ")"
            } else if let report {
                reason = StoredRunCheck.staleness(of: report, for: lesson, version: ProjectVersion.string,
                                                  lessonFile: FileManager.default.fileExists(atPath: file.path) ? file : nil)
            } else {
                reason = "it has no stored run"
            }
            if let report { stored[entry.name] = report }
            guard let reason else { continue }
            if noRun {
                print("\(entry.name): \(report == nil ? "no stored run, so it is shown without outputs" : "showing an out-of-date run: \(reason)")")
            } else {
                print("\(entry.name): running, because \(reason)")
                toRun.append(entry)
            }
        }
        if !toRun.isEmpty {
            // Only now: showing stored runs (--no-run) needs no writable cache.
            try OutputPaths.checkFolder("--cache-dir", cacheDir)
            corpus.handToLessons()
            // Prints each step as it finishes and stores the new runs in .cache/runs. A run
            // that cannot be stored is said on stderr; its page is made from it all the same.
            let results: LessonRunResults
            do {
                results = try LessonReporting.run(toRun, options: options, showOutputs: false)
            } catch let interrupted as ExitCode {
                FileHandle.standardError.write(Data("Nothing was written to the output folder: it is made once every lesson has its run. The runs that finished are stored.\n".utf8))
                throw interrupted
            }
            for report in results.reports { stored[report.lesson] = report }
        }
        return try entries.map { RenderedLesson(lesson: try $0.document(), report: stored[$0.name]) }
    }

    /// The Markdown of the lessons' README, if present.
    func introduction() -> String? {
        try? String(contentsOf: URL(fileURLWithPath: lessonsDir).appendingPathComponent("README.md"), encoding: .utf8)
    }
}
