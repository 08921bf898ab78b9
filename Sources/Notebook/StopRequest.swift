import Foundation

/// A request to stop lesson runs (the user pressed Ctrl-C, the terminal closed, the
/// process was told to terminate), set from a signal handler and checked by
/// `LessonRunner` while its child runs.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?
    private var requestedAt: Date?

    public init() {}

    /// Requests a stop; the first request's signal decides the exit status.
    public func request(signal: Int32 = SIGINT) {
        lock.lock()
        if self.signal == nil { (self.signal, requestedAt) = (signal, Date()) }
        lock.unlock()
    }

    /// Whether a stop was requested less than `interval` seconds ago. One Ctrl-C or
    /// `timeout` can deliver its signal twice within microseconds (to the process, then to
    /// its process group); only a later one is a second request.
    public func wasRequested(within interval: TimeInterval) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return requestedAt.map { Date().timeIntervalSince($0) < interval } ?? false
    }

    public var isRequested: Bool { lock.lock(); defer { lock.unlock() }; return signal != nil }

    /// The shell's status for death by the requesting signal: 128 + its number (130 for
    /// Ctrl-C, 143 for SIGTERM, 129 for a closed terminal).
    public var exitStatus: Int32 { lock.lock(); defer { lock.unlock() }; return 128 + (signal ?? SIGINT) }
}

/// Thrown by `LessonRunner.run` when a stop was requested: the lesson was not started, or
/// its process was stopped, in `step` if one was under way. Nothing of the run is stored;
/// the values its finished steps cached stay in the cache.
public struct LessonRunInterrupted: Error, CustomStringConvertible {
    public let lesson: String
    public let started: Bool
    public let step: String?

    public init(lesson: String, started: Bool, step: String?) {
        self.lesson = lesson
        self.started = started
        self.step = step
    }

    public var description: String {
        guard started else { return "\(lesson) not started" }
        return step.map { "\(lesson) stopped in step '\($0)'" } ?? "\(lesson) stopped between steps"
    }
}
