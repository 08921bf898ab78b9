import Foundation
import XCTest
@testable import Learn

/// Small models of the layers beyond the tutorial's, trained in Keras
/// (scripts/reference/keras_more_layers.py: three epochs of Adam(0.01) at batch 8, no
/// shuffling, from Keras's initial weights) and here from the same weights; and what
/// their summaries and weight files say, against Keras's.
final class MoreModelTests: XCTestCase {
    func testAConvolutionModelOfTheNewLayersFollowsKeras() throws {
        try followKeras("model_conv_more", inputShape: [20, 3], layers: [
            Conv1D(filters: 6, kernelSize: 3, strides: 2, padding: .same, activation: .tanh),
            LeakyReLU(),
            Conv1D(filters: 5, kernelSize: 2, padding: .causal, dilationRate: 2, useBias: false),
            Activation(.gelu),
            AveragePooling1D(3, strides: 2, padding: .same),
            MaxPooling1D(2, strides: 1),
            Conv1D(filters: 4, kernelSize: 2, padding: .valid, activation: .selu),
            GlobalAveragePooling1D(),
            Dense(8, activation: .softplus),
            Dense(3, activation: .softmax),
        ])
    }

    /// A sigmoid output: Keras's sparse cross-entropy applies a softmax to its logits
    /// (the sigmoid's input), so the loss and the gradients are those of the logits.
    func testASigmoidOutputIsTrainedOnItsLogitsAsKerasDoes() throws {
        try followKeras("model_sigmoid_output", inputShape: [12, 2], layers: [
            Conv1D(filters: 4, kernelSize: 3, padding: .valid, activation: .sigmoid),
            MaxPooling1D(3, padding: .same),
            GlobalMaxPooling1D(),
            Dense(5, activation: .elu),
            Dense(3, activation: .sigmoid),
        ])
    }

    private func followKeras(_ name: String, inputShape: [Int], layers: [Layer],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try Fixture("more/\(name).npz")
        let x = try fixture.floats("x"), labels = try fixture.file.array(named: "labels").integers().map { Int($0) }
        let inputs = try Tensor(shape: [labels.count] + inputShape, scalars: x)
        let model = try Sequential(inputShape: inputShape, layers: layers)
        let initial = fixture.file.names.filter { $0.hasPrefix("init:") }
        // Keras's weight paths are ours, in the same order.
        XCTAssertEqual(initial.map { String($0.dropFirst(5)) }, model.weightPaths, file: file, line: line)
        for (key, parameter) in zip(initial, model.parameters) { parameter.value.copy(from: try fixture.floats(key)) }
        try checkSummary(model, against: fixture, file: file, line: line)
        try checkSaveAndLoad(model, file: file, line: line)

        model.optimizer = try Adam(learningRate: 0.01)
        let history = try model.fit(inputs, labels, options: FitOptions(epochs: 3, batchSize: 8, shuffle: .off))
        assertClose(history.loss, try fixture.floats("loss"), rtol: 1e-5, "\(name) loss per epoch", file: file, line: line)
        XCTAssertEqual(history.accuracy, try fixture.floats("accuracy"), "\(name) accuracy per epoch", file: file, line: line)
        // 15 steps of Adam at 0.01 move a weight by up to 0.15; a sign flipped by rounding
        // where a gradient is near zero moves it by a step at most (see KerasTrainingTests).
        var worst: Float = 0
        for (key, parameter) in zip(fixture.file.names.filter { $0.hasPrefix("final:") }, model.parameters) {
            let difference = zip(parameter.values, try fixture.floats(key)).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(difference, 1e-3, "\(key): our weights left Keras's path", file: file, line: line)
            worst = max(worst, difference)
        }
        let losses = zip(history.loss, try fixture.floats("loss")).map { abs($0 - $1) }.max() ?? 0
        print("\(name): largest weight difference to Keras after 15 steps \(worst), loss \(losses)")
    }

    /// Every row of Keras's summary (name (Type), output shape, parameters) and the totals.
    private func checkSummary(_ model: Sequential, against fixture: Fixture, file: StaticString, line: UInt) throws {
        let text = try fixture.file.array(named: "summary").integers().map { UInt8($0) }
        let keras = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        let rows = model.summary.split(separator: "\n").map(String.init)
        for expected in keras where !expected.hasPrefix("total") && !expected.contains("trainable|") {
            let cells = expected.split(separator: "|").map(String.init)
            let row = rows.first { $0.contains("│ \(cells[0]) ") }
            XCTAssertEqual(row?.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }, cells,
                           model.summary, file: file, line: line)
        }
        let counts = model.parameterCounts
        XCTAssertEqual(["total|\(counts.total)", "trainable|\(counts.trainable)", "non-trainable|\(counts.nonTrainable)"],
                       Array(keras.suffix(3)), file: file, line: line)
    }

    /// The weights file names each array by its Keras path and loads back.
    private func checkSaveAndLoad(_ model: Sequential, file: StaticString, line: UInt) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("more-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.saveWeights(to: url)
        let before = model.parameters.map(\.values)
        for p in model.parameters { p.value.copy(from: [Float](repeating: 0, count: p.count)) }
        try model.loadWeights(from: url)
        XCTAssertEqual(model.parameters.map(\.values), before, file: file, line: line)
    }
}
