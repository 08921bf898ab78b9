/// One weight array of a layer (a Keras variable): its name (`kernel`, `bias`, `gamma`,
/// `moving_mean`, ...), its shape, its values and, when trainable, its gradient.
public final class Parameter {
    public let name: String
    public let shape: [Int]
    public let trainable: Bool
    public let value: FloatBuffer
    /// The gradient of the loss for the last batch (trainable parameters only).
    public let gradient: FloatBuffer

    /// Set by a layer whose backward pass knows this gradient is exactly zero (an LSTM's
    /// recurrent kernel over a single timestep); Adam then skips the parameter while its
    /// moments are still zero, which leaves it exactly where the full update would.
    var gradientIsZero = false

    init(_ name: String, shape: [Int], trainable: Bool = true, values: [Float]) {
        self.name = name
        self.shape = shape
        self.trainable = trainable
        value = FloatBuffer(count: values.count)
        value.copy(from: values)
        gradient = FloatBuffer(count: trainable ? values.count : 0)
    }

    public var count: Int { value.count }
    public var values: [Float] { value.array }
}
