import XCTest
@testable import Learn

/// The layers and options beyond the tutorial's: against Keras 3 to 1e-5 relative
/// (fixtures in Fixtures/more from scripts/reference/keras_more_layers.py: output, input
/// and weight gradients, one Adam step), and by finite differences.
extension LayerParityTests {
    func more(_ fixture: String, _ layer: Layer, rtol: Float? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        try check(fixture, layer, folder: "more", rtol: rtol, file: file, line: line)
    }

    /// Inputs from -20 to 20: saturated sigmoid and tanh, both softplus cut-offs, ±1e-3;
    /// for relu6, silu, mish, hard_sigmoid, hard_silu, softsign and the approximate GELU
    /// (keras_more_activations.py) also every kink (0 and 6, ±3) and 1e-3 either side, so
    /// that a kink's gradient is held to the side Keras takes, and ±100; likewise for celu,
    /// hard_tanh, log_sigmoid and squareplus (keras_remaining_activations.py) 0, ±1, 1e-3
    /// either side of them, ±13.5 and ±14.5 (log_sigmoid's softplus cut-offs), and glu on
    /// the same values as (2, 2, 8); for tanh_shrink, soft_shrink, hard_shrink, sparse_plus,
    /// sparse_sigmoid and exponential (keras_last_activations.py) ±0.5 and ±1 and 1e-3
    /// either side, and log_softmax and sparsemax on rows of 8 with ties and values
    /// exactly at sparsemax's threshold. Extreme inputs, compared value by value:
    /// ActivationExtremeInputTests.swift and LastActivationTests.swift.
    /// TensorFlow's tanh is Eigen's rational approximation, a few ulp from tanhf; where
    /// tanh saturates, (1 - y²) of the gradient turns those ulp of y into 1.6e-5 of the
    /// input gradient (against this measure's scale), so tanh is held to 3e-5. mish and
    /// the approximate GELU take tanh too, but not alone: they stay within 1e-5.
    func testActivationLayers() throws {
        for function in Activation.Function.allCases {
            try more("activation_\(function.rawValue)", Activation(function), rtol: function == .tanh ? 3e-5 : nil)
        }
    }

    func testLeakyReLU() throws {
        try more("leaky_relu", LeakyReLU())
        try more("leaky_relu_0.1", LeakyReLU(negativeSlope: 0.1))
    }

    /// linear, relu and softmax have the tutorial's fixtures (LayerParityTests). glu is
    /// held to 3e-5: its gate is sigmoid as `.sigmoid` computes it, while TensorFlow's is
    /// Eigen's own exp approximation, a few ulp away; SigmoidGrad's (1 - s) magnifies
    /// them where the gate nears 1 (1.3e-5 in the kernel's gradient here, at a gate input
    /// of 6.6; with TensorFlow's sigmoid values the same sums agree to the bit).
    func testDenseWithMoreActivations() throws {
        for function in Activation.Function.allCases where ![.linear, .relu, .softmax].contains(function) {
            try more("dense_\(function.rawValue)", Dense(4, activation: function), rtol: function == .glu ? 3e-5 : nil)
        }
    }

    /// Nine steps: valid and same padding with strides that do and do not divide them
    /// (TensorFlow's split of the "same" padding), dilations, causal padding with a
    /// dilation and with a stride, an activation with and without a bias.
    func testConv1DOptions() throws {
        try more("conv1d_valid_k3", Conv1D(filters: 4, kernelSize: 3, padding: .valid))
        try more("conv1d_valid_k3_s2", Conv1D(filters: 4, kernelSize: 3, strides: 2, padding: .valid))
        try more("conv1d_same_k4_s2", Conv1D(filters: 4, kernelSize: 4, strides: 2, padding: .same))
        try more("conv1d_same_k2_s3", Conv1D(filters: 4, kernelSize: 2, strides: 3, padding: .same))
        try more("conv1d_same_k5_s4", Conv1D(filters: 2, kernelSize: 5, strides: 4, padding: .same))
        try more("conv1d_same_k3_d2", Conv1D(filters: 4, kernelSize: 3, padding: .same, dilationRate: 2))
        try more("conv1d_valid_k2_d3", Conv1D(filters: 4, kernelSize: 2, padding: .valid, dilationRate: 3))
        try more("conv1d_causal_k3_d2", Conv1D(filters: 4, kernelSize: 3, padding: .causal, dilationRate: 2))
        try more("conv1d_causal_k4_s2", Conv1D(filters: 3, kernelSize: 4, strides: 2, padding: .causal))
        try more("conv1d_same_tanh_nobias", Conv1D(filters: 4, kernelSize: 3, padding: .same, activation: .tanh, useBias: false))
        try more("conv1d_valid_relu", Conv1D(filters: 5, kernelSize: 2, padding: .valid, activation: .relu))
        try more("conv1d_same_hard_silu", Conv1D(filters: 4, kernelSize: 3, padding: .same, activation: .hardSilu))
        try more("conv1d_same_glu", Conv1D(filters: 4, kernelSize: 3, padding: .same, activation: .glu))
    }

