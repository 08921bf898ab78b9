/// Keras `Activation(activation)`: applies an activation function to its input, of any
/// shape (softmax over the last axis; glu halves it). `Activation(.linear)` passes data
/// through.
public final class Activation: Layer, LogitsOutput {
    public let function: Function
    public var name = ""
    public var typeName: String { "Activation" }
    public var baseName: String { "activation" }
    public var parameters: [Parameter] { [] }
    private var width = 1, perSample = 1, outputPerSample = 1
    private var input: UnsafePointer<Float>?
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ function: Function) { self.function = function }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        (width, perSample) = try Shape.lastAxis(of: inputShape, layer: name, named: "features")
        let shape = try function.outputShape(inputShape, layer: name, axis: "features")
        outputPerSample = shape.reduce(1, *)
        return shape
    }

    var lossTakesLogits: Bool { function.outputKeepsLogits }
    var outputIsSoftmax: Bool { function == .softmax }
    var logits: UnsafePointer<Float> { input! }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        if function == .linear { return x }
        let y = output.resize(batch * outputPerSample)
        function.apply(x, into: y, rows: batch * perSample / width, width: width)
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient, let x = input else { return nil }
        if function == .linear { return dy }
        let dx = inputGradient.resize(batch * perSample)
        function.gradient(dy, input: x, output: output.pointer, into: dx, rows: batch * perSample / width, width: width)
        return UnsafePointer(dx)
    }

    func backward(logitGradient: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        needsInputGradient ? logitGradient : nil
    }
}
