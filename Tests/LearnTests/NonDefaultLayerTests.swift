import XCTest
@testable import Learn

/// The layers in settings the tutorial does not use: against Keras 3 to 1e-5 relative
/// (fixtures from scripts/reference/keras_nondefault_fixtures.py), and by finite
/// differences. A grid of such settings, and whole models built from them, agreed with
/// Keras when these were written; these keep the telling ones checked.
extension LayerParityTests {
    /// A kernel of one (no padding), of two (the pad all on the right), longer than the
    /// sequence, and over a single step.
    func testConv1DKernelOfOne() throws { try check("conv1d_k1_c3", Conv1D(filters: 2, kernelSize: 1, padding: .same)) }
    func testConv1DKernelOfTwo() throws { try check("conv1d_k2", Conv1D(filters: 4, kernelSize: 2, padding: .same)) }
    func testConv1DKernelLongerThanTheSequence() throws { try check("conv1d_k7_steps4", Conv1D(filters: 3, kernelSize: 7, padding: .same)) }
    func testConv1DOneStep() throws { try check("conv1d_k3_steps1", Conv1D(filters: 3, kernelSize: 3, padding: .same)) }

    /// Eight steps in windows of three (the last two in none), eleven channels (SIMD and
    /// tail); rounded inputs, so windows hold ties (the first maximum takes the gradient,
    /// as in TensorFlow); one window over the whole sequence.
    func testMaxPoolingOfThreeOnAnOddLength() throws { try check("maxpool_p3_odd", MaxPooling1D(3)) }
    func testMaxPoolingTies() throws { try check("maxpool_p4_ties", MaxPooling1D(4)) }
    func testMaxPoolingOneWindow() throws { try check("maxpool_p5_whole", MaxPooling1D(5)) }

    /// One unit; nine (LaneTanh's eight lanes and a tail); one feature over six steps.
    func testLSTMOneUnit() throws { try check("lstm_u1_seq", LSTM(1, returnSequences: true)) }
    func testLSTMNineUnits() throws { try check("lstm_u9_seq", LSTM(9, returnSequences: true)) }
    func testLSTMOneFeature() throws { try check("lstm_u5_last_f1", LSTM(5)) }

    /// Other momentum and epsilon, in training (the moving statistics after the step
    /// included) and in inference, on 2-D and 3-D inputs of several channels.
    func testBatchNormalizationOtherMomentumAndEpsilon() throws {
        try check("batchnorm_m05_e1e-5", BatchNormalization(momentum: 0.5, epsilon: 1e-5), training: true)
    }
    func testBatchNormalizationThreeChannelsIn3D() throws {
        try check("batchnorm_m09_3d", BatchNormalization(momentum: 0.9), training: true)
    }
    func testBatchNormalizationLargeEpsilonInference() throws {
        try check("batchnorm_e10_3d_infer", BatchNormalization(epsilon: 10))
    }

    func testDenseOn3DInput() throws { try check("dense_relu_3d", Dense(5, activation: .relu)) }
    func testDenseSoftmaxOfOneUnit() throws { try check("dense_softmax_units1", Dense(1, activation: .softmax)) }
    func testSoftmaxOn3DInput() throws { try check("softmax_3d", Softmax()) }

    /// Other learning rate, betas and epsilon; the third variable's gradient is zero, so
    /// Keras leaves it where it is.
    func testAdamOtherSettings() throws {
        let adam = try Adam(learningRate: 0.01, beta1: 0.5, beta2: 0.9, epsilon: 1e-3)
        try checkAdam("adam_other.npz", adam, shapes: [[3, 4], [5], [2]])
    }
}

extension GradientCheckTests {
    func testConv1DKernelOfOne() throws { try check({ Conv1D(filters: 2, kernelSize: 1, padding: .same) }, shape: [2, 5, 3]) }
    func testConv1DKernelLongerThanTheSequence() throws { try check({ Conv1D(filters: 3, kernelSize: 9, padding: .same) }, shape: [2, 4, 2]) }
    func testMaxPoolingOfThree() throws { try check({ MaxPooling1D(3) }, shape: [2, 8, 5], h: 1e-3) }
    func testLSTMOneUnitOverSteps() throws { try check({ LSTM(1, returnSequences: true) }, shape: [2, 5, 3]) }
    func testBatchNormalizationOtherSettingsIn3D() throws {
        try check({ BatchNormalization(momentum: 0.5, epsilon: 1e-5) }, shape: [3, 4, 2], training: true)
    }
}