    /// Overlapping windows, gaps between windows, "same" padding (ties in rounded inputs:
    /// the first maximum takes the gradient, and a step that wins two windows both).
    func testMaxPoolingOptions() throws {
        try more("maxpool_p3_s1", MaxPooling1D(3, strides: 1))
        try more("maxpool_p2_s3", MaxPooling1D(2, strides: 3))
        try more("maxpool_p4_same", MaxPooling1D(4, padding: .same))
        try more("maxpool_p3_s2_same_ties", MaxPooling1D(3, strides: 2, padding: .same))
    }

    /// "same" edge windows divide by the steps they hold, not the pool size.
    func testAveragePooling() throws {
        try more("avgpool_p2", AveragePooling1D(2))
        try more("avgpool_p3_s1", AveragePooling1D(3, strides: 1))
        try more("avgpool_p4_same", AveragePooling1D(4, padding: .same))
        try more("avgpool_p3_s2_same", AveragePooling1D(3, strides: 2, padding: .same))
    }

    /// Ties in the maximum share its gradient, as TensorFlow's reduce_max does.
    func testGlobalPooling() throws {
        try more("global_avgpool", GlobalAveragePooling1D())
        try more("global_maxpool", GlobalMaxPooling1D())
        try more("global_maxpool_ties", GlobalMaxPooling1D())
    }
}

extension GradientCheckTests {
    /// Also on inputs spread to about ±12: the saturated sides of relu6, hard_sigmoid,
    /// hard_silu and hard_tanh, and the tails of the others. glu needs even widths:
    /// GatedLinearUnitTests.swift.
    func testMoreActivations() throws {
        for function in Activation.Function.allCases where function != .relu && function != .glu {
            try check({ Activation(function) }, shape: [3, 7], h: 1e-3)
            try check({ Activation(function) }, shape: [4, 9], h: 1e-3, inputScale: 4)
        }
        try check({ Dense(4, activation: .gelu) }, shape: [3, 5], h: 1e-3)
        try check({ LeakyReLU() }, shape: [4, 9], h: 1e-3)
    }

    func testConv1DOptions() throws {
        try check({ Conv1D(filters: 3, kernelSize: 4, strides: 2, padding: .same) }, shape: [2, 9, 2])
        try check({ Conv1D(filters: 3, kernelSize: 3, padding: .valid, dilationRate: 2) }, shape: [2, 9, 2])
        try check({ Conv1D(filters: 2, kernelSize: 3, strides: 3, padding: .causal) }, shape: [2, 10, 3])
        try check({ Conv1D(filters: 3, kernelSize: 2, padding: .same, activation: .sigmoid, useBias: false) }, shape: [2, 7, 2])
    }

    func testPoolingOptions() throws {
        try check({ MaxPooling1D(3, strides: 2, padding: .same) }, shape: [2, 8, 3], h: 1e-3)
        try check({ AveragePooling1D(3, strides: 2, padding: .same) }, shape: [2, 8, 3])
        try check({ AveragePooling1D(2, strides: 1) }, shape: [2, 5, 3])
        try check({ GlobalAveragePooling1D() }, shape: [2, 6, 3])
        try check({ GlobalMaxPooling1D() }, shape: [2, 6, 3], h: 1e-3)
    }
}

/// Keras's swish and hard_swish are the same functions as silu and hard_silu.
final class ActivationAliasTests: XCTestCase {
    func testKerasAliasesNameTheSameFunctions() {
        XCTAssertEqual(Activation.Function.swish, .silu)
        XCTAssertEqual(Activation.Function.hardSwish, .hardSilu)
    }
}

