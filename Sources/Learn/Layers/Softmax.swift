#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Keras `Softmax()` over the last axis: exp(x - max) / sum.
public final class Softmax: Layer, LogitsOutput {
    public var name = ""
    var lossTakesLogits: Bool { true }
    var outputIsSoftmax: Bool { true }
    public var typeName: String { "Softmax" }
    public var baseName: String { "softmax" }
    public var parameters: [Parameter] { [] }
    private var width = 1
    private var perSample = 1
    private var input: UnsafePointer<Float>?
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init() {}

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        (width, perSample) = try Shape.lastAxis(of: inputShape, layer: name, named: "classes")
        return inputShape
    }

    var logits: UnsafePointer<Float> { input! }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        let total = batch * perSample
        let y = output.resize(total)
        Softmax.rows(x, into: y, rows: total / width, width: width)
        return UnsafePointer(y)
    }


    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        let total = batch * perSample
        let dx = inputGradient.resize(total)
        Softmax.backwardRows(dy, output: output.pointer, into: dx, rows: total / width, width: width)
        return UnsafePointer(dx)
    }

    func backward(logitGradient: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        needsInputGradient ? logitGradient : nil
    }

    /// Softmax of each row of `x` (max subtracted first, so large logits do not overflow).
    static func rows(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let xr = x + r * width, yr = y + r * width
            let m = rowMax(xr, width: width)
            var sum: Float = 0
            for j in 0..<width { yr[j] = expf(xr[j] - m); sum += yr[j] }
            let inv = 1 / sum
            for j in 0..<width { yr[j] *= inv }
        }
    }

    /// The largest of a row's `width` values, which softmax and log_softmax subtract first.
    static func rowMax(_ x: UnsafePointer<Float>, width: Int) -> Float {
        var m = x[0]
        for j in 1..<max(width, 1) { m = max(m, x[j]) }
        return m
    }

    /// dx = y ⊙ (dy - Σ dy ⊙ y), row by row.
    static func backwardRows(_ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                             into dx: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let o = r * width
            var dot: Float = 0
            for j in 0..<width { dot += dy[o + j] * y[o + j] }
            for j in 0..<width { dx[o + j] = y[o + j] * (dy[o + j] - dot) }
        }
    }
}
