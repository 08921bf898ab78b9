import Foundation

/// How a lesson is run: parameters, where to stop, and the cache.
public struct ExecutionOptions: Sendable {
    /// `--param NAME=VALUE` overrides, by name.
    public var parameters: [String: String]
    /// Stop after this step (`--until`); later steps are reported as skipped.
    public var until: String?
    /// Use values in the cache (`--no-cache` turns this off; values are still stored).
    public var useCache: Bool
    /// The cache folder, `.cache` in the working directory by default.
    public var cacheRoot: URL
    /// The project version, part of every cache key.
    public var version: String
    /// Seconds one step may run before `LessonRunner` stops the lesson's process and fails
    /// the step (`--step-timeout`); nil waits for ever.
    public var stepTimeout: TimeInterval?

    public init(parameters: [String: String] = [:], until: String? = nil, useCache: Bool = true,
                cacheRoot: URL = URL(fileURLWithPath: ".cache", isDirectory: true), version: String,
                stepTimeout: TimeInterval? = nil) {
        self.parameters = parameters
        self.until = until
        self.useCache = useCache
        self.cacheRoot = cacheRoot
        self.version = version
        self.stepTimeout = stepTimeout
    }
}

/// What a running lesson reports, step by step. A lesson's child process writes these as JSON
/// lines to a file its parent reads; `notebook step` consumes them in-process.
public enum ExecutionEvent: Codable, Sendable {
    /// A step began; `captureOffset` is where its output starts in the capture file.
    case stepStarted(id: String, captureOffset: Int)
    /// A step ended (ok or failed), with everything it produced; `captureOffset` is where its
    /// output ends in the capture file.
    case stepFinished(StepReport, captureOffset: Int)
    /// A step showed a value, table or plot, for live display. `captureOffset` is where the
    /// capture file stood when it was shown, so text and items can be shown in order.
    case shown(OutputItem, captureOffset: Int)
    /// A named result was recorded.
    case result(NamedResult)
    /// A parameter was read, with the value used.
    case parameter(name: String, value: String)
    /// A step waits for a shared cache entry that another run is computing (it will read
    /// the value when that run stores it). A scheduler need not count it as busy.
    case waiting(entry: String)
    /// The wait is over: the step is running again.
    case resumed
    /// How far step `step` has got through `total` items (`unit`: "recordings",
    /// "epochs"), with the latest `note` on them ("loss 0.4123   accuracy 0.8312"), for a
    /// display to show while it runs; not part of its output.
    case progress(step: String, done: Int, total: Int, unit: String, note: String?)
    /// The lesson function returned or stopped; no step is left running. `stopReason`
    /// says why steps after the last one run were not run (`--until`, the reader quit).
    case lessonFinished(stopReason: String?)
}
