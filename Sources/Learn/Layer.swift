/// What a layer sees while running: training or inference mode, and the random stream
/// for dropout masks.
public final class RunContext {
    public var training: Bool
    public var rng: SeededGenerator

    public init(training: Bool, seed: UInt64 = 0) {
        self.training = training
        rng = SeededGenerator(seed: seed)
    }
}

/// A layer: a forward pass and, next to it, its backward pass.
///
/// Layers work on a batch laid out contiguously: `batch` samples of `inputShape`
/// values each, row-major. `forward` returns a pointer to the layer's own output buffer,
/// valid until the layer runs again; `backward` takes the gradient of the loss with
/// respect to that output, stores the parameters' gradients and, when asked, returns
/// the gradient with respect to the input. Shapes are per sample (no batch axis).
///
/// A layer of your own creates its weights in `build` (`Parameter(name:shape:...)`),
/// lists them in `parameters`, and writes their gradients in `backward`; Adam then
/// updates them and `saveWeights` writes them like Learn's own. A layer belongs to one
/// model at a time (see `Sequential.init`).
public protocol Layer: AnyObject {
    /// Keras's name for the layer type, e.g. `Dense`.
    var typeName: String { get }
    /// The stem of automatic names, e.g. `dense` → `dense`, `dense_1`, ...
    var baseName: String { get }
    /// The layer's name in the model, which makes its weights' paths. A name set before
    /// the model is built is kept (Keras's `name=`); an empty one is given an automatic
    /// name then (`dense`, `dense_1`, ...; see `LayerNames`).
    var name: String { get set }
    /// The weights in Keras's order.
    var parameters: [Parameter] { get }
    /// Checks the input shape, creates the weights, and returns the output shape.
    func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int]
    func forward(_ input: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float>
    func backward(_ outputGradient: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>?
}

/// A layer whose output can carry its logits for the loss. When it does
/// (`lossTakesLogits`), the loss works from the logits, as Keras's does: Keras 3 caches a
/// softmax's or a sigmoid's input on its output (`_keras_logits`), and its sparse
/// categorical cross-entropy then takes the softmax cross-entropy of those logits and
/// passes back the gradient with respect to them.
protocol LogitsOutput: Layer {
    /// Whether this layer's output is a softmax or a sigmoid of `logits` (a `Dense` or an
    /// `Activation` with that function, or a `Softmax`; any other output is taken as
    /// probabilities, clipped).
    var lossTakesLogits: Bool { get }
    /// Whether the output is the softmax of `logits` (else a sigmoid: the loss's gradient
    /// then needs a softmax of its own).
    var outputIsSoftmax: Bool { get }
    var logits: UnsafePointer<Float> { get }
    func backward(logitGradient: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>?
}

extension Layer {
    /// The layer with `name` set, for use inside a model's list as Keras's `name=` is:
    /// `Dense(64, activation: .relu).named("encoder")` saves its weights under
    /// `sequential/encoder/...`. The model checks the names when it is built.
    @discardableResult
    public func named(_ name: String) -> Self {
        self.name = name
        return self
    }

    /// The number of scalars in all weights.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}
