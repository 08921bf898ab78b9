import Foundation
import XCTest
@testable import Learn

/// The training loop's behaviour: parameter counts, determinism, bad input, early
/// stopping, validation split, and learning on a separable toy problem.
final class TrainingTests: XCTestCase {
    /// Two Gaussian blobs per class in 8 dimensions.
    func toyData(samples: Int = 120, classes: Int = 3, seed: UInt64 = 3) throws -> (Tensor, [Int]) {
        var rng = SeededGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for i in 0..<samples {
            let c = i % classes
            labels.append(c)
            for d in 0..<8 { values.append(Float(rng.normal()) * 0.5 + (d % classes == c ? 2 : 0)) }
        }
        return (try Tensor(shape: [samples, 8], scalars: values), labels)
    }

    func smallModel(seed: UInt64 = 0) throws -> Sequential {
        try Sequential(inputShape: [8], layers: [BatchNormalization(), Dense(16, activation: .relu), Dropout(0.2),
                                                 Dense(3, activation: .softmax)], seed: seed)
    }

    func testParameterCountsMatchTheTutorial() throws {
        let fc = try Models.sdFC().parameterCounts
        XCTAssertEqual(fc.total, 233_742); XCTAssertEqual(fc.nonTrainable, 772)
        for lstm in [try Models.sdLSTM(), try Models.siLSTM()] {
            XCTAssertEqual(lstm.parameterCounts.total, 1_712_142); XCTAssertEqual(lstm.parameterCounts.nonTrainable, 772)
        }
        let cnn = try Models.siCNN().parameterCounts
        XCTAssertEqual(cnn.total, 329_482); XCTAssertEqual(cnn.nonTrainable, 2)
    }

    func testSummaryListsLayersShapesAndCounts() throws {
        let s = try Models.siCNN().summary
        XCTAssert(s.contains("conv1d (Conv1D)"), s)
        XCTAssert(s.contains("(None, 386, 256)"), s)
        XCTAssert(s.contains("(None, 49408)"), s)
        XCTAssert(s.contains("Total params: 329,482"), s)
        XCTAssert(s.contains("Non-trainable params: 2 "), s)
        XCTAssert(try Models.sdFC().summary.contains("dense_3 (Dense)"))
        for model in [try Models.siCNN(), try Models.sdLSTM(), try Models.sdFC()] {
            let widest = model.summary.split(separator: "\n").map(\.count).max() ?? 0
            XCTAssertLessThanOrEqual(widest, 74, "fits 80 columns under run's six-space indent:\n\(model.summary)")
        }
    }

    func testShapeMismatchNamesLayerAndShapes() {
        XCTAssertThrowsError(try Sequential(inputShape: [386], layers: [BatchNormalization(), LSTM(4), Dense(2, activation: .softmax)])) {
            let text = "\($0)"
            XCTAssert(text.contains("lstm") && text.contains("(None, timesteps, features)") && text.contains("(None, 386)"), text)
        }
        XCTAssertThrowsError(try Sequential(inputShape: [5, 1], layers: [Conv1D(filters: 2, kernelSize: 3, padding: .same), MaxPooling1D(2), MaxPooling1D(2), MaxPooling1D(2)])) {
            XCTAssert("\($0)".contains("max_pooling1d_2") && "\($0)".contains("(None, 1, 2)"), "\($0)")
        }
        // A pool above the tiling kernels' 127 takes the general path rather than being refused.
        XCTAssertNoThrow(try Sequential(inputShape: [300, 1], layers: [MaxPooling1D(128), Flatten(), Dense(2, activation: .softmax)]))
        XCTAssertNoThrow(try Sequential(inputShape: [300, 1], layers: [MaxPooling1D(127), Flatten(), Dense(2, activation: .softmax)]))
    }

