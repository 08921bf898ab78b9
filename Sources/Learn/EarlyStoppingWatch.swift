/// What `EarlyStopping` keeps from epoch to epoch (Keras's callback state: `best` and
/// `wait`), and its verdict on each epoch's figure.
struct EarlyStoppingWatch {
    let rule: EarlyStopping
    private(set) var best: Float?
    private(set) var wait = 0

    init(_ rule: EarlyStopping) { self.rule = rule }

    enum Verdict: Equatable {
        /// A warm-up epoch (before `startFromEpoch`): not watched.
        case ignored
        /// The best figure so far (the wait restarts only if it also beats the baseline).
        case improved
        /// No improvement; patience not yet exhausted.
        case waiting
        /// No improvement and `patience` epochs waited: training stops.
        case stop
    }

    /// Keras 3's `on_epoch_end`: the wait grows each watched epoch; an improvement on the
    /// best becomes the best and, if it also beats the baseline (or there is none),
    /// restarts the wait; otherwise training stops once the wait reaches `patience` (never
    /// after the very first epoch).
    mutating func observe(_ current: Float, epoch: Int) -> Verdict {
        guard epoch >= rule.startFromEpoch else { return .ignored }
        wait += 1
        if rule.improves(current, on: best) {
            best = current
            if rule.baseline == nil || rule.improves(current, on: rule.baseline) { wait = 0 }
            return .improved
        }
        return wait >= rule.patience && epoch > 0 ? .stop : .waiting
    }
}
