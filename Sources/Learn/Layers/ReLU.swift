/// Keras `ReLU()`: max(x, 0); the gradient passes where the output is positive.
public final class ReLU: Layer {
    public var name = ""
    public var typeName: String { "ReLU" }
    public var baseName: String { "re_lu" }
    public var parameters: [Parameter] { [] }
    private var perSample = 0
    /// Set by the model when the next layer is a MaxPooling1D that applies the ramp itself
    /// (max(relu(a), relu(b)) = relu(max(a, b))): this layer then passes data through.
    var foldedIntoPooling = false
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init() {}

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        perSample = inputShape.reduce(1, *)
        return inputShape
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        if foldedIntoPooling { return x }
        let n = batch * perSample
        let y = output.resize(n)
        for i in 0..<n { y[i] = max(x[i], 0) }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        if foldedIntoPooling { return dy }
        let n = batch * perSample
        let dx = inputGradient.resize(n), y = output.pointer
        for i in 0..<n { dx[i] = y[i] > 0 ? dy[i] : 0 }
        return UnsafePointer(dx)
    }
}
