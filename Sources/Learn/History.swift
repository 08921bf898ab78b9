/// Per-epoch figures of a `fit`, as Keras's `History.history`: training loss and accuracy,
/// and the validation ones when there is validation data.
public struct History: Sendable {
    public var loss: [Float] = []
    public var accuracy: [Float] = []
    public var validationLoss: [Float] = []
    public var validationAccuracy: [Float] = []
    /// Seconds each epoch took.
    public var seconds: [Double] = []
    /// The epoch (0-based) whose weights the model holds at the end when early stopping
    /// restored the best weights; nil otherwise.
    public var restoredEpoch: Int?
    /// The epoch (0-based) at which early stopping stopped training, if it did.
    public var stoppedEpoch: Int?

    public var epochs: Int { loss.count }
}

/// Figures of one epoch, passed to progress reporters.
public struct EpochLogs: Sendable {
    public var loss: Float
    public var accuracy: Float
    public var validationLoss: Float?
    public var validationAccuracy: Float?

    /// Public so that a reporter of one's own (or a `ProgressPrinter`) can be fed
    /// `TrainingEvent.epochEnded` in a test without training a model: the memberwise
    /// initialiser Swift makes is internal.
    public init(loss: Float, accuracy: Float, validationLoss: Float? = nil, validationAccuracy: Float? = nil) {
        self.loss = loss
        self.accuracy = accuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
    }
}

/// Keras 3 `EarlyStopping(monitor, patience, min_delta, baseline, restore_best_weights,
/// start_from_epoch)`.
///
/// After each epoch from `startFromEpoch` on (counted from 0, as Keras counts): an
/// improvement on the best so far (by more than `minDelta`) becomes the best and resets
/// the wait, but with a `baseline` only if it also improves on the baseline; otherwise
/// the wait grows and training stops once it reaches `patience`. So in a run that never
/// beats the baseline the wait never restarts, and training stops at the first epoch
/// without improvement once `patience` epochs have been watched. With
/// `restoreBestWeights`, the best epoch's weights are put back at the end of training
/// (as Keras 3 does, whether or not training stopped early, and whatever the baseline).
public struct EarlyStopping: Sendable {
    public enum Monitor: String, CaseIterable, Sendable { case validationLoss = "val_loss", validationAccuracy = "val_accuracy", loss, accuracy }
    public var monitor: Monitor
    public var patience: Int
    public var minDelta: Float
    public var restoreBestWeights: Bool
    /// The value the monitored figure must beat for the wait to restart (nil: none).
    public var baseline: Float?
    /// Epochs of warm-up before monitoring starts: none of them counts, or can stop training.
    public var startFromEpoch: Int

    public init(monitor: Monitor = .validationLoss, patience: Int = 0, minDelta: Float = 0, restoreBestWeights: Bool = false,
                baseline: Float? = nil, startFromEpoch: Int = 0) {
        self.monitor = monitor
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBestWeights = restoreBestWeights
        self.baseline = baseline
        self.startFromEpoch = startFromEpoch
    }

    func value(_ logs: EpochLogs) -> Float? {
        switch monitor {
        case .validationLoss: return logs.validationLoss
        case .validationAccuracy: return logs.validationAccuracy
        case .loss: return logs.loss
        case .accuracy: return logs.accuracy
        }
    }

    /// Losses improve downwards, accuracies upwards, each by more than `minDelta` (its
    /// size: Keras takes `abs(min_delta)` and flips its sign for losses).
    func improves(_ current: Float, on best: Float?) -> Bool {
        guard let best else { return true }
        switch monitor {
        case .validationLoss, .loss: return current + abs(minDelta) < best
        case .validationAccuracy, .accuracy: return current - abs(minDelta) > best
        }
    }
}
