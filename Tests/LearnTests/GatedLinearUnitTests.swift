import XCTest
@testable import Learn

/// glu halves the last axis: the model's shapes, the values a model computes through it,
/// and the odd axes it refuses when the model is built. Its values and gradients against
/// Keras are in MoreLayerTests (Activation, Dense and Conv1D fixtures).
final class GatedLinearUnitTests: XCTestCase {
    /// Each layer after a glu is built for the halved width (Keras's Dense and Activation
    /// state the unhalved one; see GatedLinearUnit.swift), and its weights follow.
    func testTheLayerAfterAGluIsBuiltForHalfTheWidth() throws {
        let model = try Sequential(inputShape: [9, 3], layers: [
            Conv1D(filters: 8, kernelSize: 3, padding: .same, activation: .glu), Activation(.glu), Flatten(),
            Dense(6, activation: .glu), Dense(2),
        ])
        XCTAssertEqual(model.outputShapes, [[9, 4], [9, 2], [18], [3], [2]])
        XCTAssertEqual(model.parameters.map(\.shape), [[3, 3, 8], [8], [18, 6], [6], [3, 2], [2]],
                       "the kernels keep all their units; the next layer takes half of them")
        for shape in ["(None, 9, 4)", "(None, 9, 2)", "(None, 18)", "(None, 3)"] {
            XCTAssertTrue(model.summary.contains(" \(shape) "), "summary lists \(shape):\n\(model.summary)")
        }
    }

    /// Through a whole model, a Dense with an identity kernel and a glu gives a·sigmoid(b)
    /// of the input's halves, and a Dense after it reads those two values.
    func testAModelComputesTheGatedHalves() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(4, activation: .glu), Dense(2)])
        let identity4 = (0..<16).map { Float($0 % 5 == 0 ? 1 : 0) }
        model.parameters[0].value.copy(from: identity4)
        model.parameters[2].value.copy(from: [1, 0, 0, 1])
        let x: [Float] = [1.5, -2, 0.25, -3, -0.5, 4, 7, 0]
        let predicted = try model.predict(try Tensor(shape: [2, 4], scalars: x)).scalars
        for sample in 0..<2 {
            let row = Array(x[sample * 4..<sample * 4 + 4])
            for j in 0..<2 {
                let expected = Double(row[j]) / (1 + exp(-Double(row[j + 2])))
                XCTAssertEqual(Double(predicted[sample * 2 + j]), expected, accuracy: 1e-6 * max(1, abs(expected)),
                               "sample \(sample), output \(j)")
            }
        }
    }
}

extension MoreLayerSettingsTests {
    /// An odd axis before a glu is refused when the model is built, naming the layer and
    /// the shape glu would have split.
    func testAnOddAxisBeforeAGluIsRefused() {
        assertRefused([Activation(.glu)], inputShape: [5],
                      "layer 'activation': activation glu splits the last axis into two halves, so the features must be even, got (None, 5) before glu")
        assertRefused([Activation(.glu)], inputShape: [4, 1],
                      "layer 'activation': activation glu splits the last axis into two halves, so the features must be even, got (None, 4, 1) before glu")
        assertRefused([Dense(3, activation: .glu)], inputShape: [4],
                      "layer 'dense': activation glu splits the last axis into two halves, so the units must be even, got (None, 3) before glu")
        assertRefused([Conv1D(filters: 3, kernelSize: 2, activation: .glu)], inputShape: [7, 2],
                      "layer 'conv1d': activation glu splits the last axis into two halves, so the filters must be even, got (None, 6, 3) before glu")
        // The layer's own checks come first.
        assertRefused([Dense(0, activation: .glu)], inputShape: [4], "layer 'dense': units must be positive, got 0")
    }
}

extension GradientCheckTests {
    /// The gradient of each half: into a through the gate, into b through the sigmoid.
    /// (testMoreActivations checks the value-by-value activations on odd widths, which glu
    /// refuses.)
    func testGlu() throws {
        try check({ Activation(.glu) }, shape: [3, 8], h: 1e-3)
        try check({ Activation(.glu) }, shape: [4, 10], h: 1e-3, inputScale: 4)
        try check({ Activation(.glu) }, shape: [2, 3, 6], h: 1e-3)
        try check({ Dense(6, activation: .glu) }, shape: [3, 5], h: 1e-3)
        try check({ Conv1D(filters: 4, kernelSize: 3, padding: .same, activation: .glu) }, shape: [2, 7, 2], h: 1e-3)
    }
}
