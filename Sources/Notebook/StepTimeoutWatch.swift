import Foundation

/// Stops a lesson's process when one step runs longer than `--step-timeout`: a step that
/// hangs (a deadlock, a read that never returns) would otherwise hold `notebook test` in CI
/// until the job itself is killed, with no word of which step it was.
struct StepTimeoutWatch {
    let limit: TimeInterval?
    private var current: (step: String, since: Date)?
    private var terminatedAt: Date?
    /// The step that was stopped, and the limit it ran past.
    private(set) var stopped: (step: String, seconds: TimeInterval)?

    init(limit: TimeInterval?) { self.limit = limit }

    /// Called while the process runs, with the step under way (nil between steps). Past
    /// the limit, SIGTERM; a process still alive two seconds later gets SIGKILL.
    mutating func check(running step: String?, process: Process) {
        guard let limit else { return }
        if let terminatedAt {
            if Date().timeIntervalSince(terminatedAt) > 2 { kill(process.processIdentifier, SIGKILL) }
            return
        }
        guard let step else { current = nil; return }
        if current?.step != step { current = (step, Date()) }
        guard let current, Date().timeIntervalSince(current.since) > limit else { return }
        stopped = (step, limit)
        terminatedAt = Date()
        process.terminate()
    }
}
