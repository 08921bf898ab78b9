import XCTest
@testable import Learn

/// Corners of Keras 3.15's behaviour that a run can reach without asking for them, each
/// checked against Keras in its venv when written: a final batch of one sample through
/// BatchNormalization, and predictions tied between classes.
final class KerasEdgeCaseTests: XCTestCase {
    /// 33 samples at batch 32 end in a batch of one. Its variance is 0 (biased, as Keras
    /// takes it; an unbiased one would divide by zero), so every value becomes beta, and
    /// the moving statistics move towards the sample and towards 0. Keras:
    /// BatchNormalization()(x, training=True) on [[1, 2, 3]] gives [[0, 0, 0]], moving
    /// mean [0.01, 0.02, 0.03], moving variance [0.99, 0.99, 0.99].
    func testBatchNormalizationOnOneSampleInTraining() throws {
        let model = try Sequential(inputShape: [3], layers: [BatchNormalization(), Dense(2, activation: .softmax)])
        let bn = try XCTUnwrap(model.layers[0] as? BatchNormalization)
        let x: [Float] = [1, 2, 3]
        let y = x.withUnsafeBufferPointer { bn.forward($0.baseAddress!, batch: 1, context: RunContext(training: true)) }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: y, count: 3)), [0, 0, 0])
        XCTAssertEqual(bn.parameters[2].values, x.map { $0 * Float(1 - 0.99) })
        XCTAssertEqual(bn.parameters[3].values, [0.99, 0.99, 0.99])
        // Within fit: the last batch trains without a non-finite loss.
        let inputs = try Tensor(shape: [33, 3], scalars: (0..<99).map { Float($0 % 7) })
        let history = try model.fit(inputs, (0..<33).map { $0 % 2 }, options: FitOptions(epochs: 2, shuffle: .off))
        XCTAssertTrue(history.loss.allSatisfy(\.isFinite), "\(history.loss)")
        XCTAssertTrue(model.parameters.allSatisfy { $0.values.allSatisfy(\.isFinite) })
    }

    /// Tied probabilities predict the first of the tied classes (tf.argmax's choice), in
    /// `predictClasses` and in the accuracy of `evaluate` and `fit`. Keras, with all
    /// weights 0 and labels [0, 1, 2, 0, 1, 2]: accuracy 1/3, loss log 3.
    func testTiedPredictionsTakeTheFirstClass() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(3, activation: .softmax)])
        for p in model.parameters { p.value.copy(from: [Float](repeating: 0, count: p.count)) }
        let x = try Tensor(shape: [6, 4], scalars: [Float](repeating: 1, count: 24))
        let labels = [0, 1, 2, 0, 1, 2]
        XCTAssertEqual(try model.predictClasses(x), [0, 0, 0, 0, 0, 0])
        let (loss, accuracy) = try model.evaluate(x, labels)
        XCTAssertEqual(accuracy, 2 / 6)
        XCTAssertEqual(loss, Float(log(3.0)), accuracy: 1e-6)
        let history = try model.fit(x, labels, options: FitOptions(epochs: 1, shuffle: .off))
        XCTAssertEqual(history.accuracy, [2 / 6], "the batch is scored before the step")
    }
}
