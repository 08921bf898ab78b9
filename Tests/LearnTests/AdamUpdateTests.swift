import XCTest
@testable import Learn

/// Adam splits each weight across threads, takes its square roots four lanes at a time
/// and skips columns a layer marks as having no gradient; none of these may change a
/// single bit of the update.
final class AdamUpdateTests: XCTestCase {
    /// Weights large enough for the parallel path, with lengths that are not multiples
    /// of 8 so the cuts and the scalar tails are exercised.
    private func parameters() -> [Parameter] {
        var rng = SeededGenerator(seed: 7)
        return [40_003, 9, 70_001].enumerated().map { index, count in
            let p = Parameter("w\(index)", shape: [count], values: (0..<count).map { _ in Float(rng.normal()) })
            return p
        }
    }

    private func run(workers: Int, steps: Int = 4, clearing: Bool = false) -> [[Float]] {
        let ps = parameters()
        var rng = SeededGenerator(seed: 11)
        let adam = Adam()
        adam.workers = workers
        for _ in 0..<steps {
            for p in ps { p.gradient.copy(from: (0..<p.count).map { _ in Float(rng.normal()) * 0.1 }) }
            adam.step(ps, clearingGradients: clearing)
            if clearing { XCTAssertTrue(ps.allSatisfy { $0.gradient.array.allSatisfy { $0 == 0 } }) }
        }
        return ps.map(\.values)
    }

    /// Keras's constants, bit for bit: 1 - β computed from the Python floats in double
    /// and then rounded (Float(0.1), Float(0.001)), the powers in float32. Two steps of
    /// the scalar formula on 9 weights (the scalar tail) against the optimiser.
    func testTheMomentsUseOneMinusBetaRoundedFromDouble() {
        let p = Parameter("w", shape: [9], values: (0..<9).map { Float($0) * 0.37 - 1 })
        let adam = Adam()
        var w = p.values, m = [Float](repeating: 0, count: 9), v = m
        let keep1: Float = 0.1, keep2: Float = 0.001  // Float(1.0 - 0.9), Float(1.0 - 0.999)
        XCTAssertNotEqual(keep2, 1 - Float(0.999), "the float32 difference rounds differently")
        for step in 1...2 {
            let g = (0..<9).map { Float($0 + step) * 0.013 - 0.05 }
            p.gradient.copy(from: g)
            adam.step([p])
            let t = Float(step)
            let alpha = Float(1e-3) * (1 - pow(Float(0.999), t)).squareRoot() / (1 - pow(Float(0.9), t))
            for i in 0..<9 {
                m[i] += (g[i] - m[i]) * keep1
                v[i] += (g[i] * g[i] - v[i]) * keep2
                w[i] -= m[i] * alpha / (v[i].squareRoot() + 1e-7)
            }
            XCTAssertEqual(p.values.map(\.bitPattern), w.map(\.bitPattern), "step \(step)")
        }
    }

    /// BatchNormalization's moving statistics use Float(0.99) and Float(1.0 - 0.99), as
    /// Keras's float32 variables meet its Python-float momentum.
    func testBatchNormMovingStatisticsUseOneMinusMomentumRoundedFromDouble() throws {
        let bn = BatchNormalization()
        var rng = SeededGenerator(seed: 3)
        _ = try bn.build(inputShape: [2], rng: &rng)
        let x: [Float] = [0.5, -1.25, 2, 0.75, -0.5, 3]
        let context = RunContext(training: true)
        _ = x.withUnsafeBufferPointer { bn.forward($0.baseAddress!, batch: 3, context: context) }
        let mean: [Float] = [(0.5 + 2 - 0.5) / 3, (-1.25 + 0.75 + 3) / 3]
        let keep: Float = 0.99, take: Float = 0.01  // Float(0.99), Float(1.0 - 0.99)
        XCTAssertNotEqual(take, 1 - keep)
        let moving = bn.parameters[2].values
        XCTAssertEqual(moving.map(\.bitPattern), mean.map { (0 * keep + $0 * take).bitPattern })
    }

