import Foundation
import LessonFormat
import Plots

/// What a lesson's code talks to, as `nb`: showing values, tables and plots, reading
/// parameters, caching expensive values and recording named results.
///
/// One context runs one lesson. The tangled lesson function calls `beginStep` before each
/// step's code and `endLesson` at the end; lesson authors use the rest.
public final class StepContext {
    let lesson: Lesson
    let options: ExecutionOptions
    private let emit: (ExecutionEvent) -> Void
    /// Asked before each step runs; false stops the lesson (interactive `notebook step`).
    private let gate: ((Step) -> Bool)?
    private let capture: OutputCapture?
    private let cache: ValueCache
    /// Values several lessons compute identically (the corpus features), under `values/shared/`.
    private let sharedCache: ValueCache

    private var stepIndex: Int?
    /// The index of the last step begun (running or finished).
    private var lastBegun = -1
    private var stepStart = Date()
    private var outputs: [OutputItem] = []
    private var cacheUses: [CacheUse] = []
    private var parametersRead: [String: String] = [:]
    /// The step that first cached each name in this run, by folder (`shared` or the
    /// lesson's) and name: the cache keeps one entry per name, so a second step using it
    /// would replace the first's entry on every run, and each run would compute both again.
    private var cachingStep: [String: String] = [:]
    private var stopReason: String?
    /// The running step's progress lines, closed when it ends.
    private var progresses: [StepProgress] = []

    init(lesson: Lesson, options: ExecutionOptions, capture: OutputCapture?,
         gate: ((Step) -> Bool)? = nil, emit: @escaping (ExecutionEvent) -> Void) {
        self.lesson = lesson
        self.options = options
        self.capture = capture
        self.gate = gate
        self.emit = emit
        self.cache = ValueCache(root: options.cacheRoot, lesson: lesson.name, enabled: options.useCache)
        self.sharedCache = ValueCache(root: options.cacheRoot, lesson: ValueCache.sharedFolder, enabled: options.useCache)
    }

    /// The step now running.
    public var currentStep: String? { stepIndex.map { lesson.steps[$0].id } }

    // MARK: Showing

    /// Shows a value under the step: text as is, numbers and arrays of numbers compactly,
    /// tables as aligned columns, `Showable` values as they choose, anything else by its
    /// `description` (a model's summary).
    public func show(_ value: Any) {
        collectText()
        if let showable = value as? Showable {
            switch showable.notebookOutput {
            case .text(let text): add(.value(text: text, type: typeName(value)))
            case .table(let table): add(.table(table))
            }
        } else {
            add(.value(text: ValueFormatter.text(value), type: typeName(value)))
        }
    }

    private func add(_ item: OutputItem) {
        outputs.append(item)
        // Announced at once, so a live display can put it in order with the printed text.
        emit(.shown(item, captureOffset: capture?.offset ?? 0))
    }

    /// Shows a table with a header row.
    public func show(headers: [String], rows: [[Any]]) {
        show(Table(headers: headers, rows: rows))
    }

    /// Shows a plot: ASCII in a terminal, SVG in the lesson's page.
    public func plot(_ plot: Plot) {
        collectText()
        add(.plot(plot))
    }

    private func typeName(_ value: Any) -> String { String(describing: type(of: value)) }

    // MARK: Progress

    /// Progress through `total` items of the running step, which a terminal shows while
    /// the step runs (`notebook run`, `test` and `step`): call `advance()` on the result
    /// as each item is done, from any thread. Worth it for a step that takes more than a
    /// few seconds with nothing printed; it adds nothing to the step's output. In
    /// `notebook step` the step's own text is printed over the line: while it is drawn,
    /// print nothing shorter than it, or its tail stays on screen.
    public func progress(total: Int, unit: String) -> StepProgress {
        let progress = StepProgress(step: currentStep ?? lesson.name, total: total, unit: unit, emit: emit)
        progresses.append(progress)
        return progress
    }

    /// Closes the running step's progress, before its `stepFinished` goes out.
    private func closeProgress() {
        for progress in progresses { progress.close() }
        progresses = []
    }

    // MARK: Parameters

