import Foundation
import LessonFormat

/// Runs a compiled lesson in this process, reporting events as steps start and end.
/// `notebook run` does this in a child process (see `LessonRunner`); `notebook step` here.
public enum LessonExecution {
    /// Runs `entry`'s steps in order until one fails, `--until` is reached or `gate` says stop.
    ///
    /// - Parameters:
    ///   - captureURL: where stdout/stderr are captured while the lesson runs; nil leaves them alone.
    ///   - gate: asked before each step; return false to stop.
    ///   - emit: receives the events.
    public static func run(_ entry: LessonEntry, options: ExecutionOptions, captureURL: URL?,
                           gate: ((Step) -> Bool)? = nil, emit: @escaping (ExecutionEvent) -> Void) throws {
        let lesson = try entry.document()
        let capture = try captureURL.map { try OutputCapture(url: $0) }
        let nb = StepContext(lesson: lesson, options: options, capture: capture, gate: gate, emit: emit)
        do {
            try entry.body(nb)
            try nb.requireEveryStepBegan()
        } catch is StopLesson {
        } catch {
            nb.failStep(error)
        }
        capture?.stop()
        emit(.lessonFinished(stopReason: nb.skipReason))
    }
}

/// Assembles a `LessonReport` from the events of one run, filling in the steps that did not
/// run and, when the process died, the step that was running.
public struct ReportBuilder {
    let lesson: Lesson
    let startedAt: Date
    let version: String
    /// The parameters the run was given (`--param`), as opposed to their defaults.
    let given: Set<String>
    private var finished: [String: StepReport] = [:]
    private var results: [NamedResult] = []
    private var parameters: [String: String] = [:]
    private(set) var running: (id: String, captureOffset: Int)?
    private(set) var isComplete = false
    private var stopReason: String?
    /// How many events were consumed (to compare two readings of one events file).
    private(set) var eventCount = 0

    public init(lesson: Lesson, startedAt: Date = Date(), version: String, given: Set<String> = []) {
        self.lesson = lesson
        self.startedAt = startedAt
        self.version = version
        self.given = given
    }

    public mutating func consume(_ event: ExecutionEvent) {
        eventCount += 1
        switch event {
        case let .stepStarted(id, offset): running = (id, offset)
        case .stepFinished(let report, _):
            finished[report.id] = report
            running = nil
        case .result(let result):
            results.removeAll { $0.name == result.name }
            results.append(result)
        case let .parameter(name, value): parameters[name] = value
        case .shown, .waiting, .resumed, .progress: break
        case .lessonFinished(let reason):
            isComplete = true
            stopReason = reason
        }
    }

    /// The report. `crash` is the failure of the step that was running when the process
    /// died (with `crashOutput`, what it printed before dying).
    public func report(crash: StepError? = nil, crashOutput: String = "") -> LessonReport {
        var steps: [StepReport] = []
        var failedStep: String?
        for step in lesson.steps {
            if let done = finished[step.id] {
                steps.append(done)
                if done.status == .failed { failedStep = step.id }
            } else if let running, running.id == step.id, let crash {
                steps.append(StepReport(id: step.id, title: step.title, line: step.fenceLine, status: .failed,
                                        duration: Date().timeIntervalSince(startedAt) - steps.reduce(0) { $0 + $1.duration },
                                        outputs: crashOutput.isEmpty ? [] : [.text(crashOutput)], error: crash))
                failedStep = step.id
            } else {
                let reason = failedStep.map { "not run: step '\($0)' failed" } ?? stopReason ?? "not run"
                steps.append(StepReport(id: step.id, title: step.title, line: step.fenceLine, status: .skipped, skipReason: reason))
            }
        }
        return LessonReport(lesson: lesson.name, path: lesson.path, title: lesson.title, startedAt: startedAt,
                            duration: Date().timeIntervalSince(startedAt), parameters: parameters,
                            steps: steps, results: results, version: version,
                            givenParameters: parameters.keys.filter(given.contains).sorted())
    }
}
