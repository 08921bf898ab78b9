import Foundation
import LessonFormat
import Plots

/// What one run of one lesson produced: every step's status, duration, outputs and error,
/// and the lesson's named results. `notebook run --json` writes a list of these; the last
/// run of each lesson is kept in `.cache/runs/NAME.json` for renderers (site, notebooks).
public struct LessonReport: Codable, Equatable, Sendable {
    /// The lesson's name, e.g. `sd_fc`.
    public var lesson: String
    /// The lesson file, e.g. `lessons/sd_fc.md`.
    public var path: String
    /// The lesson's title (its first level-1 heading).
    public var title: String?
    /// When the run started (ISO 8601 in JSON).
    public var startedAt: Date
    /// Wall time of the whole lesson, seconds.
    public var duration: Double
    /// The parameters the lesson read, with the values used (defaults included).
    public var parameters: [String: String]
    /// Every step of the lesson in order, including those that did not run.
    public var steps: [StepReport]
    /// Named results (`nb.result`) in the order they were recorded.
    public var results: [NamedResult]
    /// Project version the lesson ran with.
    public var version: String
    /// The parameters among `parameters` that were set with `--param` (the rest had their
    /// defaults), sorted; nil in runs stored before this was recorded. Pages say so: a
    /// run of `--param epochs=3` is not the lesson's result.
    public var givenParameters: [String]?

    public init(lesson: String, path: String, title: String?, startedAt: Date, duration: Double,
                parameters: [String: String], steps: [StepReport], results: [NamedResult], version: String,
                givenParameters: [String]? = nil) {
        self.lesson = lesson
        self.path = path
        self.title = title
        self.startedAt = startedAt
        self.duration = duration
        self.parameters = parameters
        self.steps = steps
        self.results = results
        self.version = version
        self.givenParameters = givenParameters
    }

    /// The parameters set with `--param`, as `name = value`, if any.
    public var givenParameterList: [String] {
        (givenParameters ?? []).compactMap { name in parameters[name].map { "\(name) = \($0)" } }
    }

    /// Whether no step failed.
    public var succeeded: Bool { !steps.contains { $0.status == .failed } }
}

/// One step's outcome.
public struct StepReport: Codable, Equatable, Sendable {
    public var id: String
    /// The nearest heading above the step.
    public var title: String?
    /// The line of the step's opening fence in the lesson file.
    public var line: Int
    public var status: StepStatus
    /// Why a skipped step did not run (an earlier failure, `--until`).
    public var skipReason: String?
    /// Wall time, seconds (0 for skipped steps).
    public var duration: Double
    /// What the step printed and showed, in order.
    public var outputs: [OutputItem]
    /// The error of a failed step.
    public var error: StepError?
    /// Cached values the step asked for, and whether each came from the cache.
    public var cache: [CacheUse]

    public init(id: String, title: String?, line: Int, status: StepStatus, skipReason: String? = nil,
                duration: Double = 0, outputs: [OutputItem] = [], error: StepError? = nil, cache: [CacheUse] = []) {
        self.id = id
        self.title = title
        self.line = line
        self.status = status
        self.skipReason = skipReason
        self.duration = duration
        self.outputs = outputs
        self.error = error
        self.cache = cache
    }

    /// The output as text, as an expected block is compared with it: printed text and
    /// shown values and tables, in order; plots are left out (they are checked by eye).
    /// Text written for a terminal counts as the terminal last showed it, as on the
    /// lesson's page: a line redrawn with carriage returns (a progress bar) as its final
    /// state, colours left out. Raw, no block could match it (a lesson cannot hold ESC,
    /// and Markdown reads a lone CR as a line end), and `--update` wrote those characters
    /// into the lesson, which then failed to build.
    public var checkedText: String {
        TerminalText.cleaned(outputs.map(\.checkedText).joined())
    }
}

/// How a step ended.
public enum StepStatus: String, Codable, Equatable, Sendable {
    case ok, failed, skipped
}

/// Why a step failed, and where.
public struct StepError: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The error's text (`String(describing:)` of a thrown error, or the crash message).
    public var message: String
    /// Where: the lesson line of a `fatalError` or a crash frame when known, else the step's first line.
    public var location: SourceLocation
    /// The step crashed the lesson's process (trap, fatal error) rather than throwing.
    public var crashed: Bool
    /// More text: the crash report, trimmed.
    public var details: String?

    public init(message: String, location: SourceLocation, crashed: Bool, details: String? = nil) {
        self.message = message
        self.location = location
        self.crashed = crashed
        self.details = details
    }

    public var description: String { "\(location): error: \(message)" }
}

/// A cached value a step used.
public struct CacheUse: Codable, Equatable, Sendable {
    public var name: String
    /// True when the value was loaded from `.cache/`, false when it was computed.
    public var hit: Bool
    /// The entry's file, relative to the cache folder (`values/sd_fc/trained-….npz`), so
    /// that a command can use what a run computed (`notebook predict --lesson`). Absent
    /// in runs stored before it was recorded.
    public var file: String?
    /// Why the entry the cache held was not used (cut short, damaged, unreadable, of
    /// another type), so the value was computed again and replaced. Absent when there was
    /// no entry or it was used, and in runs stored before it was recorded.
    public var entryNotUsed: String?
    /// Why a computed value could not be stored (a full disk, a folder it may not write
    /// in): the step kept the value and went on, and the next run computes it again.
    /// `file` is then where it would have been.
    /// Absent when it was stored or loaded, and in runs stored before it was recorded.
    public var notStored: String?

    public init(name: String, hit: Bool, file: String? = nil, entryNotUsed: String? = nil, notStored: String? = nil) {
        self.name = name
        self.hit = hit
        self.file = file
        self.entryNotUsed = entryNotUsed
        self.notStored = notStored
    }
}

/// One thing a step produced.
public enum OutputItem: Codable, Equatable, Sendable {
    /// Text the step printed (stdout and stderr, in order).
    case text(String)
    /// A value passed to `show`, as text, with its Swift type name.
    case value(text: String, type: String)
    /// A table passed to `show`.
    case table(Table)
    /// A plot passed to `plot`.
    case plot(Plot)

    /// This item's contribution to the text checked against an expected block.
    public var checkedText: String {
        switch self {
        case .text(let text): return text
        case .value(let text, _): return text.hasSuffix("\n") ? text : text + "\n"
        case .table(let table): return table.rendered()
        case .plot: return ""
        }
    }
}

/// A named result of a lesson (`nb.result("accuracy", 0.93)`), for the site's index and reports.
public struct NamedResult: Codable, Equatable, Sendable {
    public var name: String
    public var value: ResultValue
    /// The step that recorded it.
    public var step: String

    public init(name: String, value: ResultValue, step: String) {
        self.name = name
        self.value = value
        self.step = step
    }
}

/// A named result's value.
public enum ResultValue: Codable, Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public var description: String {
        switch self {
        case .number(let value): return ValueFormatter.number(value)
        case .text(let text): return text
        }
    }
}
