import XCTest
@testable import Learn

/// The model folds si_cnn's first-layer one-channel BatchNormalization into its Conv1D,
/// and a ReLU into the MaxPooling1D after it. In training mode (batch statistics,
/// dropout off here) the folded passes must give the unfolded ones' outputs and
/// gradients, to float32 rounding.
final class FoldingTests: XCTestCase {
    /// Eleven filters: the SIMD paths take eight lanes and a scalar tail.
    func makeModel() throws -> Sequential {
        try Sequential(inputShape: [23, 1], layers: [
            BatchNormalization(), Conv1D(filters: 11, kernelSize: 8), ReLU(), MaxPooling1D(2), Flatten(),
            Dense(3, activation: .softmax),
        ], seed: 4)
    }

    func testFoldedPassesEqualUnfolded() throws {
        let folded = try makeModel(), plain = try makeModel()
        let conv = try XCTUnwrap(plain.layers[1] as? Conv1D)
        XCTAssertTrue(conv.foldsNormalization)
        conv.foldedNormalization = nil
        (plain.layers[2] as? ReLU)?.foldedIntoPooling = false
        (plain.layers[3] as? MaxPooling1D)?.appliesReLU = false
        // Non-trivial normalisation weights, so γ and β matter.
        for model in [folded, plain] {
            model.parameters[0].value.copy(from: [1.7])
            model.parameters[1].value.copy(from: [-0.4])
        }
        var rng = SeededGenerator(seed: 9)
        let x = try Tensor(shape: [6, 23, 1], scalars: (0..<(6 * 23)).map { _ in Float(rng.normal() * 3 + 1) })
        let labels = [0, 1, 2, 2, 1, 0]
        var losses: [Float] = []
        for model in [folded, plain] {
            let (input, labelPointer) = model.gather(x, labels: labels, indices: Array(0..<6)[...])
            losses.append(model.lossAndGradients(input, labels: labelPointer!, batch: 6, training: true).loss)
        }
        XCTAssertEqual(losses[0], losses[1], accuracy: 1e-5 * abs(losses[1]))
        for (a, b) in zip(folded.parameters, plain.parameters) {
            assertClose(a.values, b.values, rtol: 1e-5, "\(a.name) after the pass (moving statistics)")
            if a.trainable { assertClose(a.gradient.array, b.gradient.array, rtol: 1e-4, "d\(a.name)") }
        }
    }
}
