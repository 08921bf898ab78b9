import ArgumentParser
import Foundation
import Lessons
import Notebook
import SongEmotion

/// The lessons a command acts on: those named, or all of them.
enum LessonSelection {
    /// Each lesson once, in the order first named: `run demo demo --jobs 2` would run two
    /// copies at once, both storing runs/demo.json, and `test demo demo` count it twice.
    static func entries(named names: [String], all: Bool) throws -> [LessonEntry] {
        if names.isEmpty { return LessonRegistry.all }
        var entries: [LessonEntry] = []
        for name in names {
            let bare = name.hasSuffix(".md") ? String(name.split(separator: "/").last!.dropLast(3)) : name
            guard let entry = LessonRegistry.lesson(named: bare) else { throw unknownLesson(name) }
            if !entries.contains(where: { $0.name == entry.name }) { entries.append(entry) }
        }
        return entries
    }

    /// The lessons' Markdown files as their documents name them (`lessons/demo.md`, from
    /// the working directory), as inputs no output may overwrite.
    static func lessonFiles(_ entries: [LessonEntry]) throws -> [(what: String, path: String)] {
        try entries.map { ("a lesson file", try $0.document().path) }
    }

    /// The error for a name that is not a lesson, listing the lessons (and any `extra`
    /// names the command also takes).
    static func unknownLesson(_ name: String, extra: [String] = []) -> ValidationError {
        let known = (LessonRegistry.all.map(\.name) + extra).joined(separator: ", ")
        return ValidationError("no lesson named '\(name)'; lessons: \(known)")
    }

    static func entriesOrEmpty() -> [LessonEntry] { LessonRegistry.all }

    /// Refuses `--param` items that are not NAME=VALUE, or that give one name two values,
    /// as a command line that does not parse (status 64, with the usage): the options'
    /// `validate()`, before the lessons are known (`checkedParameters` checks the rest).
    static func validateParameterSyntax(_ items: [String]) throws {
        do { _ = try ParameterAssignments.parse(items) } catch { throw ValidationError("\(error)") }
    }

    /// `--param` assignments, refusing a name that none of `entries` reads (a typo such as
    /// `epoch=2` would otherwise run the full 100 epochs with the default).
    static func checkedParameters(_ items: [String], for entries: [LessonEntry]) throws -> [String: String] {
        let assignments = try ParameterAssignments.parse(items)
        let lessons = try entries.map { try $0.document() }
        let read = lessons.reduce(into: Set<String>()) { $0.formUnion($1.parameterNames) }
        for name in assignments.keys.sorted() where !read.contains(name) {
            let names = entries.map(\.name).joined(separator: ", ")
            throw CommandFailure("--param \(name): \(entries.count == 1 ? "lesson" : "no lesson of") \(names) "
                                 + "\(entries.count == 1 ? "does not read" : "reads") it; "
                                 + (read.isEmpty ? "there are no parameters" : "parameters: \(read.sorted().joined(separator: ", "))"))
        }
        // A value of the wrong type, or below the bound of `in: 1...`, would fail only in
        // the step that reads it, after the steps before it ran: refuse it now where the
        // lesson's code gives the type and the bound.
        for lesson in lessons {
            let types = lesson.parameterTypeNames
            let bounds = lesson.parameterLowerBounds
            for (name, value) in assignments.sorted(by: { $0.key < $1.key }) {
                guard let type = types[name] else { continue }
                if ParameterTypes.accepts(value, typeNamed: type) == false {
                    throw CommandFailure("--param \(name)=\(value): lesson \(lesson.name) reads \(name) as \(type), "
                                         + "and '\(value)' is not one")
                }
                if let bound = bounds[name], ParameterTypes.isBelow(value, bound: bound, typeNamed: type) == true {
                    throw CommandFailure("--param \(name)=\(value): lesson \(lesson.name) needs \(name) to be at least \(bound)")
                }
            }
        }
        return assignments
    }

    static func cacheRoot(_ path: String?) -> URL {
        URL(fileURLWithPath: path ?? ".cache", isDirectory: true)
    }
}

/// Options shared by `run`, `test` and `step`.
struct LessonRunOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Set a lesson parameter, e.g. --param epochs=5 (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Recompute cached values instead of loading them (they are stored again).")
    var noCache = false

    @Option(help: ArgumentHelp("The cache folder.", valueName: "dir"))
    var cacheDir: String = ".cache"

    @OptionGroup var corpus: LessonDataOption
    var data: String? { corpus.data }

    func validate() throws { try LessonSelection.validateParameterSyntax(parameters) }

    /// The options for running `entries`, their `--param`s checked (`checkedParameters`)
    /// and the cache folder found writable (or creatable): a read-only cache would
    /// otherwise fail the first step that caches a value, blamed on the lesson.
    /// A `--data` folder is handed to the lessons from here on.
    func executionOptions(for entries: [LessonEntry], until: String? = nil) throws -> ExecutionOptions {
        try OutputPaths.checkFolder("--cache-dir", cacheDir)
        corpus.handToLessons()
        return ExecutionOptions(parameters: try LessonSelection.checkedParameters(parameters, for: entries), until: until,
                         useCache: !noCache, cacheRoot: LessonSelection.cacheRoot(cacheDir), version: ProjectVersion.string)
    }
}

/// `--data` for the commands that run lessons (`run`, `test`, `step`, and `site` and
/// `export`, which run those whose stored run is missing or out of date).
struct LessonDataOption: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Folder holding the RAVDESS song recordings, for the lessons that need them. "
        + "Default: $RAVDESS_SONG_DIR, else the cache.",
        valueName: "DIR"))
    var data: String?

    /// A lesson takes no options of its own: the folder reaches it in this process
    /// (`step`) and in the lesson processes the other commands start, which inherit the
    /// environment. Made absolute, so it does not depend on where a process runs.
    func handToLessons() {
        if let data, !data.isEmpty {
            setenv(CorpusLocator.optionVariable, URL(fileURLWithPath: data).standardizedFileURL.path, 1)
        }
    }
}

/// `--jobs` for the commands that run several lessons (`run`, `test`); `step` follows one.
/// Each command picks its own default (`jobs(default:)`): `run` is read as it goes, one
/// step after another; `test` is waited for, and on two cores two lessons at once took
/// 74-85 % of the time.
struct LessonJobsOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("""
        Lessons to run at once (default: 1 for run; for test, one per processor core). With \
        more than one, each lesson's report is printed when it ends, in order, instead of \
        step by step. On two cores, 2 ran the lessons in 74-85 % of the time they took one \
        after another (their feature extraction and training already use both cores, but \
        not all the time).
        """, valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    /// The number given, else `fallback`.
    func jobs(default fallback: Int) -> Int { jobs ?? fallback }

    /// `test`'s default: one lesson per processor core.
    static var perCore: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// `--step-timeout` for the commands that run lessons in processes of their own (`run`,
/// `test`): a hung step fails, named, instead of holding the command (and CI) for ever.
struct StepTimeoutOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("""
        Seconds one step may run; a step still running then is stopped and fails, and the \
        lesson's later steps do not run (default: no limit).
        """, valueName: "seconds"))
    var stepTimeout: Double?

    func validate() throws {
        if let stepTimeout, !(stepTimeout > 0 && stepTimeout.isFinite) {
            throw ValidationError("--step-timeout must be a positive number of seconds, got \(stepTimeout)")
        }
    }
}

extension FileHandle {
    /// Writes text to this handle (stdout in commands, so it interleaves with `print`).
    func write(text: String) {
        write(Data(text.utf8))
    }
}
