import XCTest
@testable import Learn

extension LayerParityTests {
    /// tanh_shrink, soft_shrink, hard_shrink, sparse_plus, sparse_sigmoid and exponential
    /// value by value (from keras_last_activations.py): on testActivationLayers' inputs,
    /// every kink and 1e-3 either side, and on inputs out to ±3e38, where exp overflows to
    /// +inf (with an infinite gradient) and leaves the normal floats; log_softmax on rows
    /// out to ±3e38 too, sparsemax on its rows of ties, kinks and spreads of 1e4.
    /// The two row-wise ones are held to 2e-6: their gradients take the sum of a row's dy,
    /// which Eigen adds as a tree and this in order; in the row spread over ±1e4 the
    /// cancelling sum puts one value of each 1.1e-6 from Keras's.
    func testLastActivationsValueByValue() throws {
        for function in [Activation.Function.tanhShrink, .softShrink, .hardShrink, .sparsePlus, .sparseSigmoid,
                         .exponential, .logSoftmax] {
            for fixture in ["activation", "activation_extreme"] {
                try checkValueByValue(function, fixture, rtol: function == .logSoftmax ? 2e-6 : 1e-6)
            }
        }
        try checkValueByValue(.sparsemax, "activation", rtol: 2e-6)
    }
}

/// sparsemax is a projection onto the probability simplex: each row non-negative and
/// summing to 1 (what Keras 3.15's own threshold misses, keras-team/keras#23425), and a
/// row's input gradient summing to 0, since adding a constant to a row changes nothing.
final class SparsemaxTests: XCTestCase {
    func testRowsLieOnTheSimplex() throws {
        var rng = SeededGenerator(seed: 7)
        for scale: Float in [0.01, 0.3, 1, 10] {
            let x = (0..<6 * 9).map { _ in Float(rng.normal()) * scale }
            let dy = (0..<6 * 9).map { _ in Float(rng.normal()) }
            let run = try LayerRun.run(Activation(.sparsemax), x: x, shape: [6, 9], dy: dy, training: false)
            for r in 0..<6 {
                let y = run.y[r * 9..<(r + 1) * 9], dx = run.dx[r * 9..<(r + 1) * 9]
                XCTAssertTrue(y.allSatisfy { $0 >= 0 }, "scale \(scale), row \(r): \(y)")
                XCTAssertEqual(y.reduce(0, +), 1, accuracy: 1e-5, "scale \(scale), row \(r)")
                XCTAssertEqual(dx.reduce(0, +), 0, accuracy: 1e-5, "scale \(scale), row \(r)")
            }
        }
    }
}
