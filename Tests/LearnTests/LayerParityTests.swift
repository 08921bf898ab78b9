import XCTest
@testable import Learn

/// Every layer's forward and backward pass against Keras 3 (fixtures from
/// scripts/reference/keras_fixtures.py), to 1e-5 relative.
final class LayerParityTests: XCTestCase {
    let rtol: Float = 1e-5

    /// The fixture `layer_<fixture>.npz` (in `folder` under Fixtures, if given): output,
    /// input and weight gradients, the values after the pass (`after:`) and after one
    /// default Adam step on the gradients (`adam:`). Prints the worst difference.
    func check(_ fixture: String, _ layer: Layer, training: Bool = false, folder: String? = nil, rtol: Float? = nil,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let rtol = rtol ?? self.rtol
        let f = try Fixture((folder.map { $0 + "/" } ?? "") + "layer_\(fixture).npz")
        var weights: [String: [Float]] = [:]
        for name in f.file.names where name.hasPrefix("w:") { weights[String(name.dropFirst(2))] = try f.floats(name) }
        let run = try LayerRun.run(layer, x: try f.floats("x"), shape: try f.shape("x"), dy: try f.floats("dy"),
                                   weights: weights, training: training)
        var compared = [("output", run.y, try f.floats("y")), ("input gradient", run.dx, try f.floats("dx"))]
        for name in f.file.names where name.hasPrefix("g:") {
            let key = String(name.dropFirst(2))
            compared.append(("d\(key)", run.gradients[key] ?? [], try f.floats(name)))
        }
        for name in f.file.names where name.hasPrefix("after:") {
            let key = String(name.dropFirst(6))
            compared.append(("\(key) after", run.values[key] ?? [], try f.floats(name)))
        }
        if f.file.names.contains(where: { $0.hasPrefix("adam:") }) {
            Adam().step(layer.parameters)
            for p in layer.parameters where p.trainable {
                compared.append(("\(p.name) after an Adam step", p.values, try f.floats("adam:\(p.name)")))
            }
        }
        var worst: Float = 0
        for (what, actual, reference) in compared {
            assertClose(actual, reference, rtol: rtol, "\(fixture) \(what)", file: file, line: line)
            if actual.count == reference.count { worst = max(worst, worstDifference(actual, reference).0) }
        }
        print("layer_\(fixture): worst relative difference to Keras \(worst)")
    }

    func testBatchNormalizationTraining() throws { try check("batchnorm_train", BatchNormalization(), training: true) }
    func testBatchNormalizationInference() throws { try check("batchnorm_infer", BatchNormalization()) }
    func testBatchNormalizationOneChannel() throws { try check("batchnorm_train_3d", BatchNormalization(), training: true) }
    func testDenseReLU() throws { try check("dense_relu", Dense(5, activation: .relu)) }
    func testDenseLinear() throws { try check("dense_linear", Dense(5)) }
    func testDenseSoftmax() throws { try check("dense_softmax", Dense(5, activation: .softmax)) }
    func testLSTMSequences() throws { try check("lstm_seq", LSTM(4, returnSequences: true)) }
    func testLSTMLastState() throws { try check("lstm_last", LSTM(4)) }
    func testConv1DKernel128() throws { try check("conv1d_k128", Conv1D(filters: 3, kernelSize: 128, padding: .same)) }
    func testConv1DEvenKernel() throws { try check("conv1d_k4", Conv1D(filters: 3, kernelSize: 4, padding: .same)) }
    func testConv1DOddKernel() throws { try check("conv1d_k5", Conv1D(filters: 3, kernelSize: 5, padding: .same)) }
    func testMaxPooling1D() throws { try check("maxpool", MaxPooling1D(2)) }
    func testFlatten() throws { try check("flatten", Flatten()) }
    func testReLU() throws { try check("relu", ReLU()) }
    func testSoftmax() throws { try check("softmax", Softmax()) }

