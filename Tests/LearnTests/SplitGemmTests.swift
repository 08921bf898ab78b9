import XCTest
@testable import Learn

/// `BLAS.splitGemm` hands parts of C to separate sgemm calls. OpenBLAS rounds some
/// elements differently once a product is cut, so the cut is fixed; the layers rely on
/// the thread count changing no bit of any product.
final class SplitGemmTests: XCTestCase {
    /// A product as the layers call it: C = op(A) · op(B) (+ C when beta is 1).
    private struct Shape {
        let transA: Bool, transB: Bool, m: Int, n: Int, k: Int, beta: Float
    }

    /// The layers' products (batch 16): LSTM forward, kernel gradient and input gradient
    /// (cut), sd_fc's Dense(256) (below the threshold, one call), si_cnn's Dense over
    /// 49,408 inputs (forward and kernel gradient cut by rows); odd sizes for ragged parts.
    private let shapes: [Shape] = [
        Shape(transA: false, transB: false, m: 16, n: 1024, k: 386, beta: 1),   // LSTM gates
        Shape(transA: true, transB: false, m: 386, n: 1024, k: 16, beta: 0),    // LSTM dW
        Shape(transA: false, transB: true, m: 16, n: 386, k: 1024, beta: 0),    // LSTM dx
        Shape(transA: false, transB: false, m: 16, n: 256, k: 386, beta: 1),    // Dense(256)
        Shape(transA: false, transB: false, m: 16, n: 6, k: 49_408, beta: 1),   // si_cnn forward: rows cut 8/8
        Shape(transA: true, transB: false, m: 49_408, n: 6, k: 16, beta: 0),    // si_cnn dW: rows cut
        Shape(transA: false, transB: true, m: 16, n: 49_408, k: 6, beta: 0),    // si_cnn dx
        Shape(transA: false, transB: false, m: 13, n: 1001, k: 517, beta: 1),
    ]

    private func product(_ s: Shape, threads: Int) -> [Float] {
        var rng = SeededGenerator(seed: UInt64(s.m * 31 + s.n * 7 + s.k))
        let (aRows, aCols) = s.transA ? (s.k, s.m) : (s.m, s.k)
        let (bRows, bCols) = s.transB ? (s.n, s.k) : (s.k, s.n)
        let a = (0..<(aRows * aCols)).map { _ in Float(rng.normal()) }
        let b = (0..<(bRows * bCols)).map { _ in Float(rng.normal()) }
        var c = (0..<(s.m * s.n)).map { _ in Float(rng.normal()) }
        let saved = LearnBackend.threads
        LearnBackend.threads = threads
        defer { LearnBackend.threads = saved }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.splitGemm(s.transA, s.transB, m: s.m, n: s.n, k: s.k, a.baseAddress!, lda: aCols,
                                   b.baseAddress!, ldb: bCols, beta: s.beta, c.baseAddress!, ldc: s.n)
                }
            }
        }
        return c
    }

    func testProductsDoNotDependOnThreadCount() {
        for shape in shapes {
            let one = product(shape, threads: 1)
            XCTAssertTrue(one.allSatisfy(\.isFinite))
            for threads in [2, 3] {
                let split = product(shape, threads: threads)
                XCTAssertEqual(one.map(\.bitPattern), split.map(\.bitPattern),
                               "\(shape) on \(threads) threads")
            }
        }
    }

    /// The parts cover C exactly: a cut product agrees with a plain triple loop in Double
    /// to float precision, so a part that skipped or repeated columns fails.
    func testSplitProductMatchesDefinition() {
        let s = Shape(transA: false, transB: true, m: 16, n: 1030, k: 300, beta: 0)  // above the threshold: cut
        var rng = SeededGenerator(seed: UInt64(s.m * 31 + s.n * 7 + s.k))
        let a = (0..<(s.m * s.k)).map { _ in Float(rng.normal()) }
        let b = (0..<(s.n * s.k)).map { _ in Float(rng.normal()) }
        let split = product(s, threads: 2)
        for i in 0..<s.m {
            for j in 0..<s.n {
                let exact = (0..<s.k).reduce(0.0) { $0 + Double(a[i * s.k + $1]) * Double(b[j * s.k + $1]) }
                XCTAssertEqual(Double(split[i * s.n + j]), exact, accuracy: 1e-4, "C[\(i), \(j)]")
            }
        }
    }

    /// Parts run at once on Learn's threads, except when an OpenMP OpenBLAS has threads
    /// of its own; whatever the build, one Learn thread runs them one after the other.
    func testPartsRunConcurrentlyExceptIntoAThreadedOpenMPBuild() {
        XCTAssertTrue(BLAS.partsRunConcurrently(learnThreads: 2, blasThreads: 1, openMP: false))
        XCTAssertTrue(BLAS.partsRunConcurrently(learnThreads: 2, blasThreads: 4, openMP: false))
        XCTAssertTrue(BLAS.partsRunConcurrently(learnThreads: 2, blasThreads: 1, openMP: true))
        XCTAssertFalse(BLAS.partsRunConcurrently(learnThreads: 2, blasThreads: 2, openMP: true))
        XCTAssertFalse(BLAS.partsRunConcurrently(learnThreads: 1, blasThreads: 1, openMP: false))
    }
}

/// LEARN_THREADS sets Learn's thread count (for shared machines);
/// anything but a positive count leaves the default.
final class LearnThreadsVariableTests: XCTestCase {
    func testVariableSetsThreadsAndBadValuesKeepTheDefault() {
        let standard = LearnBackend.defaultThreads(environment: [:])
        XCTAssertEqual(standard, min(2, ProcessInfo.processInfo.activeProcessorCount))
        XCTAssertEqual(LearnBackend.defaultThreads(environment: [LearnBackend.threadsVariable: "1"]), 1)
        XCTAssertEqual(LearnBackend.defaultThreads(environment: [LearnBackend.threadsVariable: "3"]), 3)
        for bad in ["0", "-2", "two", ""] {
            XCTAssertEqual(LearnBackend.defaultThreads(environment: [LearnBackend.threadsVariable: bad]), standard, bad)
        }
    }
}
