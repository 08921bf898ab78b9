/// One weight array of a layer (a Keras variable): its name (`kernel`, `bias`, `gamma`,
/// `moving_mean`, ...), its shape, its values and, when trainable, its gradient.
public final class Parameter {
    public let name: String
    public let shape: [Int]
    public let trainable: Bool
    public let value: FloatBuffer
    /// The gradient of the loss for the last batch: of the values' size for a trainable
    /// weight and for any made by `init(name:shape:trainable:initialValues:)`, else empty.
    public let gradient: FloatBuffer

    /// Columns of the last axis whose gradient the layer's backward pass knows to be
    /// exactly zero, in every row (an LSTM over a single timestep: all of its recurrent
    /// kernel, and the forget gate's block of its kernel and bias, since the previous
    /// cell state is zero). Adam skips them while their moments are still zero, which
    /// leaves them exactly where the full update would.
    var zeroGradientColumns: Range<Int> = 0..<0

    /// True while `gradient` holds nothing but zeros because `fit`'s optimiser step
    /// cleared each value as it read it (`Adam.step(_:clearingGradients:)`). The
    /// product that computes this gradient next may then add into it instead of
    /// clearing it first: one pass over the weights less per batch (a tenth of an LSTM
    /// epoch). Skipped columns (`zeroGradientColumns`) are zeros by their own contract.
    var gradientCleared = false

    /// The beta for the matrix product that writes `gradient` next: 1, adding into the
    /// zeros the optimiser left, or 0, clearing it first. Either way the gradient is then
    /// no longer known to be cleared.
    func gradientProductBeta() -> Float {
        defer { gradientCleared = false }
        return gradientCleared ? 1 : 0
    }

    /// The length of the last axis (a row, for `zeroGradientColumns`).
    var rowLength: Int { shape.last ?? count }

    /// A weight of a layer of your own, created in its `build`: `name` within the layer
    /// (its path in saved weights is `model/layer/name`, e.g. `sequential/scale/gamma`),
    /// its shape, whether Adam trains it, and its starting values in row-major order.
    ///
    /// The layer's `backward` must then write every value of `gradient` for the batch,
    /// not add to it: what the buffer holds before is left over from earlier work. A
    /// frozen weight (`trainable` false) has a gradient of its full size too, which the
    /// layer may write or leave alone: Adam does not read it.
    ///
    /// A layer's weights need names of their own (`Sequential.init` refuses two alike,
    /// and one `Parameter` in two places): the names make their paths.
    ///
    /// - Throws: `LearnError.invalidArgument` when the values do not fill the shape
    ///   exactly, a dimension is below 1, or the name is empty or holds a `/` (which
    ///   separates the parts of the paths; `loadWeights` could never match it).
    public convenience init(name: String, shape: [Int], trainable: Bool = true, initialValues: [Float]) throws {
        guard !name.isEmpty, !name.contains("/") else {
            throw LearnError.invalidArgument("parameter '\(name)': a weight's name must be non-empty and hold no '/', "
                                             + "which separates the parts of its path in saved weights")
        }
        guard !shape.isEmpty, shape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.invalidArgument("parameter '\(name)': shape \(shape) needs dimensions of at least 1")
        }
        let (size, overflow) = shape.dropFirst().reduce((shape[0], false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d); return (p, acc.1 || o)
        }
        guard !overflow, size == initialValues.count else {
            throw LearnError.invalidArgument("parameter '\(name)': shape \(shape) holds "
                                             + (overflow ? "more values than an Int counts" : "\(size) values")
                                             + ", but \(initialValues.count) were given")
        }
        // A gradient even when frozen: the contract above has the layer write all of it
        // (an empty buffer there was written past its end).
        self.init(name, shape: shape, trainable: trainable, values: initialValues, gradientWhenFrozen: true)
    }

    /// Learn's own weights; a frozen one (a moving mean) has an empty gradient unless
    /// `gradientWhenFrozen`.
    init(_ name: String, shape: [Int], trainable: Bool = true, values: [Float], gradientWhenFrozen: Bool = false) {
        self.name = name
        self.shape = shape
        self.trainable = trainable
        value = FloatBuffer(count: values.count)
        value.copy(from: values)
        gradient = FloatBuffer(count: trainable || gradientWhenFrozen ? values.count : 0)
    }

    public var count: Int { value.count }
    public var values: [Float] { value.array }
}