    /// The value of parameter `name`: from `--param name=VALUE` when given, else `default`.
    /// Throws when the given text is not a value of the default's type.
    public func param<T: ParameterValue>(_ name: String, default defaultValue: T) throws -> T {
        var value = defaultValue
        if let text = options.parameters[name] {
            guard let parsed = T(parameterText: text) else {
                throw ParameterError(name: name, text: text, expectedType: String(describing: T.self))
            }
            value = parsed
        }
        parametersRead[name] = value.parameterText
        emit(.parameter(name: name, value: value.parameterText))
        return value
    }

    /// `param(name, default:)` for a value that must be at least `range`'s lower bound
    /// (`--param epochs=0` would train nothing and report a loss of nan).
    public func param<T: ParameterValue & Comparable>(_ name: String, default defaultValue: T, in range: PartialRangeFrom<T>) throws -> T {
        let value = try param(name, default: defaultValue)
        guard range.contains(value) else {
            throw ParameterError(name: name, text: value.parameterText, expectedType: String(describing: T.self),
                                 allowed: "at least \(range.lowerBound.parameterText)", given: options.parameters[name] != nil)
        }
        return value
    }

    // MARK: Cached values

    /// A value from the cache, or computed by `compute` and stored there.
    ///
    /// The entry is keyed on this step's source text, the contents of `inputs` (files or
    /// folders), the parameters read so far and the project version: changing any of them
    /// recomputes the value; editing the lesson's prose does not.
    ///
    /// With `shared`, the entry is kept outside the lesson's own folder, so every lesson
    /// whose step has the same source text (and reads the same parameters first) finds it:
    /// the corpus features are computed once for all lessons.
    public func cached<T: CacheStorable>(_ name: String, shared: Bool = false, inputs: [URL] = [], _ compute: () throws -> T) throws -> T {
        try cachedValue(name, shared: shared, inputs: inputs, compute)
    }

    /// A Codable value from the cache (stored as JSON), or computed and stored.
    public func cached<T: Codable>(_ name: String, shared: Bool = false, inputs: [URL] = [], _ compute: () throws -> T) throws -> T {
        try cachedValue(name, shared: shared, inputs: inputs) { JSONStored(value: try compute()) }.value
    }

    /// A value that is both: stored in its own format (`.npy`), not as JSON.
    public func cached<T: CacheStorable & Codable>(_ name: String, shared: Bool = false, inputs: [URL] = [], _ compute: () throws -> T) throws -> T {
        try cachedValue(name, shared: shared, inputs: inputs, compute)
    }

    private func cachedValue<T: CacheStorable>(_ name: String, shared: Bool, inputs: [URL], _ compute: () throws -> T) throws -> T {
        let cache = shared ? sharedCache : self.cache
        let step = stepIndex.map { lesson.steps[$0] }
        // One entry per name is the cache's design (`predict --lesson` finds a model by
        // its name), so the second step is the lesson's mistake, said before it computes.
        let entry = "\(cache.directory.lastPathComponent)/\(name)", stepID = step?.id ?? ""
        if let first = cachingStep[entry], first != stepID {
            throw CacheError.nameReused(name: name, firstStep: first, step: stepID)
        }
        cachingStep[entry] = stepID
        let key = try ValueCache.key(name: name, stepSource: step?.code ?? "", inputs: inputs,
                                     parameters: parametersRead, version: options.version)
        return try cache.withLock(name: name, waiting: { emit($0 ? .waiting(entry: name) : .resumed) }) {
            let file = cache.relativePath(name: name, key: key, fileExtension: T.cacheFileExtension)
            let lookup = try cache.lookup(T.self, name: name, key: key)
            if let value = lookup.value {
                cacheUses.append(CacheUse(name: name, hit: true, file: file))
                return value
            }
            let value = try compute()
            // A value that took minutes to compute is not thrown away because the disk
            // could not keep it (full, not writable): the step goes on with it, and its
            // report says why. A value that cannot be encoded is the lesson's mistake and
            // still fails the step.
            var notStored: String?
            do { try cache.store(value, name: name, key: key) } catch let error as CacheError { notStored = "\(error)" }
            cacheUses.append(CacheUse(name: name, hit: false, file: file,
                                      entryNotUsed: lookup.unusableReason, notStored: notStored))
            return value
        }
    }

    // MARK: Results

    /// Records a named result (accuracy, UAR) for reports and the site's index.
    public func result(_ name: String, _ value: Double) {
        emit(.result(NamedResult(name: name, value: .number(value), step: currentStep ?? "")))
    }