    /// Building a layer again would replace the weights of the model it is in: a layer
    /// joins one model at a time, and is free again once that model (or a failed build) is gone.
    func testALayerBelongsToOneModelAtATime() throws {
        let hidden = Dense(3, activation: .relu), output = Dense(2, activation: .softmax)
        let first = try Sequential(inputShape: [4], layers: [hidden, output])
        let before = first.parameters.map(\.values)
        XCTAssertThrowsError(try Sequential(inputShape: [4096], layers: [Dense(3, activation: .relu), output])) {
            XCTAssertTrue("\($0)".contains("layer 'dense_1': it already belongs to model 'sequential'"), "\($0)")
        }
        XCTAssertEqual(first.parameters.map(\.shape), [[4, 3], [3], [3, 2], [2]])
        XCTAssertEqual(first.parameters.map(\.values), before, "the first model's weights are untouched")
        let twice = Dense(2, activation: .softmax)
        XCTAssertThrowsError(try Sequential(inputShape: [2], layers: [twice, twice])) {
            XCTAssertTrue("\($0)".contains("it appears twice in the layer list"), "\($0)")
        }
        // A build that fails gives its layers back.
        let reusable = Dense(2, activation: .softmax)
        XCTAssertThrowsError(try Sequential(inputShape: [2], layers: [LSTM(2), reusable]))
        XCTAssertNoThrow(try Sequential(inputShape: [2], layers: [reusable]))
        // So does a model that is gone.
        var model: Sequential? = try Sequential(inputShape: [4], layers: [Dense(2, activation: .softmax)])
        let layers = model!.layers
        model = nil
        XCTAssertNoThrow(try Sequential(inputShape: [4], layers: layers))
    }

    func testSameSeedIsBitIdentical() throws {
        let (x, y) = try toyData()
        func run() throws -> ([[Float]], History) {
            let m = try smallModel(seed: 11)
            let h = try m.fit(x, y, options: FitOptions(epochs: 3, batchSize: 16, validationSplit: 0.2, seed: 4))
            return (m.parameters.map(\.values), h)
        }
        let (w1, h1) = try run(), (w2, h2) = try run()
        XCTAssertEqual(w1, w2)
        XCTAssertEqual(h1.loss, h2.loss)
        let other = try smallModel(seed: 11)
        try other.fit(x, y, options: FitOptions(epochs: 3, batchSize: 16, validationSplit: 0.2, seed: 5))
        XCTAssertNotEqual(other.parameters.map(\.values), w1, "another shuffle/dropout seed must change the result")
    }

    /// Every epoch a new permutation; with `.once` one permutation for
    /// all (Keras 3 on TensorFlow, seeded), starting as the reshuffled run starts; no
    /// shuffle keeps the order.
    func testEpochOrders() {
        func orders(_ options: FitOptions) -> [[Int]] {
            var order = EpochOrder(count: 40, options: options)
            return (0..<4).map { _ in order.next() }
        }
        let every = orders(FitOptions(seed: 9)), once = orders(FitOptions(shuffle: .once, seed: 9))
        for o in every + once { XCTAssertEqual(o.sorted(), Array(0..<40), "a permutation") }
        XCTAssertEqual(Set(every).count, 4, "a new order every epoch")
        XCTAssertEqual(Set(once).count, 1, "one order for every epoch")
        XCTAssertEqual(once[0], every[0], "the same first order")
        XCTAssertNotEqual(once[0], Array(0..<40))
        XCTAssertEqual(orders(FitOptions(shuffle: .off, seed: 9)), Array(repeating: Array(0..<40), count: 4))
    }

    func testReusedOrderChangesTraining() throws {
        let (x, y) = try toyData()
        func run(_ shuffle: FitOptions.Shuffle) throws -> [Float] {
            let m = try smallModel(seed: 11)
            return try m.fit(x, y, options: FitOptions(epochs: 3, batchSize: 16, shuffle: shuffle, seed: 4)).loss
        }
        let every = try run(.everyEpoch), once = try run(.once)
        XCTAssertEqual(every[0], once[0], "the first epoch is the same")
        XCTAssertNotEqual(every[1], once[1], "later epochs see other batches")
    }

