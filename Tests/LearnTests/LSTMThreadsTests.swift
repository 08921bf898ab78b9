import XCTest
@testable import Learn

/// The LSTM's per-sample gate loops run on Learn's threads once a step has 2,048 values;
/// the layer's output and every gradient must not change by a bit with the thread count.
/// One timestep as in the tutorial, and three, where a step's gates read the last one's.
final class LSTMThreadsTests: XCTestCase {
    private func run(steps: Int, threads: Int) throws -> [[UInt32]] {
        let saved = LearnBackend.threads
        LearnBackend.threads = threads
        defer { LearnBackend.threads = saved }
        let batch = 16, features = 40, units = 256
        let layer = LSTM(units, returnSequences: true)
        var rng = SeededGenerator(seed: 9)
        _ = try layer.build(inputShape: [steps, features], rng: &rng)
        let x = (0..<(batch * steps * features)).map { _ in Float(rng.normal()) }
        let dy = (0..<(batch * steps * units)).map { _ in Float(rng.normal()) }
        var results: [[UInt32]] = []
        x.withUnsafeBufferPointer { xs in
            let y = layer.forward(xs.baseAddress!, batch: batch, context: RunContext(training: true))
            results.append((0..<(batch * steps * units)).map { y[$0].bitPattern })
            dy.withUnsafeBufferPointer { dys in
                let dx = layer.backward(dys.baseAddress!, batch: batch, needsInputGradient: true)!
                results.append((0..<(batch * steps * features)).map { dx[$0].bitPattern })
            }
        }
        results += layer.parameters.map { $0.gradient.array.map(\.bitPattern) }
        return results
    }

    func testGatesDoNotDependOnThreadCount() throws {
        for steps in [1, 3] {
            let one = try run(steps: steps, threads: 1)
            XCTAssertTrue(one[0].contains { $0 != 0 })
            XCTAssertEqual(try run(steps: steps, threads: 2), one, "\(steps) step(s)")
        }
    }
}
