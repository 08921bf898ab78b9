import Foundation
import NumPy
import TestSupport
import XCTest
@testable import Learn

/// Whole tutorial models against Keras: predictions, loss and gradients with the same
/// (formula) weights, to 1e-4 relative; Keras-initialised weights loading and predicting.
final class ModelParityTests: XCTestCase {
    let rtol: Float = 1e-4

    func check(_ fixture: String, _ model: Sequential) throws {
        let f = try Fixture("model_\(fixture).npz")
        FormulaWeights.apply(to: model)
        let x = try Tensor(shape: try f.shape("x"), scalars: try f.floats("x"))
        let labels = try f.file.array(named: "labels").integers().map { Int($0) }
        let probs = try model.predict(x)
        assertClose(probs.scalars, try f.floats("probs"), rtol: rtol, "\(fixture) predictions")
        let (input, labelPointer) = model.gather(x, labels: labels, indices: Array(0..<x.count)[...])
        let result = model.lossAndGradients(input, labels: labelPointer!, batch: x.count, training: false)
        assertClose([result.loss], try f.floats("loss"), rtol: rtol, "\(fixture) loss")
        let norms = f.file.names.filter { $0.hasPrefix("gnorm:") }
        let trainable = model.parameters.filter(\.trainable)
        XCTAssertEqual(norms.count, trainable.count)
        for (key, p) in zip(norms, trainable) {
            let g = p.gradient.array
            let norm = Float(g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
            assertClose([norm], try f.floats(key), rtol: rtol, "\(fixture) |d\(key.dropFirst(6))|")
            // Element-wise, many gradient entries are float32 noise around zero; the
            // standard measure for a gradient vector is the norm of the difference.
            let head = try f.floats("ghead:" + key.dropFirst(6))
            let difference = zip(g.prefix(head.count), head).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
            let size = head.reduce(0.0) { $0 + Double($1) * Double($1) }
            XCTAssertLessThanOrEqual(difference.squareRoot(), Double(rtol) * size.squareRoot(),
                                     "\(fixture) d\(key.dropFirst(6))[..<512]: |ours - keras| vs |keras|")
        }
    }

    func testSdFC() throws { try check("sd_fc", try Models.sdFC()) }
    func testLSTM() throws { try check("lstm", try Models.lstm()) }
    func testSiCNN() throws { try check("si_cnn", try Models.siCNN()) }

    /// Weights exported from a Keras sd_fc (np.savez of model.weights by path) load, in
    /// Keras's order, and give Keras's predictions.
    func testKerasWeightsGiveKerasPredictions() throws {
        let model = try Models.sdFC(seed: 99)
        try model.loadWeights(from: ReferencePaths.fixture("LearnTests", "sd_fc_keras_weights.npz"))
        let f = try Fixture("sd_fc_keras_predictions.npz")
        let x = try Tensor(shape: try f.shape("x"), scalars: try f.floats("x"))
        assertClose(try model.predict(x).scalars, try f.floats("probs"), rtol: rtol, "Keras-initialised sd_fc predictions")
    }

    func testWeightPathsFollowKerasOrder() throws {
        let file = try NPZ.read(contentsOf: ReferencePaths.fixture("LearnTests", "sd_fc_keras_weights.npz"))
        let ours = try Models.sdFC().weightPaths
        // Keras numbers layers across a session (dense_9); strip the numbering to compare.
        func stem(_ path: String) -> String {
            path.split(separator: "/").map { $0.replacingOccurrences(of: #"_\d+$"#, with: "", options: .regularExpression) }
                .joined(separator: "/")
        }
        XCTAssertEqual(ours.map(stem), file.names.map(stem))
        XCTAssertEqual(Array(ours.prefix(5)), ["sequential/batch_normalization/gamma", "sequential/batch_normalization/beta",
                                               "sequential/batch_normalization/moving_mean",
                                               "sequential/batch_normalization/moving_variance", "sequential/dense/kernel"])
        XCTAssertEqual(try Models.lstm().weightPaths[5], "sequential/lstm/lstm_cell/recurrent_kernel")
    }

    func testSaveAndLoadRoundTrip() throws {
        let a = try Models.siCNN(seed: 1), b = try Models.siCNN(seed: 2)
        XCTAssertNotEqual(a.parameters[4].values, b.parameters[4].values)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-roundtrip-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try a.saveWeights(to: url)
        try b.loadWeights(from: url)
        for (p, q) in zip(a.parameters, b.parameters) { XCTAssertEqual(p.values, q.values, p.name) }
    }

    func testLoadingWrongShapesIsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-wrong-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try Models.sdFC(inputs: 10).saveWeights(to: url)
        let model = try Models.sdFC()
        XCTAssertThrowsError(try model.loadWeights(from: url)) { error in
            XCTAssert("\(error)".contains("[10]") && "\(error)".contains("[386]"), "\(error)")
        }
    }

    /// An archive with an array too few or too many names it when its other names are the
    /// model's paths (the message gave only the counts, leaving the user to diff the
    /// lists); with another session's names (`sequential_3/...`) only the counts can be said.
    func testAMissingOrExtraArrayIsNamed() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(3, activation: .relu), Dense(2, activation: .softmax)])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-count-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        let arrays = try model.weightArrays()
        func message(_ archive: [(name: String, array: NPYArray)]) throws -> String {
            try NPZ.write(archive, to: url)
            do { try model.loadWeights(from: url) } catch { return "\(error)" }
            return "loaded"
        }
        XCTAssertEqual(try message(arrays.filter { $0.name != "sequential/dense_1/bias" }),
                       "weights: \(url.path) holds 3 arrays, the model has 4 weights; missing: 'sequential/dense_1/bias'")
        XCTAssertEqual(try message(arrays + [("notes", try NPYArray(float32: [1]))]),
                       "weights: \(url.path) holds 5 arrays, the model has 4 weights; not weights of this model: 'notes'")
        let otherSession = arrays.dropLast().map { ($0.name.replacingOccurrences(of: "sequential/", with: "sequential_3/"), $0.array) }
        XCTAssertEqual(try message(otherSession), "weights: \(url.path) holds 3 arrays, the model has 4 weights")
    }

    /// Arrays named exactly as this model's weights load by name in any order; a
    /// negative moving variance (a NaN in every prediction) is refused, and the model
    /// keeps its weights.
    func testWeightsLoadByNameAndNegativeVarianceIsRefused() throws {
        let a = try Models.sdFC(seed: 1), b = try Models.sdFC(seed: 2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-named-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        var arrays = try a.weightArrays()
        try NPZ.write(arrays.reversed(), to: url)
        try b.loadWeights(from: url)
        for (p, q) in zip(a.parameters, b.parameters) { XCTAssertEqual(p.values, q.values, p.name) }

        let c = try Models.sdFC(seed: 3)
        let before = c.parameters.map(\.values)
        let variance = try XCTUnwrap(arrays.firstIndex { $0.name.hasSuffix("moving_variance") })
        var values = arrays[variance].array.floats
        values[7] = -1
        arrays[variance].array = try NPYArray(float32: values, shape: arrays[variance].array.shape)
        try NPZ.write(arrays, to: url)
        XCTAssertThrowsError(try c.loadWeights(from: url)) {
            XCTAssertEqual($0 as? LearnError, .unusableWeights(
                "\(url.path): 'sequential/batch_normalization/moving_variance' has a negative variance (-1.0) at index 7"))
        }
        XCTAssertEqual(c.parameters.map(\.values), before)
    }
}
