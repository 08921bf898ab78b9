import XCTest
@testable import Learn

/// `fit`, `evaluate` and `predict` against Keras 3.15 where the batches do not divide the
/// data (scripts/reference/keras_nondefault_fixtures.py): 23 samples, validation_split
/// 0.2 (the last 5 validate; 18 train in batches of 5, 5, 5, 3), BatchNormalization with
/// momentum 0.8, Adam(0.01, beta_1=0.8), no shuffling; then a run at learning rate 0.05
/// that early stopping ends after 4 of 15 epochs, restoring epoch 2's weights. They
/// agree on the OpenBLAS kernels measured (Haswell, SkylakeX and Cooperlake on an Intel
/// Xeon, and those OpenBLAS chose on an AMD EPYC). On its SSE3 ("Prescott") ones they do
/// not (weights 2e-4 apart after 16 steps at rate 0.05): Adam's first steps move a
/// weight by about the learning rate whatever the size of its gradient, so a rounding
/// that flips the sign of a tiny gradient moves the weight visibly. scripts/test does
/// not run on those kernels where better ones exist (`OpenBLASKernels`).
final class PartialBatchTrainingTests: XCTestCase {
    func model(_ fixture: Fixture, learningRate: Float) throws -> Sequential {
        let model = try Sequential(inputShape: [6], layers: [
            Dense(5, activation: .relu), BatchNormalization(momentum: 0.8), Dense(3, activation: .softmax),
        ])
        model.optimizer = try Adam(learningRate: learningRate, beta1: 0.8)
        let initial = fixture.file.names.filter { $0.hasPrefix("init:") }
        XCTAssertEqual(initial.count, model.parameters.count)
        for (name, parameter) in zip(initial, model.parameters) { parameter.value.copy(from: try fixture.floats(name)) }
        return model
    }

    /// Each weight of `model` against the fixture's `<prefix>:<path>`, within `tolerance`.
    func assertWeights(_ model: Sequential, _ fixture: Fixture, _ prefix: String, within tolerance: Float) throws {
        let names = fixture.file.names.filter { $0.hasPrefix(prefix + ":sequential/") }
        XCTAssertEqual(names.count, model.parameters.count)
        for (name, parameter) in zip(names, model.parameters) {
            XCTAssertTrue(name.hasSuffix("/" + parameter.name), "\(name) vs \(parameter.name)")
            let worst = zip(parameter.values, try fixture.floats(name)).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, tolerance, name)
        }
    }

    func testPartialBatchesValidationSplitEvaluateAndPredict() throws {
        let fixture = try Fixture("train_partial_batches.npz")
        let model = try model(fixture, learningRate: 0.01)
        let x = try Tensor(shape: try fixture.shape("x"), scalars: try fixture.floats("x"))
        let labels = try fixture.file.array(named: "labels").integers().map { Int($0) }
        let history = try model.fit(x, labels, options: FitOptions(epochs: 3, batchSize: 5, validationSplit: 0.2, shuffle: .off))
        assertClose(history.loss, try fixture.floats("loss"), rtol: 1e-5, "loss per epoch")
        assertClose(history.validationLoss, try fixture.floats("val_loss"), rtol: 1e-5, "validation loss per epoch")
        XCTAssertEqual(history.accuracy, try fixture.floats("accuracy"))
        XCTAssertEqual(history.validationAccuracy, try fixture.floats("val_accuracy"))
        // Twelve Adam steps move a weight by up to 0.12; these stay within float rounding.
        try assertWeights(model, fixture, "final", within: 1e-5)
        let (loss, accuracy) = try model.evaluate(x, labels, batchSize: 7)
        assertClose([loss, accuracy], try fixture.floats("evaluate"), rtol: 1e-5, "evaluate at batch 7")
        assertClose(try model.predict(x, batchSize: 4).scalars, try fixture.floats("predict"), rtol: 1e-5, "predict at batch 4")
    }

    func testEarlyStoppingRestoresTheEpochKerasRestores() throws {
        let fixture = try Fixture("train_partial_batches.npz")
        let model = try model(fixture, learningRate: 0.05)
        let x = try Tensor(shape: try fixture.shape("x"), scalars: try fixture.floats("x"))
        let labels = try fixture.file.array(named: "labels").integers().map { Int($0) }
        let stopping = EarlyStopping(monitor: .validationLoss, patience: 1, restoreBestWeights: true)
        let history = try model.fit(x, labels, options: FitOptions(epochs: 15, batchSize: 5, validationSplit: 0.2,
                                                                   shuffle: .off, earlyStopping: stopping))
        XCTAssertEqual(history.epochs, 4)
        XCTAssertEqual(history.stoppedEpoch, 3)
        XCTAssertEqual(history.restoredEpoch, 2)
        assertClose(history.loss, try fixture.floats("stopped:loss"), rtol: 1e-5, "loss per epoch")
        try assertWeights(model, fixture, "stopped", within: 1e-5)
    }
}