    /// Records a named result given as text.
    public func result(_ name: String, _ value: String) {
        emit(.result(NamedResult(name: name, value: .text(value), step: currentStep ?? "")))
    }

    // MARK: Driven by the tangled code

    /// Called by the tangled lesson before each step's code: ends the previous step, then
    /// stops (after `--until`, or when told to by `notebook step`) or starts step `id`.
    public func beginStep(_ id: String) throws {
        finishStep()
        let next = lastBegun + 1
        if let until = options.until, next > 0, lesson.steps[next - 1].id == until {
            stopReason = "not run: stopped after --until \(until)"
            throw StopLesson()
        }
        guard next < lesson.steps.count, lesson.steps[next].id == id else {
            throw LessonMismatch(expected: next < lesson.steps.count ? lesson.steps[next].id : nil, found: id)
        }
        if let gate, !gate(lesson.steps[next]) {
            stopReason = "not run: stopped by the reader"
            throw StopLesson()
        }
        _ = capture?.drain()  // anything printed between steps belongs to no step
        stepIndex = next
        lastBegun = next
        outputs = []
        cacheUses = []
        emit(.stepStarted(id: id, captureOffset: capture?.offset ?? 0))
        stepStart = Date()
    }

    /// Called by the tangled lesson after the last step.
    public func endLesson() throws {
        finishStep()
    }

    /// After the lesson's code returned: every step of the Markdown must have begun. A
    /// `return` at the top level of a step leaves the whole lesson, and a lesson module
    /// out of step with its text never begins some steps; a run that skipped them must
    /// not pass.
    func requireEveryStepBegan() throws {
        finishStep()
        guard lastBegun + 1 >= lesson.steps.count else {
            throw LessonMismatch(expected: lesson.steps[lastBegun + 1].id, found: nil)
        }
    }

    /// Why the lesson stopped early, if it did (for skipped steps).
    var skipReason: String? { stopReason }

    /// Ends the running step as ok.
    private func finishStep() {
        guard let index = stepIndex else { return }
        let report = report(for: index, status: .ok, error: nil)
        closeProgress()
        emit(.stepFinished(report, captureOffset: capture?.offset ?? 0))
        stepIndex = nil
    }

    /// Ends the running step as failed with `error` (or, between steps, the next one).
    func failStep(_ error: Error) {
        if stepIndex == nil, lastBegun + 1 < lesson.steps.count {
            lastBegun += 1
            stepIndex = lastBegun
            outputs = []
        }
        guard let index = stepIndex else { return }
        let step = lesson.steps[index]
        let failure = StepError(message: String(describing: error), location: lesson.location(line: step.codeLine), crashed: false)
        let report = report(for: index, status: .failed, error: failure)
        closeProgress()
        emit(.stepFinished(report, captureOffset: capture?.offset ?? 0))
        stepIndex = nil
    }

    private func report(for index: Int, status: StepStatus, error: StepError?) -> StepReport {
        collectText()
        let step = lesson.steps[index]
        return StepReport(id: step.id, title: step.title, line: step.fenceLine, status: status,
                          duration: Date().timeIntervalSince(stepStart), outputs: outputs, error: error, cache: cacheUses)
    }

    /// Moves what was printed since the last item into the outputs, in order.
    private func collectText() {
        guard let capture else { return }
        let text = capture.drain()
        guard !text.isEmpty else { return }
        if case .text(let previous)? = outputs.last {
            outputs[outputs.count - 1] = .text(previous + text)
        } else {
            outputs.append(.text(text))
        }
    }
}

/// Thrown by `beginStep` to stop a lesson early; not a failure.
struct StopLesson: Error {}

/// The compiled lesson and its Markdown disagree (a tangler bug, never a lesson's).
struct LessonMismatch: Error, CustomStringConvertible {
    var expected: String?
    var found: String?
    var description: String {
        guard let found else {
            return "the lesson's code ended before step '\(expected ?? "?")': a `return` at the top level of a step "
                + "ends the whole lesson (or the lesson module is out of date: rebuild)"
        }
        return "tangled code began step '\(found)' where the lesson has \(expected.map { "'\($0)'" } ?? "no more steps")"
    }
}
