/// Events of a `fit`, for progress reporters (see `ProgressPrinter`).
public enum TrainingEvent: Sendable {
    case epochBegan(epoch: Int, of: Int)
    case batchEnded(epoch: Int, step: Int, of: Int, loss: Float, accuracy: Float, elapsed: Double)
    case epochEnded(epoch: Int, steps: Int, logs: EpochLogs, seconds: Double)
    case earlyStopped(epoch: Int, restoredEpoch: Int?)
}

/// Options of `fit`, with Keras's defaults where Keras has them.
public struct FitOptions {
    public var epochs: Int = 1
    public var batchSize: Int = 32
    /// The fraction of samples held out for validation: the LAST ones, taken before any
    /// shuffling, as Keras does.
    public var validationSplit: Double = 0

    /// Keras's `split_at = floor(n · (1 - validation_split))`: of `count` samples the first
    /// this many train, the rest validate.
    public func trainingCount(of count: Int) -> Int {
        Int((Double(count) * (1 - validationSplit)).rounded(.down))
    }
    /// Explicit validation data; takes precedence over `validationSplit`.
    public var validationData: (x: Tensor, labels: [Int])?
    /// The order of the training samples in each epoch.
    public enum Shuffle: String, CaseIterable, Sendable {
        /// A new seeded order every epoch: Keras's documented `shuffle=True`.
        case everyEpoch = "every-epoch"
        /// One seeded order, drawn before the first epoch and reused. This is what Keras 3
        /// on TensorFlow does in a seeded run (`keras.utils.set_random_seed`): its
        /// `tf.random.shuffle` sits inside a tf.data pipeline that restarts from the same
        /// seed each epoch, so every epoch sees the same batches. Keras's reference
        /// accuracies here come from such runs; training on fixed batches fits the
        /// training set harder (loss near 0, accuracy 1.0 by the end).
        case once
        /// The given order: Keras's `shuffle=False`.
        case off
    }
    public var shuffle: Shuffle = .everyEpoch
    /// Seeds the per-epoch shuffles and the dropout masks.
    public var seed: UInt64 = 0
    public var earlyStopping: EarlyStopping?
    /// Receives progress events; nil trains silently.
    public var progress: ((TrainingEvent) -> Void)?

    public init(epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0, shuffle: Shuffle = .everyEpoch,
                seed: UInt64 = 0,
                earlyStopping: EarlyStopping? = nil, progress: ((TrainingEvent) -> Void)? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.validationSplit = validationSplit
        self.shuffle = shuffle
        self.seed = seed
        self.earlyStopping = earlyStopping
        self.progress = progress
    }
}

