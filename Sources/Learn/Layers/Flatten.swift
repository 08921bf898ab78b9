/// Keras `Flatten()`: (None, a, b, ...) → (None, a·b·...). The data is already contiguous,
/// so both passes hand their buffer through unchanged.
public final class Flatten: Layer {
    public var name = ""
    public var typeName: String { "Flatten" }
    public var baseName: String { "flatten" }
    public var parameters: [Parameter] { [] }

    public init() {}

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        [inputShape.reduce(1, *)]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> { x }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        needsInputGradient ? dy : nil
    }
}
