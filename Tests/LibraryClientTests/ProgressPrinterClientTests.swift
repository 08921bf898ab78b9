import Learn
import XCTest

/// What a program gets from `ProgressPrinter` when it prints as the type's comment says.
final class ProgressPrinterClientTests: XCTestCase {
    func testChunksWrittenAsTheyAreMakeKerasLines() throws {
        var printed = ""
        let printer = ProgressPrinter { printed += $0 }  // as print($0, terminator: "") would
        let logs = EpochLogs(loss: 0.5, accuracy: 0.75)
        for event: TrainingEvent in [.epochBegan(epoch: 0, of: 2), .epochEnded(epoch: 0, steps: 3, logs: logs, seconds: 0.003),
                                     .earlyStopped(epoch: 0, restoredEpoch: 0)] {
            printer.handle(event)
        }
        let lines = printed.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 5, printed)  // four lines, each ended, nothing blank between
        XCTAssertEqual(lines[0], "Epoch 1/2")
        XCTAssertTrue(lines[1].hasPrefix("3/3 ━━━━━━━━━━━━━━━━━━━━ 0s 1ms/step - accuracy: 0.7500 - loss: 0.5000"), String(lines[1]))
        XCTAssertEqual(lines[2], "Epoch 1: early stopping")
        XCTAssertEqual(lines[3], "Restoring model weights from the end of the best epoch: 1.")
        XCTAssertEqual(lines[4], "")
    }
}
