import Foundation
import NumPy
import TestSupport
import XCTest
@testable import Learn

/// Closeness of our values to a reference, numpy-allclose style with the absolute part
/// scaled to the array: |a - r| <= rtol · (|r| + max|ref|·1e-2). The scaled absolute term
/// keeps values near zero (where float32 sums cancel) from failing a purely relative test.
func assertClose(_ actual: [Float], _ reference: [Float], rtol: Float, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, reference.count, "\(what): count", file: file, line: line)
    guard actual.count == reference.count else { return }
    let (worst, worstIndex) = worstDifference(actual, reference)
    XCTAssert(worst <= rtol, "\(what): worst relative difference \(worst) > \(rtol) at \(worstIndex): " +
              "\(actual[worstIndex]) vs \(reference[worstIndex])", file: file, line: line)
}

/// The largest |a - r| / (|r| + max|ref|·1e-2) of `assertClose`, and where it is.
func worstDifference(_ actual: [Float], _ reference: [Float]) -> (Float, Int) {
    let scale = reference.map { abs($0) }.max() ?? 0
    var worst: Float = 0, worstIndex = 0
    for i in actual.indices {
        let excess = abs(actual[i] - reference[i]) / (abs(reference[i]) + 1e-2 * scale + Float.leastNormalMagnitude)
        if !(excess <= worst) { worst = excess; worstIndex = i }
    }
    return (worst, worstIndex)
}

/// A fixture written by scripts/reference/keras_fixtures.py.
struct Fixture {
    let file: NPZFile
    init(_ name: String) throws {
        file = try NPZ.read(contentsOf: ReferencePaths.fixture("LearnTests", name))
    }
    func floats(_ key: String) throws -> [Float] { try file.array(named: key).floats }
    func shape(_ key: String) throws -> [Int] { try file.array(named: key).shape }
}

/// A layer run outside a model: built for the fixture's input shape, given the fixture's
/// weights, run forward and backward once.
struct LayerRun {
    var y: [Float]
    var dx: [Float]
    var gradients: [String: [Float]]
    var values: [String: [Float]]

    static func run(_ layer: Layer, x: [Float], shape: [Int], dy: [Float], weights: [String: [Float]] = [:],
                    training: Bool, seed: UInt64 = 0) throws -> LayerRun {
        var rng = SeededGenerator(seed: 1)
        layer.name = layer.baseName
        let outShape = try layer.build(inputShape: Array(shape.dropFirst()), rng: &rng)
        for p in layer.parameters { if let w = weights[p.name] { p.value.copy(from: w) } }
        let batch = shape[0]
        return x.withUnsafeBufferPointer { xb in
            dy.withUnsafeBufferPointer { db in
                let context = RunContext(training: training, seed: seed)
                let yp = layer.forward(xb.baseAddress!, batch: batch, context: context)
                let y = Array(UnsafeBufferPointer(start: yp, count: batch * outShape.reduce(1, *)))
                let dxp = layer.backward(db.baseAddress!, batch: batch, needsInputGradient: true)
                let dx = dxp.map { Array(UnsafeBufferPointer(start: $0, count: x.count)) } ?? []
                var g: [String: [Float]] = [:], v: [String: [Float]] = [:]
                for p in layer.parameters {
                    if p.trainable { g[p.name] = p.gradient.array }
                    v[p.name] = p.values
                }
                return LayerRun(y: y, dx: dx, gradients: g, values: v)
            }
        }
    }
}

/// The deterministic weights of the model fixtures (`formula_weight` in keras_fixtures.py).
enum FormulaWeights {
    static func values(index: Int, name: String, shape: [Int]) -> [Float] {
        let n = shape.reduce(1, *)
        return (0..<n).map { k -> Float in
            let hash = (UInt64(k) &* 2_654_435_761 &+ UInt64(index + 1) &* 97531) % 4_294_967_296
            let base = Double(hash) / 4_294_967_296 * 2 - 1
            switch name {
            case "gamma": return Float(1 + 0.1 * base)
            case "moving_variance": return Float(0.75 + 0.25 * base)
            case "beta", "moving_mean": return Float(0.1 * base)
            default:
                if shape.count == 1 { return Float(0.1 * base) }
                return Float(1.5 / Double(n / shape[shape.count - 1]).squareRoot() * base)
            }
        }
    }

    static func apply(to model: Sequential) {
        for (i, p) in model.parameters.enumerated() {
            p.value.copy(from: values(index: i, name: p.name, shape: p.shape))
        }
    }
}