    func testUpdateIsIndependentOfWorkerCount() {
        let one = run(workers: 1)
        for workers in [2, 3, 5] {
            let many = run(workers: workers)
            for (a, b) in zip(one, many) {
                XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "\(workers) workers")
            }
        }
        XCTAssertNotEqual(one[0], parameters()[0].values, "the weights moved")
    }

    func testLaneSquareRootIsTheScalarSquareRoot() {
        let values: [Float] = [0, -0, 1, 2, 1e-38, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                               .infinity, 0.3, 12345.678, 1e-7, 3e20, 0.5, 4, 9, 1e-45]
        for start in stride(from: 0, to: values.count, by: 8) {
            var lanes = SIMD8<Float>()
            for i in 0..<8 { lanes[i] = values[start + i] }
            let roots = lanes.laneSquareRoot()
            for i in 0..<8 {
                XCTAssertEqual(roots[i].bitPattern, values[start + i].squareRoot().bitPattern, "sqrt(\(values[start + i]))")
            }
        }
        XCTAssertTrue(SIMD8<Float>(repeating: -1).laneSquareRoot()[3].isNaN)
    }

    /// A (rows, 12) weight whose columns 3..<7 get zero gradients for the first steps and
    /// real ones afterwards, stepped with and without the columns marked.
    private func runWithZeroColumns(marked: Bool, workers: Int) -> [Float] {
        var rng = SeededGenerator(seed: 3)
        let rows = 5000, columns = 12, zero = 3..<7
        let p = Parameter("kernel", shape: [rows, columns], values: (0..<(rows * columns)).map { _ in Float(rng.normal()) })
        let whole = Parameter("recurrent", shape: [rows, columns], values: (0..<(rows * columns)).map { _ in Float(rng.normal()) })
        let adam = Adam()
        adam.workers = workers
        for step in 0..<6 {
            let late = step >= 4  // from step 4 on, every column has a gradient
            var g = (0..<(rows * columns)).map { _ in Float(rng.normal()) }
            if !late { for r in 0..<rows { for c in zero { g[r * columns + c] = r % 2 == 0 ? 0 : -0.0 } } }
            p.gradient.copy(from: g)
            whole.gradient.copy(from: late ? g : [Float](repeating: 0, count: g.count))
            p.zeroGradientColumns = marked && !late ? zero : 0..<0
            whole.zeroGradientColumns = marked && !late ? 0..<columns : 0..<0
            adam.step([p, whole])
        }
        return p.values + whole.values
    }

    func testSkippedColumnsGiveTheFullUpdate() {
        let full = runWithZeroColumns(marked: false, workers: 1)
        for workers in [1, 2] {
            XCTAssertEqual(runWithZeroColumns(marked: true, workers: workers).map(\.bitPattern), full.map(\.bitPattern),
                           "\(workers) workers")
        }
    }

    /// `fit`'s steps clear the gradients as Adam reads them; the update is the same, and
    /// the next backward pass adds its product into the zeros left (beta 1) instead of
    /// clearing first. Either way a Dense layer's kernel gradient is the same, bit for bit.
    func testClearingStepsKeepUpdatesAndGradients() throws {
        let cleared = run(workers: 2, clearing: true), kept = run(workers: 2, clearing: false)
        for (a, b) in zip(cleared, kept) { XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern)) }

        let dense = Dense(300)
        var rng = SeededGenerator(seed: 5)
        _ = try dense.build(inputShape: [200], rng: &rng)
        let batch = 16
        let x = (0..<(batch * 200)).map { _ in Float(rng.normal()) }
        let dy = (0..<(batch * 300)).map { _ in Float(rng.normal()) }
        func kernelGradient() -> [Float] {
            x.withUnsafeBufferPointer { xs in
                _ = dense.forward(xs.baseAddress!, batch: batch, context: RunContext(training: true))
                dy.withUnsafeBufferPointer { _ = dense.backward($0.baseAddress!, batch: batch, needsInputGradient: false) }
            }
            return dense.parameters[0].gradient.array
        }
        let fresh = kernelGradient()
        XCTAssertTrue(fresh.contains { $0 != 0 })
        XCTAssertEqual(kernelGradient().map(\.bitPattern), fresh.map(\.bitPattern), "cleared first (beta 0)")
        let kernel = dense.parameters[0]
        Adam().step(dense.parameters, clearingGradients: true)
        XCTAssertTrue(kernel.gradientCleared)
        XCTAssertTrue(kernel.gradient.array.allSatisfy { $0 == 0 }, "Adam left zeros")
        XCTAssertEqual(kernelGradient().map(\.bitPattern), fresh.map(\.bitPattern), "added into zeros (beta 1)")
        XCTAssertFalse(kernel.gradientCleared, "the product used the cleared gradient up")
    }
}
