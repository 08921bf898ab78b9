/// Keras `AveragePooling1D(pool_size=2, strides=None, padding="valid")` on
/// (None, steps, channels): the mean of each window (strides default to the pool size).
/// With "same" padding an edge window divides by the steps it holds, as TensorFlow's
/// average pooling does; the gradient spreads dy · (1 / count) over the window, as its
/// AvgPoolGrad does.
public final class AveragePooling1D: Layer {
    public let poolSize: Int
    public let strides: Int
    public let padding: Padding
    public var name = ""
    public var typeName: String { "AveragePooling1D" }
    public var baseName: String { "average_pooling1d" }
    public var parameters: [Parameter] { [] }
    private var windows = PoolingWindows(steps: 0, pool: 1, stride: 1, padding: .valid)
    private var channels = 0
    private let output = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        windows = try PoolingWindows.build(layer: name, inputShape: inputShape, pool: poolSize, stride: strides, padding: padding)
        channels = inputShape[1]
        return [windows.outSteps, channels]
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        let windows = self.windows, channels = self.channels, steps = windows.steps, outSteps = windows.outSteps
        let y = output.resize(batch * outSteps * channels)
        for b in 0..<batch {
            for t in 0..<outSteps {
                let window = windows.window(t), yt = y + (b * outSteps + t) * channels
                yt.update(repeating: 0, count: channels)
                for s in window {
                    let xs = x + (b * steps + s) * channels
                    for c in 0..<channels { yt[c] += xs[c] }
                }
                let count = Float(window.count)
                for c in 0..<channels { yt[c] /= count }
            }
        }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard needsInputGradient else { return nil }
        let windows = self.windows, channels = self.channels, steps = windows.steps, outSteps = windows.outSteps
        let dx = inputGradient.resize(batch * steps * channels)
        dx.update(repeating: 0, count: batch * steps * channels)
        for b in 0..<batch {
            for t in 0..<outSteps {
                let window = windows.window(t), gt = dy + (b * outSteps + t) * channels
                let share = 1 / Float(window.count)
                for s in window {
                    let dxs = dx + (b * steps + s) * channels
                    for c in 0..<channels { dxs[c] += gt[c] * share }
                }
            }
        }
        return UnsafePointer(dx)
    }
}