    func testLearnsSeparableData() throws {
        let (x, y) = try toyData()
        let m = try smallModel()
        let h = try m.fit(x, y, options: FitOptions(epochs: 30, batchSize: 16, seed: 1))
        XCTAssertLessThan(h.loss.last!, h.loss.first!)
        XCTAssertGreaterThan(try m.evaluate(x, y).accuracy, 0.9)
    }

    func testValidationSplitTakesTheLastSamples() throws {
        let (x, y) = try toyData(samples: 50)
        let m = try smallModel()
        let h = try m.fit(x, y, options: FitOptions(epochs: 1, batchSize: 8, validationSplit: 0.3, seed: 1))
        let tail = Array(35..<50)  // floor(50 · 0.7) = 35
        let expected = try m.evaluate(x.samples(tail), Array(y[35...]))
        XCTAssertEqual(h.validationLoss, [expected.loss])
        XCTAssertEqual(h.validationAccuracy, [expected.accuracy])
    }

    func testEarlyStoppingRestoresBestWeights() throws {
        let (x, y) = try toyData()
        let m = try smallModel()
        var snapshots: [[[Float]]] = []
        let options = FitOptions(epochs: 40, batchSize: 16, validationSplit: 0.25, seed: 2,
                                 earlyStopping: EarlyStopping(monitor: .validationLoss, patience: 2, restoreBestWeights: true),
                                 progress: { if case .epochEnded = $0 { snapshots.append(m.weightValues()) } })
        let h = try m.fit(x, y, options: options)
        let best = h.validationLoss.indices.min { h.validationLoss[$0] < h.validationLoss[$1] }!
        XCTAssertEqual(h.restoredEpoch, best)
        XCTAssertEqual(m.weightValues(), snapshots[best])
        if let stopped = h.stoppedEpoch { XCTAssertEqual(stopped, best + 2) }
    }