extension Sequential {
    /// Trains like Keras `fit`: each epoch shuffles the training samples (seeded), runs
    /// batches of `batchSize` (the last one partial), takes one Adam step per batch, and
    /// records the mean loss and accuracy over the epoch (training mode: dropout on,
    /// batch statistics), then the validation loss and accuracy (inference mode).
    ///
    /// Throws for bad data (shape, NaN, labels out of range, empty set), a bad batch size,
    /// and a loss that becomes NaN or infinite (naming epoch and batch, 1-based).
    @discardableResult
    public func fit(_ x: Tensor, _ labels: [Int], options: FitOptions) throws -> History {
        guard options.batchSize > 0 else {
            throw LearnError.invalidArgument("batch size must be at least 1, got \(options.batchSize)")
        }
        guard options.epochs >= 0 else { throw LearnError.invalidArgument("epochs must be ≥ 0, got \(options.epochs)") }
        guard options.validationSplit >= 0, options.validationSplit < 1 else {
            throw LearnError.invalidArgument("validation split must be in [0, 1), got \(options.validationSplit)")
        }
        try check(x, labels: labels, role: "training")
        var trainX = x, trainLabels = labels
        var validation = options.validationData
        if let v = validation {
            try check(v.x, labels: v.labels, role: "validation")
        } else if options.validationSplit > 0 {
            // Keras: split_at = floor(n · (1 - split)); the tail is the validation set.
            let splitAt = options.trainingCount(of: x.count)
            validation = (x.samples(Array(splitAt..<x.count)), Array(labels[splitAt...]))
            trainX = x.samples(Array(0..<splitAt))
            trainLabels = Array(labels[0..<splitAt])
            // Keras refuses both ends too ("not sufficient to split it").
            guard splitAt > 0 else {
                throw LearnError.invalidData("a validation split of \(options.validationSplit) leaves no training samples "
                                             + "of \(x.count): give more samples or a smaller split")
            }
            guard splitAt < x.count else {
                throw LearnError.invalidData("a validation split of \(options.validationSplit) leaves no validation samples "
                                             + "of \(x.count): give more samples or a larger split")
            }
        }
        if let stopping = options.earlyStopping, validation == nil,
           stopping.monitor == .validationLoss || stopping.monitor == .validationAccuracy {
            // Keras warns every epoch and never stops; a run that cannot stop early is refused.
            throw LearnError.invalidArgument("early stopping monitors \(stopping.monitor.rawValue), but fit has no validation "
                                             + "data: give a validation split or validation data, or monitor loss")
        }
        context.rng = SeededGenerator(seed: options.seed ^ 0xD1B5_4A32_D192_ED03)
        var history = History()
        let n = trainX.count, size = options.batchSize
        let steps = n / size + (n % size == 0 ? 0 : 1)  // (n + size - 1) / size overflows for a huge size
        var watch = EarlyStoppingWatch(options.earlyStopping ?? EarlyStopping())
        var bestWeights: [[Float]]?
        var orders = EpochOrder(count: trainX.count, options: options)
        for epoch in 0..<options.epochs {
            options.progress?(.epochBegan(epoch: epoch, of: options.epochs))
            let start = Clock.now()
            let order = orders.next()
            var lossSum: Double = 0, correct = 0, seen = 0
            for step in 0..<steps {
                let indices = order[(step * size)..<min(n, (step + 1) * size)]
                let (input, labelPointer) = gather(trainX, labels: trainLabels, indices: indices)
                let result = lossAndGradients(input, labels: labelPointer!, batch: indices.count, training: true)
                guard result.loss.isFinite else {
                    throw LearnError.nonFiniteLoss(epoch: epoch + 1, batch: step + 1, value: result.loss)
                }
                // Nothing writes a gradient before the next batch's backward pass, which
                // can then add its products into the cleared gradients.
                optimizer.step(parameters, clearingGradients: true)
                lossSum += Double(result.loss) * Double(indices.count)
                correct += result.correct
                seen += indices.count
                options.progress?(.batchEnded(epoch: epoch, step: step + 1, of: steps, loss: Float(lossSum / Double(seen)),
                                              accuracy: Float(correct) / Float(seen), elapsed: Clock.now() - start))
            }
            var logs = EpochLogs(loss: Float(lossSum / Double(max(seen, 1))), accuracy: Float(correct) / Float(max(seen, 1)))
            if let v = validation, v.x.count > 0 {
                // Keras validates in batches of validation_batch_size, else the fit's.
                let (vl, va) = try evaluate(v.x, v.labels, batchSize: options.batchSize)
                logs.validationLoss = vl
                logs.validationAccuracy = va
            }
            let seconds = Clock.now() - start
            history.loss.append(logs.loss)
            history.accuracy.append(logs.accuracy)
            if let vl = logs.validationLoss, let va = logs.validationAccuracy {
                history.validationLoss.append(vl)
                history.validationAccuracy.append(va)
            }
            history.seconds.append(seconds)
            options.progress?(.epochEnded(epoch: epoch, steps: steps, logs: logs, seconds: seconds))
            if let stopping = options.earlyStopping, let current = stopping.value(logs) {
                let verdict = watch.observe(current, epoch: epoch)
                // Before any better epoch, the first watched one's weights are the best.
                if stopping.restoreBestWeights, verdict == .improved || (verdict != .ignored && bestWeights == nil) {
                    bestWeights = weightValues()
                    history.restoredEpoch = epoch
                }
                if verdict == .stop {
                    history.stoppedEpoch = epoch
                    break
                }
            }
        }
        if let stopping = options.earlyStopping, stopping.restoreBestWeights, let saved = bestWeights {
            setWeightValues(saved)
        } else {
            history.restoredEpoch = nil
        }
        if let stoppedEpoch = history.stoppedEpoch {
            options.progress?(.earlyStopped(epoch: stoppedEpoch, restoredEpoch: history.restoredEpoch))
        }
        return history
    }

