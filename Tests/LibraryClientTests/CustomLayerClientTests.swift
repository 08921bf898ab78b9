import Learn
import XCTest

/// A dense layer written outside Learn, with weights of its own: `y = x W + b`, plain
/// loops, no BLAS. Its parameters have Dense's names, so its saved paths are Keras's.
private final class PlainDense: Layer {
    let typeName = "PlainDense"
    let baseName = "plain_dense"
    var name = ""
    private(set) var parameters: [Parameter] = []
    private let units: Int
    private var inputs = 0
    private var output: [Float] = [], inputGradient: [Float] = []
    private var lastInput: UnsafePointer<Float>?

    init(units: Int) { self.units = units }

    func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 1 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(features)", actual: inputShape)
        }
        inputs = inputShape[0]
        parameters = [try Parameter(name: "kernel", shape: [inputs, units], initialValues: .init(repeating: 0, count: inputs * units)),
                      try Parameter(name: "bias", shape: [units], initialValues: .init(repeating: 0, count: units))]
        return [units]
    }

    func forward(_ input: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        lastInput = input
        output = .init(repeating: 0, count: batch * units)
        let w = parameters[0].value.pointer, b = parameters[1].value.pointer
        for s in 0..<batch {
            for u in 0..<units {
                var sum = b[u]
                for i in 0..<inputs { sum += input[s * inputs + i] * w[i * units + u] }
                output[s * units + u] = sum
            }
        }
        return output.withUnsafeBufferPointer { UnsafePointer($0.baseAddress!) }
    }

    func backward(_ outputGradient: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        let x = lastInput!, w = parameters[0].value.pointer
        let dw = parameters[0].gradient.pointer, db = parameters[1].gradient.pointer
        // Written, not added to: the buffers hold whatever was there before.
        for i in 0..<inputs {
            for u in 0..<units {
                var sum: Float = 0
                for s in 0..<batch { sum += x[s * inputs + i] * outputGradient[s * units + u] }
                dw[i * units + u] = sum
            }
        }
        for u in 0..<units {
            var sum: Float = 0
            for s in 0..<batch { sum += outputGradient[s * units + u] }
            db[u] = sum
        }
        guard needsInputGradient else { return nil }
        inputGradient = .init(repeating: 0, count: batch * inputs)
        for s in 0..<batch {
            for i in 0..<inputs {
                var sum: Float = 0
                for u in 0..<units { sum += outputGradient[s * units + u] * w[i * units + u] }
                inputGradient[s * inputs + i] = sum
            }
        }
        return inputGradient.withUnsafeBufferPointer { UnsafePointer($0.baseAddress!) }
    }
}

/// `y = x · gamma`, feature by feature, with its weight made as asked: frozen, or one
/// given to it (to share with another layer), or several (to name alike).
private final class Scale: Layer {
    let typeName = "Scale"
    let baseName = "scale"
    var name = ""
    private(set) var parameters: [Parameter] = []
    private let make: (Int) throws -> [Parameter]
    private var width = 0
    private var output: [Float] = [], inputGradient: [Float] = []
    private var lastInput: UnsafePointer<Float>?

    init(_ make: @escaping (Int) throws -> [Parameter]) { self.make = make }

    func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        width = inputShape.reduce(1, *)
        parameters = try make(width)
        return inputShape
    }

    func forward(_ input: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        lastInput = input
        let gamma = parameters[0].value.pointer
        output = (0..<(batch * width)).map { input[$0] * gamma[$0 % width] }
        return output.withUnsafeBufferPointer { UnsafePointer($0.baseAddress!) }
    }

    func backward(_ outputGradient: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        let x = lastInput!, gamma = parameters[0].value.pointer, dGamma = parameters[0].gradient.pointer
        // Every value written, as Parameter's contract says, whether trainable or not.
        for f in 0..<parameters[0].count {
            dGamma[f] = (0..<batch).reduce(0) { $0 + x[$1 * width + f] * outputGradient[$1 * width + f] }
        }
        guard needsInputGradient else { return nil }
        inputGradient = (0..<(batch * width)).map { outputGradient[$0] * gamma[$0 % width] }
        return inputGradient.withUnsafeBufferPointer { UnsafePointer($0.baseAddress!) }
    }
}

/// A layer of one's own with weights, as another package writes it: trained by Adam,
/// counted by the summary and saved under its name, like Learn's own.
final class CustomLayerClientTests: XCTestCase {
    /// Three linearly separable clusters in 6 dimensions.
    private func data() throws -> (x: Tensor, labels: [Int]) {
        var rng = SeededGenerator(seed: 7)
        var values: [Float] = [], labels: [Int] = []
        for n in 0..<96 {
            let label = n % 3
            for f in 0..<6 { values.append(Float(f % 3 == label ? 1 : 0) + Float.random(in: -0.3...0.3, using: &rng)) }
            labels.append(label)
        }
        return (try Tensor(shape: [96, 6], scalars: values), labels)
    }

