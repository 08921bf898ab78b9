/// A stack of layers, built for a per-sample input shape (Keras `Sequential` with an
/// `Input`). Building checks every layer's input shape and creates the weights from a
/// seeded generator, so the same seed gives the same initial weights.
///
/// There is no `compile` step: a model is always compiled as the tutorial compiles its
/// four, `compile(optimizer=Adam(), loss='sparse_categorical_crossentropy',
/// metrics=['accuracy'])`. `fit` takes integer class labels (0 to classes - 1), and
/// `optimizer` holds Adam's settings.
public final class Sequential {
    public let name: String
    /// The per-sample input shape, e.g. [386] or [1, 386].
    public let inputShape: [Int]
    public let layers: [Layer]
    /// Each layer's per-sample output shape.
    public let outputShapes: [[Int]]
    /// The optimiser `fit` uses; its moments persist across `fit` calls, as in Keras.
    public var optimizer = Adam()

    let context = RunContext(training: false)
    private let lossGradient = FloatBuffer()
    private let logitSoftmax = FloatBuffer()
    private let inputBuffer = FloatBuffer()
    private var labelPointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var labelCapacity = 1

    /// Builds the model. Throws `LearnError.shapeMismatch` naming the layer and both
    /// shapes when a layer cannot take its input, and `LearnError.invalidLayer` for a
    /// layer already in another model that still exists (building it again would replace
    /// that model's weights) or listed twice, for a name given to two layers or holding a
    /// `/`, and for a layer's weights with one name or one weight in two places (see
    /// `LayerNames`).
    public init(name: String = "sequential", inputShape: [Int], layers: [Layer], seed: UInt64 = 0) throws {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.invalidArgument("input shape \(inputShape) must have positive dimensions")
        }
        // Else the check of the output below would refuse the input shape itself.
        guard !layers.isEmpty else { throw LearnError.invalidArgument("a model needs at least one layer") }
        LearnBackend.applyDefaultThreads()
        try LayerOwnership.claim(layers, for: name)
        self.name = name
        self.inputShape = inputShape
        self.layers = layers
        // Until every stored property is set, a throw skips deinit: the layers are given back here.
        var built = false
        defer { if !built { LayerOwnership.release(layers) } }
        try LayerNames.assign(layers)
        var rng = SeededGenerator(seed: seed)
        var shape = inputShape
        var shapes: [[Int]] = []
        for layer in layers {
            shape = try layer.build(inputShape: shape, rng: &rng)
            shapes.append(shape)
        }
        try LayerNames.checkWeights(layers)
        outputShapes = shapes
        // Every stored property is set: from here a throw runs deinit, which gives them back.
        built = true
        // si_cnn's input block: fold a first-layer one-channel normalisation into the
        // convolution after it (see Conv1D+Normalization.swift).
        if layers.count > 1, let bn = layers[0] as? BatchNormalization, let conv = layers[1] as? Conv1D, conv.canFold(bn) {
            conv.foldedNormalization = bn
        }
        for (relu, pool) in zip(layers, layers.dropFirst()) {
            if let relu = relu as? ReLU, let pool = pool as? MaxPooling1D, pool.tilesWindows {
                relu.foldedIntoPooling = true
                pool.appliesReLU = true
            }
        }
        // Then the pooling after that convolution into the convolution (see
        // Conv1D+Pooling.swift); a ReLU folded into the pooling may sit between them.
        if layers.count > 2, let conv = layers[1] as? Conv1D, conv.foldsNormalization {
            let poolIndex = (layers[2] as? ReLU)?.foldedIntoPooling == true ? 3 : 2
            if poolIndex < layers.count, let pool = layers[poolIndex] as? MaxPooling1D, pool.tilesWindows {
                conv.foldedPooling = pool
                pool.foldedIntoConvolution = true
            }
        }
        guard let last = shapes.last, last.count == 1 else {
            throw LearnError.invalidArgument("the model must end in a (None, classes) output, not \(Shape.describe(shapes.last ?? inputShape))")
        }
    }

    deinit {
        LayerOwnership.release(layers)
        labelPointer.deallocate()
    }

    /// The number of classes (the size of the output).
    public var classes: Int { outputShapes.last?[0] ?? 0 }

    /// All weights in Keras's order (layer by layer, each layer's own order).
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Total, trainable and non-trainable parameter counts.
    public var parameterCounts: (total: Int, trainable: Int, nonTrainable: Int) {
        let all = parameters
        let trainable = all.filter(\.trainable).reduce(0) { $0 + $1.count }
        let total = all.reduce(0) { $0 + $1.count }
        return (total, trainable, total - trainable)
    }

    // MARK: - Passes over one batch

    /// Runs the layers on `batch` contiguous samples; returns the output (batch × classes).
    func forward(_ x: UnsafePointer<Float>, batch: Int, training: Bool) -> UnsafePointer<Float> {
        context.training = training
        var h = x
        for layer in layers { h = layer.forward(h, batch: batch, context: context) }
        return h
    }

    /// The last layer when its output is a softmax or a sigmoid, whose logits the loss
    /// then uses (see `LogitsOutput`).
    private var logitsOutput: LogitsOutput? {
        guard let last = layers.last as? LogitsOutput, last.lossTakesLogits else { return nil }
        return last
    }

    /// Forward, loss, backward for one batch; leaves the gradients in the parameters.
    /// Returns the mean loss and the number of correct predictions.
    func lossAndGradients(_ x: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batch: Int,
                          training: Bool, computeGradients: Bool = true) -> (loss: Float, correct: Int) {
        let probabilities = forward(x, batch: batch, training: training)
        let k = classes
        let g = lossGradient.resize(batch * k)
        let loss: Float
        if let head = logitsOutput {
            // A sigmoid output's logits still meet a softmax in Keras's loss: the
            // gradient needs that softmax, which the output is not.
            let softmax = head.outputIsSoftmax ? probabilities : UnsafePointer(logitSoftmax.resize(batch * k))
            if !head.outputIsSoftmax {
                Softmax.rows(head.logits, into: logitSoftmax.pointer, rows: batch, width: k)
            }
            loss = SparseCategoricalCrossentropy.fromLogits(head.logits, probabilities: softmax, labels: labels,
                                                            rows: batch, classes: k, gradient: computeGradients ? g : nil)
        } else {
            loss = SparseCategoricalCrossentropy.fromProbabilities(probabilities, labels: labels, rows: batch, classes: k,
                                                                   gradient: computeGradients ? g : nil)
        }
        var correct = 0
        for r in 0..<batch where Metrics.argmax(probabilities + r * k, count: k) == Int(labels[r]) { correct += 1 }
        if computeGradients {
            // g is the gradient with respect to the softmax's logits, or else to the output.
            var dy: UnsafePointer<Float>? = UnsafePointer(g)
            for (index, layer) in layers.enumerated().reversed() {
                guard let d = dy else { break }
                let needs = index > 0
                if index == layers.count - 1, let head = logitsOutput {
                    dy = head.backward(logitGradient: d, batch: batch, needsInputGradient: needs)
                } else {
                    dy = layer.backward(d, batch: batch, needsInputGradient: needs)
                }
            }
        }
        return (loss, correct)
    }

    /// Copies samples `indices` of `x` into the model's input buffer (one allocation per
    /// largest batch) and their labels into the label buffer.
    func gather(_ x: Tensor, labels: [Int]?, indices: ArraySlice<Int>) -> (UnsafePointer<Float>, UnsafePointer<Int32>?) {
        let n = x.sampleSize
        let dst = inputBuffer.resize(indices.count * n)
        x.scalars.withUnsafeBufferPointer { src in
            for (row, i) in indices.enumerated() { (dst + row * n).update(from: src.baseAddress! + i * n, count: n) }
        }
        guard let labels else { return (UnsafePointer(dst), nil) }
        if labelCapacity < indices.count {
            labelPointer.deallocate()
            labelPointer = .allocate(capacity: indices.count)
            labelCapacity = indices.count
        }
        for (row, i) in indices.enumerated() { labelPointer[row] = Int32(labels[i]) }
        return (UnsafePointer(dst), UnsafePointer(labelPointer))
    }
}