    /// Dropout's mask is random, so its semantics are checked instead of Keras's values:
    /// identity in inference; in training each value is 0 or x/(1-rate), at about `rate`.
    func testDropout() throws {
        let n = 20_000
        let x = (0..<n).map { Float($0 % 13) + 1 }
        let inference = try LayerRun.run(Dropout(0.4), x: x, shape: [100, 200], dy: x, training: false)
        XCTAssertEqual(inference.y, x)
        XCTAssertEqual(inference.dx, x)
        let training = try LayerRun.run(Dropout(0.4), x: x, shape: [100, 200], dy: x, training: true)
        var dropped = 0
        for i in 0..<n {
            if training.y[i] == 0 { dropped += 1; XCTAssertEqual(training.dx[i], 0) } else {
                XCTAssertEqual(training.y[i], x[i] / 0.6, accuracy: 1e-5 * x[i])
                XCTAssertEqual(training.dx[i], x[i] / 0.6, accuracy: 1e-5 * x[i])
            }
        }
        XCTAssertEqual(Double(dropped) / Double(n), 0.4, accuracy: 0.02)
    }

    func testLossFromSoftmaxUsesLogits() throws {
        let f = try Fixture("loss_scce.npz")
        let logits = try f.floats("logits"), labels = try f.file.array(named: "labels").integers().map { Int32($0) }
        let rows = labels.count, classes = logits.count / rows
        var probs = [Float](repeating: 0, count: logits.count), grad = probs
        let loss = logits.withUnsafeBufferPointer { z in
            probs.withUnsafeMutableBufferPointer { p in
                Softmax.rows(z.baseAddress!, into: p.baseAddress!, rows: rows, width: classes)
                return labels.withUnsafeBufferPointer { l in
                    grad.withUnsafeMutableBufferPointer { g in
                        SparseCategoricalCrossentropy.fromLogits(z.baseAddress!, probabilities: p.baseAddress!, labels: l.baseAddress!,
                                                                 rows: rows, classes: classes, gradient: g.baseAddress!)
                    }
                }
            }
        }
        assertClose([loss], try f.floats("loss"), rtol: rtol, "loss")
        assertClose(grad, try f.floats("dlogits"), rtol: rtol, "dloss/dlogits")
    }

    func testLossOnProbabilitiesClips() throws {
        let f = try Fixture("loss_scce.npz")
        let probs = try f.floats("probs"), labels = try f.file.array(named: "labels").integers().map { Int32($0) }
        let rows = labels.count, classes = probs.count / rows
        var grad = [Float](repeating: 0, count: probs.count)
        let loss = probs.withUnsafeBufferPointer { p in
            labels.withUnsafeBufferPointer { l in
                grad.withUnsafeMutableBufferPointer { g in
                    SparseCategoricalCrossentropy.fromProbabilities(p.baseAddress!, labels: l.baseAddress!, rows: rows,
                                                                    classes: classes, gradient: g.baseAddress!)
                }
            }
        }
        assertClose([loss], try f.floats("loss_probs"), rtol: rtol, "clipped loss")
        assertClose(grad, try f.floats("dprobs"), rtol: rtol, "dloss/dprobs")
    }

    func testAdamThreeSteps() throws { try checkAdam("adam.npz", Adam(), shapes: [[3, 4], [5]]) }

    /// Three steps of `adam` on variables v1, v2, ... of `shapes`, from the fixture's
    /// values `v<i>_0` and gradients `g<i>_<step>`, against Keras's `v<i>_<step>`.
    func checkAdam(_ fixture: String, _ adam: Adam, shapes: [[Int]], file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try Fixture(fixture)
        let variables = try shapes.enumerated().map { i, shape in
            Parameter("v\(i + 1)", shape: shape, values: try f.floats("v\(i + 1)_0"))
        }
        for step in 1...3 {
            for (i, p) in variables.enumerated() { p.gradient.copy(from: try f.floats("g\(i + 1)_\(step)")) }
            adam.step(variables)
            for (i, p) in variables.enumerated() {
                assertClose(p.values, try f.floats("v\(i + 1)_\(step)"), rtol: rtol,
                            "\(fixture): Adam step \(step), variable \(i + 1)", file: file, line: line)
            }
        }
    }
}