    /// Loss and accuracy in inference mode (Keras `evaluate`), in batches of `batchSize`.
    public func evaluate(_ x: Tensor, _ labels: [Int], batchSize: Int = 32) throws -> (loss: Float, accuracy: Float) {
        guard batchSize > 0 else { throw LearnError.invalidArgument("batch size must be at least 1, got \(batchSize)") }
        try check(x, labels: labels, role: "evaluation")
        var lossSum: Double = 0, correct = 0
        for start in stride(from: 0, to: x.count, by: batchSize) {
            let indices = Array(start..<min(x.count, start + batchSize))[...]
            let (input, labelPointer) = gather(x, labels: labels, indices: indices)
            let r = lossAndGradients(input, labels: labelPointer!, batch: indices.count, training: false, computeGradients: false)
            lossSum += Double(r.loss) * Double(indices.count)
            correct += r.correct
        }
        return (Float(lossSum / Double(x.count)), Float(correct) / Float(x.count))
    }

    /// Class probabilities (samples × classes) in inference mode (Keras `predict`).
    public func predict(_ x: Tensor, batchSize: Int = 32) throws -> Tensor {
        guard batchSize > 0 else { throw LearnError.invalidArgument("batch size must be at least 1, got \(batchSize)") }
        try check(x, labels: nil, role: "prediction")
        let k = classes
        var out = [Float](repeating: 0, count: x.count * k)
        for start in stride(from: 0, to: x.count, by: batchSize) {
            let indices = Array(start..<min(x.count, start + batchSize))[...]
            let (input, _) = gather(x, labels: nil, indices: indices)
            let p = forward(input, batch: indices.count, training: false)
            for i in 0..<(indices.count * k) { out[start * k + i] = p[i] }
        }
        return try Tensor(shape: [x.count, k], scalars: out)
    }

    /// The predicted class of each sample.
    public func predictClasses(_ x: Tensor, batchSize: Int = 32) throws -> [Int] {
        let p = try predict(x, batchSize: batchSize)
        return p.scalars.withUnsafeBufferPointer { b in
            (0..<p.count).map { Metrics.argmax(b.baseAddress! + $0 * classes, count: classes) }
        }
    }

    /// Rejects data the model cannot use, naming the first offending sample.
    func check(_ x: Tensor, labels: [Int]?, role: String) throws {
        guard x.count > 0 else { throw LearnError.invalidData("the \(role) set is empty") }
        guard Array(x.shape.dropFirst()) == inputShape else {
            // One sample given without the batch axis reads as samples of nothing: say so.
            let oneSample = x.shape == inputShape
                ? "; the first axis counts the samples, so one sample has shape \([1] + inputShape), not \(x.shape)" : ""
            throw LearnError.invalidData("the \(role) samples have shape \(Shape.describe(Array(x.shape.dropFirst()))) "
                                         + "(the tensor's shape is \(x.shape)), the model takes \(Shape.describe(inputShape))"
                                         + oneSample)
        }
        if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
            let n = x.sampleSize
            throw LearnError.invalidData("\(role) sample \(bad / n) has a non-finite value (\(x.scalars[bad])) at feature \(bad % n)")
        }
        guard let labels else { return }
        guard labels.count == x.count else {
            throw LearnError.invalidData("\(x.count) \(role) samples but \(labels.count) labels")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw LearnError.invalidData("\(role) label \(labels[bad]) of sample \(bad) is outside 0..<\(classes) (the model has \(classes) classes)")
        }
    }

    /// All weight values in order (for restoring the best epoch).
    func weightValues() -> [[Float]] { parameters.map(\.values) }

    func setWeightValues(_ values: [[Float]]) {
        for (p, v) in zip(parameters, values) { p.value.copy(from: v) }
    }
}

/// The order of the training samples in each epoch, as `FitOptions.Shuffle` says.
struct EpochOrder {
    private var shuffler: SeededGenerator
    private let count: Int
    private let shuffle: FitOptions.Shuffle
    private var fixed: [Int]?

    init(count: Int, options: FitOptions) {
        shuffler = SeededGenerator(seed: options.seed)
        self.count = count
        shuffle = options.shuffle
        switch shuffle {
        case .everyEpoch: fixed = nil
        case .once: fixed = shuffler.permutation(count)
        case .off: fixed = Array(0..<count)
        }
    }

    mutating func next() -> [Int] {
        fixed ?? shuffler.permutation(count)
    }
}