/// Settings and shapes the new layers refuse when the model is built, naming the layer;
/// and the folds that apply only to the tutorial's shapes.
final class MoreLayerSettingsTests: XCTestCase {
    func assertRefused(_ layers: [Layer], inputShape: [Int], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Sequential(inputShape: inputShape, layers: layers + [Flatten(), Dense(2)]), file: file, line: line) {
            XCTAssertEqual("\($0)", message, file: file, line: line)
        }
    }

    func testShapesAndSettingsAreRefusedByName() {
        assertRefused([Conv1D(filters: 2, kernelSize: 3, padding: .valid, dilationRate: 2)], inputShape: [4, 1],
                      "layer 'conv1d': expects input of shape (None, steps ≥ 5, channels) for a \"valid\" kernel of 3 at dilation 2, got (None, 4, 1)")
        assertRefused([Conv1D(filters: 2, kernelSize: 3, strides: 2, padding: .same, dilationRate: 2)], inputShape: [9, 1],
                      "layer 'conv1d': strides above 1 cannot be combined with a dilation rate above 1 (Keras refuses them too), got 2 and 2")
        assertRefused([Conv1D(filters: 2, kernelSize: 3, strides: 0, padding: .same)], inputShape: [9, 1],
                      "layer 'conv1d': strides and dilation rate must be positive, got 0 and 1")
        assertRefused([Conv1D(filters: 2, kernelSize: 3, padding: .same, dilationRate: Int.max / 2)], inputShape: [9, 1],
                      "layer 'conv1d': a kernel of 3 at dilation \(Int.max / 2) spans more steps than any input could have")
        XCTAssertNoThrow(try Sequential(inputShape: [9, 1], layers: [Conv1D(filters: 2, kernelSize: 3, strides: Int.max, padding: .same),
                                                                    Flatten(), Dense(2)]), "one output step, no overflow")
        assertRefused([AveragePooling1D(4)], inputShape: [3, 2],
                      "layer 'average_pooling1d': expects input of shape (None, steps ≥ 4, channels), got (None, 3, 2)")
        assertRefused([MaxPooling1D(2, padding: .causal)], inputShape: [3, 2],
                      "layer 'max_pooling1d': a pooling's padding is \"valid\" or \"same\", not \"causal\"")
        assertRefused([AveragePooling1D(2, strides: 0)], inputShape: [3, 2],
                      "layer 'average_pooling1d': pool size and strides must be at least 1, got 2 and 0")
        assertRefused([Dense(3), GlobalMaxPooling1D()], inputShape: [4],
                      "layer 'global_max_pooling1d': expects input of shape (None, steps, channels), got (None, 3)")
        assertRefused([LeakyReLU(negativeSlope: -1)], inputShape: [4],
                      "layer 'leaky_re_lu': negative slope must be a number of 0 or more, got -1.0")
    }

    /// Keras's defaults: Conv1D and the poolings pad "valid", and a pooling's stride is its size.
    func testDefaultsAreKeras() throws {
        let model = try Sequential(inputShape: [7, 1], layers: [Conv1D(filters: 2, kernelSize: 3), MaxPooling1D(2),
                                                                 AveragePooling1D(2), Flatten(), Dense(2)])
        XCTAssertEqual(model.outputShapes[0], [5, 2], "Conv1D(kernel 3) on 7 steps, unpadded")
        XCTAssertEqual(model.outputShapes[1], [2, 2], "MaxPooling1D(2) on 5 steps drops the last")
        XCTAssertEqual(model.outputShapes[2], [1, 2])
    }

    /// A "same" pooling still yields a step from a sequence shorter than its window.
    func testSamePoolingOfAShortSequence() throws {
        let model = try Sequential(inputShape: [3, 2], layers: [MaxPooling1D(4, padding: .same), Flatten(), Dense(2)])
        XCTAssertEqual(model.outputShapes[0], [1, 2])
    }

    /// si_cnn's folds (normalisation and pooling into the FFT convolution, ReLU into the
    /// pooling) are for its shapes; other options leave each layer to run on its own.
    func testFoldsOnlyTheTutorialsShapes() throws {
        func model(_ conv: Conv1D, _ pool: MaxPooling1D) throws -> Sequential {
            try Sequential(inputShape: [12, 1], layers: [BatchNormalization(), conv, ReLU(), pool, Flatten(), Dense(2)])
        }
        let tutorial = try model(Conv1D(filters: 3, kernelSize: 4, padding: .same), MaxPooling1D(2))
        XCTAssertTrue((tutorial.layers[1] as? Conv1D)?.foldsNormalization == true)
        XCTAssertTrue((tutorial.layers[3] as? MaxPooling1D)?.foldedIntoConvolution == true)
        for conv in [Conv1D(filters: 3, kernelSize: 4, strides: 2, padding: .same), Conv1D(filters: 3, kernelSize: 4, padding: .valid),
                     Conv1D(filters: 3, kernelSize: 4, padding: .same, dilationRate: 2), Conv1D(filters: 3, kernelSize: 4, padding: .same, activation: .tanh),
                     Conv1D(filters: 3, kernelSize: 4, padding: .same, useBias: false)] {
            let other = try model(conv, MaxPooling1D(2))
            XCTAssertFalse(conv.foldsNormalization)
            XCTAssertFalse((other.layers[3] as? MaxPooling1D)?.foldedIntoConvolution == true)
        }
        for pool in [MaxPooling1D(2, strides: 1), MaxPooling1D(2, padding: .same)] {
            let other = try model(Conv1D(filters: 3, kernelSize: 4, padding: .same), pool)
            XCTAssertFalse(pool.foldedIntoConvolution || pool.appliesReLU)
            XCTAssertFalse((other.layers[2] as? ReLU)?.foldedIntoPooling == true)
        }
    }
}
