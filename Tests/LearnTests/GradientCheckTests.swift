import XCTest
@testable import Learn

/// Finite-difference checks of every layer's backward pass: for L = Σ y ⊙ r with a fixed r,
/// central differences (step h) of L against the analytic dL/dx and dL/dw. Float32 forward
/// passes limit the agreement; the tolerance is 2e-2 relative to the largest gradient.
final class GradientCheckTests: XCTestCase {
    /// `inputScale` widens the inputs (standard normal by default) to reach saturations.
    func check(_ make: () -> Layer, shape: [Int], training: Bool = false, h: Float = 1e-2, seed: UInt64 = 5,
               inputScale: Float = 1, file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = SeededGenerator(seed: seed)
        // Values kept 0.1 away from zero, so no central difference straddles a ReLU kink.
        let x = (0..<shape.reduce(1, *)).map { _ -> Float in
            let v = Float(rng.normal()) * inputScale
            return v + (v < 0 ? -0.1 : 0.1)
        }
        let probe = make()
        var buildRng = SeededGenerator(seed: 1)
        let outCount = shape[0] * (try probe.build(inputShape: Array(shape.dropFirst()), rng: &buildRng)).reduce(1, *)
        let r = (0..<outCount).map { _ in Float(rng.normal()) }
        let layer = make()
        let base = try LayerRun.run(layer, x: x, shape: shape, dy: r, training: training)
        let weights = Dictionary(uniqueKeysWithValues: layer.parameters.map { ($0.name, $0.values) })

        func loss(_ x: [Float], _ w: [String: [Float]]) throws -> Double {
            let run = try LayerRun.run(make(), x: x, shape: shape, dy: r, weights: w, training: training)
            return zip(run.y, r).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        func compare(_ analytic: [Float], _ numeric: (Int) throws -> Double, _ what: String) rethrows {
            let scale = analytic.map { abs($0) }.max() ?? 0
            // Up to 40 coordinates, spread over the array.
            let picks = Set(stride(from: 0, to: analytic.count, by: max(1, analytic.count / 40)))
            for i in picks.sorted() {
                let fd = try numeric(i)
                XCTAssertEqual(Double(analytic[i]), fd, accuracy: 2e-2 * Double(scale) + 1e-4,
                               "\(layer.typeName) \(what)[\(i)]", file: file, line: line)
            }
        }
        try compare(base.dx, { i in
            var plus = x, minus = x
            plus[i] += h; minus[i] -= h
            return (try loss(plus, weights) - loss(minus, weights)) / Double(2 * h)
        }, "dx")
        for p in layer.parameters where p.trainable {
            try compare(base.gradients[p.name] ?? [], { i in
                var plus = weights, minus = weights
                plus[p.name]![i] += h; minus[p.name]![i] -= h
                return (try loss(x, plus) - loss(x, minus)) / Double(2 * h)
            }, "d\(p.name)")
        }
    }

    func testBatchNormalizationTraining() throws { try check({ BatchNormalization() }, shape: [6, 4], training: true) }
    func testBatchNormalizationInference() throws { try check({ BatchNormalization() }, shape: [6, 4]) }
    func testDense() throws { try check({ Dense(5) }, shape: [3, 7]) }
    func testDenseReLU() throws { try check({ Dense(5, activation: .relu) }, shape: [3, 7], h: 1e-3) }
    func testDenseSoftmax() throws { try check({ Dense(5, activation: .softmax) }, shape: [3, 7]) }
    func testLSTM() throws { try check({ LSTM(3, returnSequences: true) }, shape: [2, 4, 5]) }
    func testLSTMLastState() throws { try check({ LSTM(3) }, shape: [2, 4, 5]) }
    func testConv1D() throws { try check({ Conv1D(filters: 3, kernelSize: 6, padding: .same) }, shape: [2, 11, 2]) }
    func testMaxPooling1D() throws { try check({ MaxPooling1D(2) }, shape: [2, 9, 3], h: 1e-3) }
    /// Eleven channels: one eight-lane SIMD block plus a scalar tail.
    func testMaxPooling1DVectorAndTail() throws { try check({ MaxPooling1D(2) }, shape: [2, 9, 11], h: 1e-3) }
    /// Tiling windows wider than the Int8 winners of the tiling kernels: the general path.
    func testMaxPooling1DWiderThan127() throws { try check({ MaxPooling1D(130) }, shape: [2, 265, 2], h: 1e-3) }
    func testFlatten() throws { try check({ Flatten() }, shape: [2, 3, 4]) }
    func testReLU() throws { try check({ ReLU() }, shape: [4, 9], h: 1e-3) }
    func testSoftmax() throws { try check({ Softmax() }, shape: [3, 6]) }
    func testDropoutWithItsMask() throws { try check({ Dropout(0.4) }, shape: [4, 9], training: true) }
    /// An odd count: the last value takes a draw of its own.
    func testDropoutOddCount() throws { try check({ Dropout(0.4) }, shape: [3, 7], training: true) }

    /// A model whose last Dense is linear or ReLU (no softmax): its output is taken as
    /// probabilities, clipped, as Keras's cross-entropy with from_logits=False takes it,
    /// and the gradients are that loss's (the softmax-logits shortcut applies only to a
    /// softmax output). Central differences of the whole model's loss.
    func testALossOnANonSoftmaxOutputHasItsOwnGradient() throws {
        for activation in [Activation.Function.linear, .relu, .softmax] {
            let model = try Sequential(inputShape: [4], layers: [Dense(3, activation: activation)], seed: 1)
            let kernel = model.parameters[0]
            kernel.value.copy(from: (0..<12).map { 0.05 + Float($0 % 5) * 0.07 })  // outputs in (0, 1)
            let x = (0..<20).map { Float(($0 * 7) % 11) / 11 + 0.05 }
            let labels: [Int32] = [0, 1, 2, 1, 0]
            func loss() -> Float {
                x.withUnsafeBufferPointer { xp in labels.withUnsafeBufferPointer { lp in
                    model.lossAndGradients(xp.baseAddress!, labels: lp.baseAddress!, batch: 5, training: false).loss
                } }
            }
            let probabilities = try model.predict(try Tensor(shape: [5, 4], scalars: x))
            XCTAssertEqual(loss(), SparseCategoricalCrossentropy.loss(probabilities: probabilities, labels: labels.map(Int.init)),
                           accuracy: 1e-5, "\(activation)")
            let analytic = kernel.gradient.array
            let h: Float = 1e-2
            for i in 0..<12 {
                var values = (0..<12).map { 0.05 + Float($0 % 5) * 0.07 }
                values[i] += h; kernel.value.copy(from: values); let plus = loss()
                values[i] -= 2 * h; kernel.value.copy(from: values); let minus = loss()
                XCTAssertEqual(Double(analytic[i]), Double(plus - minus) / Double(2 * h), accuracy: 2e-3, "\(activation) dkernel[\(i)]")
            }
        }
    }
}