    /// Trained from the same starting weights, the plain layer ends where Dense does:
    /// Adam updates its parameters as it updates Learn's, from the gradients it wrote.
    func testAWeightedLayerOfOnesOwnTrainsAsDenseDoes() throws {
        let (x, labels) = try data()
        let dense = try Sequential(inputShape: [6], layers: [Dense(4), Dense(3, activation: .softmax)], seed: 1)
        let plain = try Sequential(inputShape: [6], layers: [PlainDense(units: 4), Dense(3, activation: .softmax)], seed: 1)
        XCTAssertEqual(plain.parameterCounts.total, dense.parameterCounts.total)
        XCTAssertTrue(plain.summary.contains("plain_dense (PlainDense)"), plain.summary)
        let start = FileManager.default.temporaryDirectory.appendingPathComponent("custom-layer-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: start) }
        try dense.saveWeights(to: start)
        try plain.loadWeights(from: start)  // by order: the first layer's names differ
        let initial = dense.parameters.map(\.values)
        XCTAssertEqual(plain.parameters.map(\.values), initial)

        let options = FitOptions(epochs: 5, batchSize: 16, seed: 3)
        let denseHistory = try dense.fit(x, labels, options: options)
        let plainHistory = try plain.fit(x, labels, options: options)
        XCTAssertLessThan(plainHistory.loss.last!, plainHistory.loss.first!, "it learns")
        for ((p, d), before) in zip(zip(plain.parameters, dense.parameters), initial) {
            XCTAssertNotEqual(p.values, before, "\(d.name) moved")
            for (a, b) in zip(p.values, d.values) { XCTAssertEqual(a, b, accuracy: 1e-4 * max(1, abs(b)), d.name) }
        }
        for (a, b) in zip(plainHistory.loss, denseHistory.loss) { XCTAssertEqual(a, b, accuracy: 1e-5) }

        // Saved under its own name, and read back.
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("custom-layer-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: saved) }
        try plain.saveWeights(to: saved)
        XCTAssertEqual(try plain.weightArrays().map(\.name).prefix(2), ["sequential/plain_dense/kernel", "sequential/plain_dense/bias"])
        let again = try Sequential(inputShape: [6], layers: [PlainDense(units: 4), Dense(3, activation: .softmax)], seed: 9)
        try again.loadWeights(from: saved)
        XCTAssertEqual(try again.predict(x).scalars, try plain.predict(x).scalars)
    }

    /// A frozen weight of one's own has a gradient to write, as the contract says: it
    /// was an empty buffer, which a layer writing every value wrote past its end.
    func testAFrozenWeightOfOnesOwnHasAGradientToWrite() throws {
        let (x, labels) = try data()
        let scale = Scale { width in
            [try Parameter(name: "gamma", shape: [width], trainable: false, initialValues: .init(repeating: 0.5, count: width))]
        }
        let model = try Sequential(inputShape: [6], layers: [scale, Dense(3, activation: .softmax)], seed: 1)
        let gamma = scale.parameters[0]
        XCTAssertEqual(model.parameterCounts.nonTrainable, 6)
        // Checked before training: without its room, backward would write past the buffer.
        guard gamma.gradient.count == gamma.count else {
            return XCTFail("a frozen weight's gradient holds \(gamma.gradient.count) values, not \(gamma.count)")
        }
        try model.fit(x, labels, options: FitOptions(epochs: 2, batchSize: 20, seed: 3))  // a partial last batch too
        XCTAssertEqual(gamma.values, .init(repeating: 0.5, count: 6), "Adam leaves a frozen weight alone")
    }

    /// A weight's name makes its path: two alike in one layer, or one `Parameter` in two
    /// places, are refused when the model is built, not when its weights are saved after
    /// training (or, for a shared one, never, while Adam stepped it twice).
    func testWeightsNeedNamesAndPlacesOfTheirOwn() throws {
        func gamma(_ width: Int, _ name: String = "gamma") throws -> Parameter {
            try Parameter(name: name, shape: [width], initialValues: .init(repeating: 1, count: width))
        }
        XCTAssertThrowsError(try Sequential(inputShape: [6], layers: [
            Scale { [try gamma($0), try gamma($0)] }, Dense(3, activation: .softmax),
        ])) { error in
            XCTAssertTrue("\(error)".contains("scale") && "\(error)".contains("two of its weights are named 'gamma'"), "\(error)")
        }
        let shared = try gamma(6)
        XCTAssertThrowsError(try Sequential(inputShape: [6], layers: [
            Scale { _ in [shared] }, Scale { _ in [shared] }, Dense(3, activation: .softmax),
        ])) { error in
            XCTAssertTrue("\(error)".contains("scale_1") && "\(error)".contains("'gamma' is listed twice"), "\(error)")
        }
        for name in ["", "a/b"] {
            XCTAssertThrowsError(try gamma(2, name)) { error in
                XCTAssertTrue("\(error)".contains("must be non-empty and hold no '/'"), "\(error)")
            }
        }
        // Names of their own, in layers of their own: built, saved and read back.
        let model = try Sequential(inputShape: [6], layers: [
            Scale { [try gamma($0), try gamma($0, "beta")] }, Scale { [try gamma($0)] }, Dense(3, activation: .softmax),
        ])
        XCTAssertEqual(model.weightPaths.prefix(3), ["sequential/scale/gamma", "sequential/scale/beta", "sequential/scale_1/gamma"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("custom-names-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: file) }
        try model.saveWeights(to: file)
        try model.loadWeights(from: file)
    }

    func testParameterValuesMustFillTheirShape() {
        XCTAssertThrowsError(try Parameter(name: "gamma", shape: [2, 3], initialValues: [1, 2, 3])) { error in
            XCTAssertEqual("\(error)".contains("parameter 'gamma': shape [2, 3] holds 6 values, but 3 were given"), true, "\(error)")
        }
        XCTAssertThrowsError(try Parameter(name: "gamma", shape: [0], initialValues: []))
        XCTAssertThrowsError(try Parameter(name: "gamma", shape: [], initialValues: [1]))
        XCTAssertThrowsError(try Parameter(name: "gamma", shape: [Int.max, 2], initialValues: [1]))
        XCTAssertEqual(try Parameter(name: "gamma", shape: [2], initialValues: [1, 2]).values, [1, 2])
    }
}
