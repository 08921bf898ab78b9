import XCTest
@testable import Learn

/// The model folds si_cnn's first-layer one-channel BatchNormalization into its Conv1D,
/// a ReLU into the MaxPooling1D after it, and that pooling into the convolution. In
/// training mode (batch statistics, dropout off here) the folded passes must give the
/// unfolded ones' outputs and gradients: to float32 rounding for the normalisation,
/// exactly for the pooling (the same loops on the same values).
final class FoldingTests: XCTestCase {
    /// Eleven filters: the SIMD paths take eight lanes and a scalar tail. 23 steps: the
    /// last step is in no pooling window.
    func makeModel(filters: Int = 11, pool: Int = 2) throws -> Sequential {
        try Sequential(inputShape: [23, 1], layers: [
            BatchNormalization(), Conv1D(filters: filters, kernelSize: 8, padding: .same), ReLU(), MaxPooling1D(pool), Flatten(),
            Dense(3, activation: .softmax),
        ], seed: 4)
    }

    /// Undoes the pooling's fold into the convolution (the layers pool on their own).
    func unfoldPooling(_ model: Sequential) throws {
        let conv = try XCTUnwrap(model.layers[1] as? Conv1D), pool = try XCTUnwrap(model.layers[3] as? MaxPooling1D)
        XCTAssertTrue(conv.foldedPooling === pool && pool.foldedIntoConvolution)
        conv.foldedPooling = nil
        pool.foldedIntoConvolution = false
    }

    /// Loss and gradients of one training pass over six samples.
    func trainingPass(_ model: Sequential) throws -> Float {
        var rng = SeededGenerator(seed: 9)
        let x = try Tensor(shape: [6, 23, 1], scalars: (0..<(6 * 23)).map { _ in Float(rng.normal() * 3 + 1) })
        let (input, labels) = model.gather(x, labels: [0, 1, 2, 2, 1, 0], indices: Array(0..<6)[...])
        return model.lossAndGradients(input, labels: labels!, batch: 6, training: true).loss
    }

    /// 45 filters: two blocks of the FFT correlation (32 and 13), and with two threads a
    /// block that starts mid-range.
    func testPoolingInsideTheConvolutionIsBitIdentical() throws {
        try assertFoldedPoolingIsBitIdentical(pool: 2)
    }

    /// Pools of two take their own path (PairPooling, in the rows' layout); other sizes
    /// the general one.
    func testPoolingOfThreeInsideTheConvolutionIsBitIdentical() throws {
        try assertFoldedPoolingIsBitIdentical(pool: 3)
    }

    func assertFoldedPoolingIsBitIdentical(pool: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        for threads in [1, 2] {
            let saved = LearnBackend.threads
            LearnBackend.threads = threads
            defer { LearnBackend.threads = saved }
            let folded = try makeModel(filters: 45, pool: pool), plain = try makeModel(filters: 45, pool: pool)
            try unfoldPooling(plain)
            XCTAssertEqual(try trainingPass(folded), try trainingPass(plain), "pool \(pool)", file: file, line: line)
            for (a, b) in zip(folded.parameters, plain.parameters) {
                XCTAssertEqual(a.values, b.values, "\(a.name) after the pass, pool \(pool), \(threads) thread(s)", file: file, line: line)
                if a.trainable {
                    XCTAssertEqual(a.gradient.array, b.gradient.array, "d\(a.name), pool \(pool), \(threads) thread(s)",
                                   file: file, line: line)
                }
            }
        }
    }

    func testFoldedPassesEqualUnfolded() throws {
        let folded = try makeModel(), plain = try makeModel()
        let conv = try XCTUnwrap(plain.layers[1] as? Conv1D)
        XCTAssertTrue(conv.foldsNormalization)
        try unfoldPooling(plain)
        conv.foldedNormalization = nil
        (plain.layers[2] as? ReLU)?.foldedIntoPooling = false
        (plain.layers[3] as? MaxPooling1D)?.appliesReLU = false
        // Non-trivial normalisation weights, so γ and β matter.
        for model in [folded, plain] {
            model.parameters[0].value.copy(from: [1.7])
            model.parameters[1].value.copy(from: [-0.4])
        }
        let loss = try trainingPass(folded), plainLoss = try trainingPass(plain)
        XCTAssertEqual(loss, plainLoss, accuracy: 1e-5 * abs(plainLoss))
        for (a, b) in zip(folded.parameters, plain.parameters) {
            assertClose(a.values, b.values, rtol: 1e-5, "\(a.name) after the pass (moving statistics)")
            if a.trainable { assertClose(a.gradient.array, b.gradient.array, rtol: 1e-4, "d\(a.name)") }
        }
    }
}
