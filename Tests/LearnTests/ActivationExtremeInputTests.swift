import XCTest
@testable import Learn

/// |a - r| ≤ rtol·|r| value by value, a value below the smallest normal float counting as
/// 0 on either side (TensorFlow flushes subnormal results to zero, glibc keeps them). A
/// NaN or an infinity where the reference is finite fails; the same infinity passes.
func assertCloseValueByValue(_ actual: [Float], _ reference: [Float], rtol: Float, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, reference.count, "\(what): count", file: file, line: line)
    func normal(_ v: Float) -> Float { abs(v) < Float.leastNormalMagnitude ? 0 : v }
    func close(_ a: Float, _ r: Float) -> Bool { a == r || abs(normal(a) - normal(r)) <= rtol * abs(normal(r)) }
    for (i, (a, r)) in zip(actual, reference).enumerated() where !close(a, r) {
        XCTFail("\(what)[\(i)]: \(a) vs \(r)", file: file, line: line)
    }
}

extension LayerParityTests {
    /// celu, hard_tanh, log_sigmoid and squareplus, value by value (the measure of `check`
    /// scales its allowance by the largest value, here up to 3e38): on the inputs of
    /// testActivationLayers, and on inputs out to ±1e19 (±3e38 but for squareplus, whose
    /// x² overflows there in Keras too), where exp(-x) leaves the normal floats (±87,
    /// ±88.8), where squareplus cancels (-300 to -1e5) and at ±1e-6; from
    /// keras_remaining_activations.py. At x = -100 this holds squareplus's gradient to
    /// TensorFlow's rounding (SqrtGrad's reciprocal, see SmoothActivations.swift).
    func testActivationsValueByValue() throws {
        for function in [Activation.Function.celu, .hardTanh, .logSigmoid, .squareplus] {
            for fixture in ["activation", "activation_extreme"] {
                try checkValueByValue(function, fixture, rtol: 1e-6)
            }
        }
    }

    /// Activation(function) on the fixture more/layer_<fixture>_<name>.npz, output and
    /// input gradient held value by value to `rtol`.
    func checkValueByValue(_ function: Activation.Function, _ fixture: String, rtol: Float,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let name = "\(fixture)_\(function.rawValue)"
        let f = try Fixture("more/layer_\(name).npz")
        let run = try LayerRun.run(Activation(function), x: try f.floats("x"), shape: try f.shape("x"),
                                   dy: try f.floats("dy"), training: false)
        assertCloseValueByValue(run.y, try f.floats("y"), rtol: rtol, "\(name): output", file: file, line: line)
        assertCloseValueByValue(run.dx, try f.floats("dx"), rtol: rtol, "\(name): input gradient", file: file, line: line)
    }
}

final class LogSigmoidRangeTests: XCTestCase {
    /// Over every power of two of either sign up to the largest float, log_sigmoid and its
    /// gradient are finite and within 2e-6 of log(sigmoid(x)) and sigmoid(-x) taken
    /// stably in Double. log(1 / (1 + exp(-x))) in Float would give -inf below -88.7 and
    /// 0 in place of -exp(-x) above 17.
    func testFiniteAndAccurateForEveryMagnitude() throws {
        var x: [Float] = [0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        for exponent in -20...127 {
            let magnitude = Float(sign: .plus, exponent: exponent, significand: 1)
            x += [magnitude, -magnitude, magnitude * 1.5, -magnitude * 1.5]
        }
        let dy = [Float](repeating: 1, count: x.count)
        let run = try LayerRun.run(Activation(.logSigmoid), x: x, shape: [1, x.count], dy: dy, training: false)
        func logSigmoid(_ v: Double) -> Double { v < 0 ? v - log1p(exp(v)) : -log1p(exp(-v)) }
        func sigmoidOfMinus(_ v: Double) -> Double { v < 0 ? 1 / (1 + exp(v)) : exp(-v) / (1 + exp(-v)) }
        XCTAssertTrue(run.y.allSatisfy(\.isFinite) && run.dx.allSatisfy(\.isFinite), "finite everywhere")
        assertCloseValueByValue(run.y, x.map { Float(logSigmoid(Double($0))) }, rtol: 2e-6, "log_sigmoid")
        assertCloseValueByValue(run.dx, x.map { Float(sigmoidOfMinus(Double($0))) }, rtol: 2e-6, "log_sigmoid's gradient")
    }
}
