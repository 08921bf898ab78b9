import Foundation

/// How far a long step has got (the corpus features: 1012 recordings, 15 to 50 seconds;
/// 100 epochs of training), sent as `.progress` events for a display to show while the
/// step runs. It is not part of the step's output: nothing of it is stored in the run or
/// checked against an expected block.
///
/// `advance` may be called from any thread (a `concurrentPerform` over the recordings).
/// An event goes out at most five times a second, and always for the last item, so that
/// a display knows the work is done; the first (0 done) goes out when it is created.
/// Once its step has ended it sends nothing (work a step left running in the background
/// would otherwise draw a line under the next step's prompt).
public final class StepProgress: @unchecked Sendable {
    public let total: Int
    public let unit: String
    private let step: String
    private let emit: (ExecutionEvent) -> Void
    private let lock = NSLock()
    private var done = 0
    private var note: String?
    private var lastSent: UInt64
    private var closed = false

    /// Seconds between two events, at least.
    static let interval = 0.2

    init(step: String, total: Int, unit: String, emit: @escaping (ExecutionEvent) -> Void) {
        self.step = step
        self.total = max(0, total)
        self.unit = unit
        self.emit = emit
        lastSent = DispatchTime.now().uptimeNanoseconds
        emit(.progress(step: step, done: 0, total: self.total, unit: unit, note: nil))
    }

    /// Items finished so far.
    public var completed: Int {
        lock.lock(); defer { lock.unlock() }
        return done
    }

    /// `count` more items finished (never counted past `total`); `note` says something
    /// about the latest, shown after the count until another replaces it (training's
    /// loss and accuracy, which `notebook run` otherwise shows only when the step ends).
    public func advance(by count: Int = 1, note: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        guard done < total, count > 0 else { return }
        done = min(total, done + count)
        if let note { self.note = note }
        guard !closed else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard done == total || Double(now - lastSent) >= Self.interval * 1e9 else { return }
        lastSent = now
        // Under the lock: events from several threads reach the events file one at a time.
        emit(.progress(step: step, done: done, total: total, unit: unit, note: note))
    }

    /// The step has ended: later advances are counted but send nothing. Called before
    /// the step's `stepFinished`, so no event of this progress comes after it.
    func close() {
        lock.lock(); defer { lock.unlock() }
        closed = true
    }
}