    func testProgressLinesLookLikeKeras() throws {
        let (x, y) = try toyData(samples: 40)
        var text = ""
        let printer = ProgressPrinter { text += $0 }
        try smallModel().fit(x, y, options: FitOptions(epochs: 2, batchSize: 16, validationSplit: 0.25, seed: 1, progress: printer.handler))
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, text)
        XCTAssertEqual(lines[0], "Epoch 1/2")
        XCTAssert(lines[1].hasPrefix("2/2 ━━━━━━━━━━━━━━━━━━━━ "), text)
        XCTAssertNotNil(lines[1].firstMatch(of: #/ [0-9]+(s|ms|us)/step - accuracy: /#), text)
        XCTAssert(lines[1].contains(" - val_loss: "), text)
        XCTAssertEqual([2.4, 0.0123, 0.000_47, 0].map(ProgressPrinter.stepTime), ["2s/step", "12ms/step", "470us/step", "0s/step"])
    }

    func testBadInputs() throws {
        let (x, y) = try toyData(samples: 10)
        let m = try smallModel()
        func expect(_ fragment: String, _ body: () throws -> Void) {
            XCTAssertThrowsError(try body()) { XCTAssert("\($0)".contains(fragment), "'\($0)' lacks '\(fragment)'") }
        }
        expect("label 3 of sample 2") { var bad = y; bad[2] = 3; try m.fit(x, bad, options: FitOptions()) }
        expect("label -1 of sample 0") { var bad = y; bad[0] = -1; try m.fit(x, bad, options: FitOptions()) }
        expect("sample 4 has a non-finite value") { var bad = x; bad.scalars[4 * 8 + 1] = .nan; try m.fit(bad, y, options: FitOptions()) }
        expect("the training set is empty") { try m.fit(Tensor(zeros: [0, 8]), [], options: FitOptions()) }
        expect("batch size must be at least 1, got 0") { try m.fit(x, y, options: FitOptions(batchSize: 0)) }
        expect("the model takes (None, 8)") { try m.fit(Tensor(zeros: [10, 7]), y, options: FitOptions()) }
        // One sample without its batch axis: the message names the tensor's shape and the fix.
        expect("(the tensor's shape is [8]), the model takes (None, 8); the first axis counts the samples, "
               + "so one sample has shape [1, 8], not [8]") { _ = try m.predict(Tensor(zeros: [8])) }
        expect("10 training samples but 9 labels") { try m.fit(x, Array(y.prefix(9)), options: FitOptions()) }
        // floor(10 · (1 - 0.01)) = 9 training rows, 1 validation; floor(10 · (1 - 1e-17)) = 10, none (Keras refuses it).
        XCTAssertNoThrow(try m.fit(x, y, options: FitOptions(epochs: 1, validationSplit: 0.01)))
        expect("a validation split of 1e-17 leaves no validation samples of 10: give more samples or a larger split") {
            try m.fit(x, y, options: FitOptions(validationSplit: 1e-17))
        }
        // floor(10 · (1 - 0.95)) = 0 training rows: the message said neither the split nor the count.
        expect("a validation split of 0.95 leaves no training samples of 10: give more samples or a smaller split") {
            try m.fit(x, y, options: FitOptions(validationSplit: 0.95))
        }
        // Watching a validation figure with no validation data could never stop early.
        expect("early stopping monitors val_loss, but fit has no validation data") {
            try m.fit(x, y, options: FitOptions(epochs: 1, earlyStopping: EarlyStopping(patience: 2)))
        }
        XCTAssertNoThrow(try m.fit(x, y, options: FitOptions(epochs: 1, earlyStopping: EarlyStopping(monitor: .loss, patience: 2))))
        // Adam settings that would train a network of NaN, or one that never moves, are
        // refused when the optimiser is made (an epsilon of 0 gave NaN weights, then a
        // NaN-loss error whose advice pointed elsewhere).
        expect("Adam's learning rate must be a positive number, got nan") { _ = try Adam(learningRate: .nan) }
        expect("Adam's learning rate must be a positive number, got -0.1") { _ = try Adam(learningRate: -0.1) }
        expect("Adam's learning rate must be a positive number, got 0.0") { _ = try Adam(learningRate: 0) }
        expect("Adam's learning rate must be a positive number, got inf") { _ = try Adam(learningRate: .infinity) }
        expect("Adam's beta1 must be at least 0 and below 1, got 1.0") { _ = try Adam(beta1: 1) }
        expect("Adam's beta1 must be at least 0 and below 1, got -0.5") { _ = try Adam(beta1: -0.5) }
        expect("Adam's beta2 must be at least 0 and below 1, got nan") { _ = try Adam(beta2: .nan) }
        expect("Adam's epsilon must be a positive number, got 0.0") { _ = try Adam(epsilon: 0) }
        expect("Adam's epsilon must be a positive number, got -1.0") { _ = try Adam(epsilon: -1) }
        expect("Adam's epsilon must be a positive number, got inf") { _ = try Adam(epsilon: .infinity) }
        XCTAssertNoThrow(try Adam(learningRate: 0.5, beta1: 0, beta2: 0.5, epsilon: 1e-12))
        for (layer, message) in [(BatchNormalization(epsilon: -1), "epsilon must be a positive number, got -1.0"),
                                 (BatchNormalization(epsilon: .nan), "got nan"),
                                 (BatchNormalization(momentum: -5), "momentum must be between 0 and 1, got -5.0")] as [(Layer, String)] {
            expect(message) { _ = try Sequential(inputShape: [8], layers: [layer, Dense(2, activation: .softmax)]) }
        }
        expect("shape [4294967296, 4294967296] holds more values than an Int can count (0 given)") {
            _ = try Tensor(shape: [1 << 32, 1 << 32], scalars: [])
        }
        expect("shape [-1, 2] has a negative dimension") { _ = try Tensor(shape: [-1, 2], scalars: []) }
        expect("shape [2, 3] holds 6 values, not 2") { _ = try Tensor(shape: [2, 3], scalars: [1, 2]) }
        expect("pool size must be at least 1, got 0") {
            _ = try Sequential(inputShape: [8, 1], layers: [MaxPooling1D(0), Flatten(), Dense(2, activation: .softmax)])
        }
    }

    /// A loss that diverges to astronomical values is printed, not a trap converting it to Int.
    func testProgressShowsAnyLoss() {
        XCTAssertEqual(ProgressPrinter.fixed(1.5e20), "1.5000e+20")
        XCTAssertEqual(ProgressPrinter.fixed(-0.25), "-0.2500")
        XCTAssertEqual(ProgressPrinter.stepTime(.infinity), "?s/step")
        let line = ProgressPrinter(write: { _ in }).line(step: 7, of: 3, elapsed: .nan, perStep: .nan, metrics: [("loss", 2e30)])
        XCTAssertEqual(line, "7/3 ━━━━━━━━━━━━━━━━━━━━ ?s ?s/step - loss: 2.0000e+30")
    }

    /// A batch size beyond any count is one batch of everything (its step count must not
    /// overflow), as in Keras.
    func testAHugeBatchIsOneBatch() throws {
        let (x, y) = try toyData(samples: 10)
        var steps: [Int] = []
        try smallModel().fit(x, y, options: FitOptions(epochs: 1, batchSize: .max, seed: 1, progress: {
            if case .batchEnded(_, let step, let of, _, _, _) = $0 { steps.append(step); XCTAssertEqual(of, 1) }
        }))
        XCTAssertEqual(steps, [1])
    }

    /// Keras's min_delta: an improvement must beat the best by more than |min_delta|, in
    /// the monitored figure's own direction (down for losses, up for accuracies).
    func testEarlyStoppingMinDeltaIsAMarginInTheFiguresDirection() {
        for delta: Float in [0.1, -0.1] {
            let loss = EarlyStopping(monitor: .loss, minDelta: delta)
            XCTAssertTrue(loss.improves(0.85, on: 1.0))
            XCTAssertFalse(loss.improves(0.95, on: 1.0), "better by less than the margin")
            XCTAssertFalse(loss.improves(1.05, on: 1.0), "worse")
            let accuracy = EarlyStopping(monitor: .validationAccuracy, minDelta: delta)
            XCTAssertTrue(accuracy.improves(0.75, on: 0.6))
            XCTAssertFalse(accuracy.improves(0.65, on: 0.6), "better by less than the margin")
            XCTAssertFalse(accuracy.improves(0.55, on: 0.6), "worse")
        }
        XCTAssertTrue(EarlyStopping(monitor: .loss).improves(0.999, on: 1.0), "no margin: any improvement counts")
    }

    /// EarlyStopping's verdicts on made-up losses, traced by hand through Keras 3's
    /// `on_epoch_end`: the wait, the baseline that must be beaten for it to restart, and
    /// warm-up epochs that are not watched.
    func testEarlyStoppingFollowsKerasWithBaselineAndWarmUp() {
        let losses: [Float] = [1.0, 0.9, 0.95, 0.97, 0.96, 0.8]
        func verdicts(_ rule: EarlyStopping) -> [EarlyStoppingWatch.Verdict] {
            var watch = EarlyStoppingWatch(rule), out: [EarlyStoppingWatch.Verdict] = []
            for (epoch, loss) in losses.enumerated() {
                out.append(watch.observe(loss, epoch: epoch))
                if out.last == .stop { break }
            }
            return out
        }
        XCTAssertEqual(verdicts(EarlyStopping(monitor: .loss, patience: 2)), [.improved, .improved, .waiting, .stop])
        XCTAssertEqual(verdicts(EarlyStopping(monitor: .loss, patience: 2, baseline: 0.85)), [.improved, .improved, .stop],
                       "no loss below the baseline: the wait is never restarted")
        XCTAssertEqual(verdicts(EarlyStopping(monitor: .loss, patience: 2, baseline: 0.95)), [.improved, .improved, .waiting, .stop],
                       "0.9 beats the baseline and restarts the wait")
        XCTAssertEqual(verdicts(EarlyStopping(monitor: .loss, patience: 2, startFromEpoch: 2)),
                       [.ignored, .ignored, .improved, .waiting, .stop])
        XCTAssertEqual(verdicts(EarlyStopping(monitor: .loss, patience: 0)), [.improved, .improved, .stop])
    }

    /// With a warm-up, the restored weights are the best watched epoch's.
    func testWarmUpEpochsAreNeitherWatchedNorRestored() throws {
        let (x, y) = try toyData()
        let m = try smallModel()
        let options = FitOptions(epochs: 10, batchSize: 16, seed: 2,
                                 earlyStopping: EarlyStopping(monitor: .loss, patience: 100, restoreBestWeights: true,
                                                              startFromEpoch: 5))
        let h = try m.fit(x, y, options: options)
        let best = (5..<10).min { h.loss[$0] < h.loss[$1] }!
        XCTAssertEqual(h.restoredEpoch, best)
        XCTAssertNil(h.stoppedEpoch)
    }

    func testNaNLossStopsWithEpochAndBatch() throws {
        // An absurd learning rate: the first step throws the weights to ~1e37, so the
        // second batch's logits overflow and its loss is NaN.
        let m = try Sequential(inputShape: [4], layers: [Dense(3, activation: .softmax)], seed: 1)
        m.optimizer = try Adam(learningRate: 1e38)
        let x = try Tensor(shape: [6, 4], scalars: (0..<24).map { 5 + Float($0 % 7) })
        XCTAssertThrowsError(try m.fit(x, [0, 1, 2, 0, 1, 2], options: FitOptions(epochs: 2, batchSize: 2, shuffle: .off))) {
            guard case .nonFiniteLoss(1, 2, let value)? = $0 as? LearnError else { return XCTFail("\($0)") }
            XCTAssertFalse(value.isFinite)
            XCTAssert("\($0)".contains("epoch 1, batch 2"), "\($0)")
        }
    }

    func testMetrics() {
        let labels = [0, 0, 0, 1, 1, 2], predicted = [0, 0, 1, 1, 2, 2]
        XCTAssertEqual(Metrics.accuracy(predicted: predicted, labels: labels), 4.0 / 6.0)
        XCTAssertEqual(Metrics.confusionMatrix(predicted: predicted, labels: labels, classes: 3), [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        let recall = Metrics.perClassRecall(predicted: predicted, labels: labels, classes: 4)
        XCTAssertEqual(recall[0]!, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertNil(recall[3])
        XCTAssertEqual(Metrics.unweightedAverageRecall(predicted: predicted, labels: labels, classes: 3),
                       (2.0 / 3.0 + 0.5 + 1) / 3, accuracy: 1e-12)
        // Class 2 is predicted but absent from the labels: left out, as sklearn's
        // balanced_accuracy_score gives 0.75 here (recall_score's macro average, 0.5).
        XCTAssertEqual(Metrics.unweightedAverageRecall(predicted: [0, 2, 1, 1], labels: [0, 0, 1, 1], classes: 3), 0.75)
        XCTAssertEqual(Metrics.unweightedAverageRecall(predicted: [], labels: [], classes: 3), 0)
    }

    func testOrthogonalInitIsOrthogonal() {
        var rng = SeededGenerator(seed: 3)
        let rows = 8, cols = 32
        let q = Initializers.orthogonal(rows: rows, cols: cols, rng: &rng)
        for i in 0..<rows {
            for j in 0..<rows {
                let dot = (0..<cols).reduce(Float(0)) { $0 + q[i * cols + $1] * q[j * cols + $1] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
            }
        }
    }

    /// Printing a tensor shows its shape and, for a large one, only its first and last values.
    func testPrintingATensorShowsItsShape() {
        XCTAssertEqual("\(Tensor(zeros: [836, 1, 386]))", "Tensor [836, 1, 386] [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]")
        XCTAssertEqual("\(try! Tensor(shape: [1, 2], scalars: [0.5, -1]))", "Tensor [1, 2] [0.5, -1.0]")
    }
}
