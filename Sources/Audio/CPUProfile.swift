import Foundation

/// CPU time of the calling threads in named parts of a computation, summed over calls
/// (thread-safe), for profiling: `notebook bench features` prints it. CPU rather than
/// wall time, so that other processes sharing the cores do not inflate the figures.
///
/// `time(_:_:)` times a part and also the library's inner stages reached from it on the
/// same thread (the harmonic part's medians, phases and inverse STFT; the constant-Q
/// transform's tuning estimate, resampling and filter responses), under "part/stage".
/// A stage is timed only inside `time`; elsewhere it costs one task-local read.
public final class CPUProfile: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: [String: Double] = [:]
    private var order: [String] = []

    public init() {}

    /// Adds `seconds` to `name`'s total.
    public func add(_ name: String, _ seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        if self.seconds[name] == nil { order.append(name) }
        self.seconds[name, default: 0] += seconds
    }

    /// Parts and stages in first-seen order with their total CPU seconds; a stage's name
    /// is its part's, a slash and its own ("tonnetz/resample").
    public var totals: [(name: String, seconds: Double)] {
        lock.lock(); defer { lock.unlock() }
        return order.map { ($0, seconds[$0] ?? 0) }
    }

    /// Runs `body` on this thread, adding its CPU time to `name` and that of the stages
    /// it reaches to "name/stage".
    public func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = Self.threadCPUTime()
        defer { add(name, Self.threadCPUTime() - start) }
        return try Self.$current.withValue(Part(profile: self, name: name)) { try body() }
    }

    /// CPU seconds used so far by the calling thread.
    public static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The part being timed on this thread, if any (bound by `time`; a task-local also
    /// binds on threads outside Swift tasks, such as Dispatch's).
    struct Part: Sendable {
        let profile: CPUProfile
        let name: String
    }

    @TaskLocal static var current: Part?
}

/// Runs `body`, timed as stage `name` of the part `CPUProfile.time` is timing on this
/// thread, if any. Stages do not nest: each marks a separate stretch of work.
@inline(__always)
func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    guard let part = CPUProfile.current else { return try body() }
    let start = CPUProfile.threadCPUTime()
    defer { part.profile.add(part.name + "/" + name, CPUProfile.threadCPUTime() - start) }
    return try body()
}
