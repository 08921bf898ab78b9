import Foundation

/// Stops a lesson's process when one step runs longer than `--step-timeout`: a step that
/// hangs (a deadlock, a read that never returns) would otherwise hold `notebook test` in CI
/// until the job itself is killed, with no word of which step it was.
///
/// Time a step spends waiting for another process to finish computing a cached value it
/// needs (`--jobs 2`: si_lstm waits for sd_fc's feature extraction) is not its own, so the
/// clock stops between the `.waiting` and `.resumed` events.
struct StepTimeoutWatch {
    /// What the runner should do to the lesson's process now.
    enum Action: Equatable { case none, terminate, kill }

    let limit: TimeInterval?
    private var current: (step: String, since: Date)?
    private var waitingSince: Date?
    private var terminatedAt: Date?
    /// The step that was stopped, and the limit it ran past.
    private(set) var stopped: (step: String, seconds: TimeInterval)?

    init(limit: TimeInterval?) { self.limit = limit }

    /// Follows the lesson's events: a wait for a cached value stops the step's clock.
    mutating func note(_ event: ExecutionEvent, now: Date = Date()) {
        switch event {
        case .waiting:
            if waitingSince == nil { waitingSince = now }
        case .resumed:
            if let waitingSince, let running = current {
                current = (running.step, running.since.addingTimeInterval(now.timeIntervalSince(waitingSince)))
            }
            waitingSince = nil
        default:
            break
        }
    }

    /// Called while the process runs, with the step under way (nil between steps). Past
    /// the limit: terminate (SIGTERM); a process still alive two seconds later: kill.
    mutating func check(running step: String?, now: Date = Date()) -> Action {
        guard let limit else { return .none }
        if let terminatedAt { return now.timeIntervalSince(terminatedAt) > 2 ? .kill : .none }
        guard let step else { current = nil; return .none }
        if current?.step != step { current = (step, now) }
        guard waitingSince == nil, let current, now.timeIntervalSince(current.since) > limit else { return .none }
        stopped = (step, limit)
        terminatedAt = now
        return .terminate
    }
}
