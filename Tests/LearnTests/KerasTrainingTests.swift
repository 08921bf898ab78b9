import Foundation
import NumPy
import TestSupport
import XCTest
@testable import Learn

/// A whole training run against Keras's (scripts/reference/keras_training.py): a small
/// si_cnn (16 filters) from Keras's initial weights, three epochs of Adam at batch 16 on
/// 160 seed rows, no shuffling, no dropout. Every step goes through the folded
/// normalisation, the FFT convolution, the pooling, the loss and Adam, so a slip in any
/// of them shows in the losses and the final weights.
final class KerasTrainingTests: XCTestCase {
    func testConvolutionThreeEpochsFollowKerasStepByStep() throws {
        try followKeras("train_si_cnn_small.npz", inputShape: [386, 1], layers: [
            BatchNormalization(), Conv1D(filters: 16, kernelSize: 128, padding: .same), ReLU(), MaxPooling1D(2), Flatten(),
            Dense(6, activation: .softmax),
        ])
    }

    /// The same for si_lstm's layers (32 units): the one-step LSTM, with the recurrent
    /// kernel and forget gate that Adam skips, must still land on Keras's weights.
    func testLSTMThreeEpochsFollowKerasStepByStep() throws {
        try followKeras("train_si_lstm_small.npz", inputShape: [1, 386], layers: [
            BatchNormalization(), LSTM(32, returnSequences: true), LSTM(32, returnSequences: true),
            LSTM(32, returnSequences: true), Flatten(), Dense(6, activation: .softmax),
        ])
    }

    private func followKeras(_ fixtureName: String, inputShape: [Int], layers: [any Layer]) throws {
        let fixture = try Fixture(fixtureName)
        let rows = Int(try fixture.file.array(named: "rows").integers()[0])
        let folder = try ReferencePaths.seedFeatures()
        let x = try NPY.read(contentsOf: folder.appendingPathComponent("x_train.npy"))
        let y = try NPY.read(contentsOf: folder.appendingPathComponent("y_train.npy")).integers()
        let inputs = try Tensor(shape: [rows] + inputShape, scalars: Array(x.floats.prefix(rows * 386)))
        let labels = y.prefix(rows).map { Int($0) }

        let model = try Sequential(inputShape: inputShape, layers: layers)
        let initial = fixture.file.names.filter { $0.hasPrefix("init:") }
        XCTAssertEqual(initial.count, model.parameters.count)
        for (name, parameter) in zip(initial, model.parameters) {
            XCTAssertTrue(name.hasSuffix("/" + parameter.name), "\(name) vs \(parameter.name)")
            parameter.value.copy(from: try fixture.floats(name))
        }
        let history = try model.fit(inputs, labels, options: FitOptions(epochs: 3, batchSize: 16, shuffle: .off))

        assertClose(history.loss, try fixture.floats("loss"), rtol: 1e-4, "loss per epoch")
        XCTAssertEqual(history.accuracy, try fixture.floats("accuracy"), "accuracy per epoch")
        // Adam moves each weight by up to the learning rate per step whatever the gradient's
        // size, so where a gradient is near zero float rounding can flip a step's sign:
        // weights are compared against that scale, the most 30 steps can move one
        // (3e-3). A wrong padding, bias correction or gradient is off by the whole of it.
        let final = fixture.file.names.filter { $0.hasPrefix("final:") }
        let reach: Float = 30 * 1e-3
        for (name, parameter) in zip(final, model.parameters) {
            let expected = try fixture.floats(name)
            let start = try fixture.floats(name.replacingOccurrences(of: "final:", with: "init:"))
            let worst = zip(parameter.values, expected).map { abs($0 - $1) }.max() ?? 0
            let moved = zip(start, expected).map { abs($0 - $1) }.max() ?? 0
            print("\(name): largest difference \(worst), largest Keras move \(moved)")
            if parameter.trainable {
                XCTAssertLessThan(worst, 0.02 * reach, "\(name): our weights left Keras's path")
            } else {
                assertClose(parameter.values, expected, rtol: 1e-5, name)  // moving statistics: no Adam
            }
        }
    }
}
