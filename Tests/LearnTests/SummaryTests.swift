import XCTest
@testable import Learn

/// `summary` against Keras 3.15's `model.summary()` for models other than the tutorial's
/// four. The expected strings are what Keras printed (the memory sizes come from
/// `keras.src.utils.summary_utils.readable_memory_size(params * 4)`).
final class SummaryTests: XCTestCase {
    /// Keras formats sizes with Python's "{:.2f}", which rounds an exact tie to even:
    /// 288 weights are 1.125 KB, printed 1.12 (this printed 1.13). Above 1,024 MB Keras
    /// goes on to GB (this printed 1144.41 MB for 300 million weights).
    func testMemorySizesRoundAsKerasDoes() {
        let keras = [(0, "0.00 B"), (255, "1020.00 B"), (256, "1.00 KB"), (288, "1.12 KB"), (352, "1.38 KB"),
                     (100_000_000, "381.47 MB"), (300_000_000, "1.12 GB"), (1 << 38, "1.00 TB")]
        for (weights, text) in keras { XCTAssertEqual(Summary.bytes(weights), text, "\(weights) weights") }
    }

    /// A model of Conv1D, ReLU, a pool of four, a last-state LSTM, BatchNormalization and
    /// Dense: Keras's rows and totals, from the same layers.
    func testAModelOfEveryKindOfLayer() throws {
        let model = try Sequential(inputShape: [9, 2], layers: [
            Conv1D(filters: 3, kernelSize: 4, padding: .same), ReLU(), MaxPooling1D(4), LSTM(5), BatchNormalization(),
            Dense(7, activation: .softmax),
        ])
        let rows = model.summary.split(separator: "\n").map(String.init)
        let expected = [("conv1d (Conv1D)", "(None, 9, 3)", "27"), ("re_lu (ReLU)", "(None, 9, 3)", "0"),
                        ("max_pooling1d (MaxPooling1D)", "(None, 2, 3)", "0"), ("lstm (LSTM)", "(None, 5)", "180"),
                        ("batch_normalization (BatchNormalization)", "(None, 5)", "20"), ("dense (Dense)", "(None, 7)", "42")]
        for (layer, shape, count) in expected {
            let row = rows.first { $0.contains(layer) }
            let cells = row?.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells, [layer, shape, count], model.summary)
        }
        XCTAssertTrue(rows.contains(" Total params: 269 (1.05 KB)"), model.summary)
        XCTAssertTrue(rows.contains(" Trainable params: 259 (1.01 KB)"), model.summary)
        XCTAssertTrue(rows.contains(" Non-trainable params: 10 (40.00 B)"), model.summary)
    }

    func testATieInTheTotalRoundsToEven() throws {
        let model = try Sequential(inputShape: [8], layers: [Dense(32, activation: .softmax)])
        XCTAssertTrue(model.summary.contains(" Total params: 288 (1.12 KB)"), model.summary)
    }
}
