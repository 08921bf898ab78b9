import XCTest
@testable import Learn

/// A Conv1D after a first-layer one-channel BatchNormalization runs through the FFT
/// (Conv1D+Normalization.swift). With a kernel of 16 on 3 steps, 11 taps read only
/// padding: their gradient is exactly zero in Keras, so Adam never moves them. The FFT
/// gave them rounding noise of about 1e-8 instead, which Adam, dividing by the noise's
/// own size, turned into steps of about a tenth of the learning rate. Against Keras's
/// run (scripts/reference/keras_nondefault_fixtures.py): nine Adam steps from Keras's
/// initial weights, at batch 2 without shuffling.
final class KernelPastInputTests: XCTestCase {
    func testTapsThatReadOnlyPaddingStayWhereKerasLeavesThem() throws {
        let fixture = try Fixture("train_conv_kernel_past_input.npz")
        let conv = Conv1D(filters: 2, kernelSize: 16, padding: .same)
        let model = try Sequential(inputShape: [3, 1], layers: [BatchNormalization(), conv, Flatten(),
                                                               Dense(2, activation: .softmax)])
        XCTAssertTrue(conv.foldsNormalization, "the FFT path is the one under test")
        let initial = fixture.file.names.filter { $0.hasPrefix("init:") }
        XCTAssertEqual(initial.count, model.parameters.count)
        for (name, parameter) in zip(initial, model.parameters) {
            XCTAssertTrue(name.hasSuffix("/" + parameter.name), "\(name) vs \(parameter.name)")
            parameter.value.copy(from: try fixture.floats(name))
        }
        let x = try Tensor(shape: try fixture.shape("x"), scalars: try fixture.floats("x"))
        let labels = try fixture.file.array(named: "labels").integers().map { Int($0) }
        try model.fit(x, labels, options: FitOptions(epochs: 3, batchSize: 2, shuffle: .off))

        let kernel = model.parameters[4].values, expected = try fixture.floats("final:sequential/conv1d/kernel")
        // Taps 0-4 and 10-15 (padLeft 7: tap k reads steps t + k - 7 for t in 0..<3).
        for tap in Array(0..<5) + Array(10..<16) {
            for filter in 0..<2 {
                XCTAssertEqual(kernel[tap * 2 + filter].bitPattern, expected[tap * 2 + filter].bitPattern,
                               "tap \(tap), filter \(filter) reads only padding: Keras leaves it where it started")
            }
        }
        // The rest followed Keras's path (nine steps move a weight by up to 9e-3).
        for (name, parameter) in zip(fixture.file.names.filter { $0.hasPrefix("final:") }, model.parameters) {
            let worst = zip(parameter.values, try fixture.floats(name)).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-5, name)
        }
    }
}
