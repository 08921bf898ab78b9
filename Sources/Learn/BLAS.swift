import Foundation
import COpenBLAS

/// Row-major single-precision matrix products through OpenBLAS `cblas_sgemm`.
enum BLAS {
    /// C(m×n) = alpha · op(A) · op(B) + beta · C, all row-major; `lda`, `ldb`, `ldc` are
    /// the row strides of A, B, C as stored (before transposition).
    ///
    /// For beta = 0, C is cleared here and OpenBLAS adds the product to it (beta = 1):
    /// OpenBLAS clears C first too, then adds, so the result is the same, but its
    /// clearing loop ran at a quarter of memset's speed (12 % of an LSTM epoch, for the
    /// weight gradients).
    @inline(__always)
    static func gemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
                     alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                     _ b: UnsafePointer<Float>, ldb: Int,
                     beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        var beta = beta
        if beta == 0 {
            if ldc == n {
                c.update(repeating: 0, count: m * n)
            } else {
                for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) }
            }
            beta = 1
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// How many parts `splitGemm` cuts a large product into, whatever the thread count.
    /// OpenBLAS rounds some elements differently when a product is cut (its kernels
    /// block the columns differently), so the cut is fixed: only how many parts run at
    /// once follows `LearnBackend.threads`, and results never depend on it.
    static let productParts = 2

    /// `gemm` cut into `productParts` sgemm calls over contiguous parts of C's columns
    /// (of its rows when C is taller than wide), run on Learn's threads (GCD's, not
    /// OpenBLAS's, which spin while idle). Column parts start at multiples of 16 (a cache
    /// line of Floats), row parts at multiples of 8 (rows of C are apart anyway; si_cnn's
    /// batch of 16 rows is cut in two). Products under 4 M multiply-adds stay one call:
    /// for them the dispatch costs more than it saves (sd_fc's are all below; the LSTMs'
    /// are all above).
    static func splitGemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
                          alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                          _ b: UnsafePointer<Float>, ldb: Int,
                          beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        let splitColumns = n >= m, length = splitColumns ? n : m
        let granule = splitColumns ? 16 : 8
        let granules = (length + granule - 1) / granule
        guard granules >= productParts, m * n * k >= 1 << 22 else {
            gemm(transA, transB, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b, ldb: ldb, beta: beta, c, ldc: ldc)
            return
        }
        let inParallel = partsRunConcurrently(learnThreads: LearnBackend.threads, blasThreads: threads, openMP: usesOpenMP)
        Workers.forEach(count: granules, parts: productParts, inParallel: inParallel) { _, part in
            let first = part.lowerBound * granule, count = min(part.upperBound * granule, length) - first
            if splitColumns {
                gemm(transA, transB, m: m, n: count, k: k, alpha: alpha, a, lda: lda,
                     transB ? b + first * ldb : b + first, ldb: ldb, beta: beta, c + first, ldc: ldc)
            } else {
                gemm(transA, transB, m: count, n: n, k: k, alpha: alpha, transA ? a + first : a + first * lda, lda: lda,
                     b, ldb: ldb, beta: beta, c + first * ldc, ldc: ldc)
            }
        }
    }

    /// Whether `splitGemm`'s parts may call sgemm at the same time. Not when OpenBLAS uses
    /// OpenMP with more than one thread (Homebrew builds it so; Debian's default uses its
    /// own threads): each call then opens an OpenMP team, and two teams started from two
    /// outside threads share OpenBLAS's per-thread buffers, which are indexed by the
    /// thread's number within its team (OpenBLAS's FAQ; its NUM_PARALLEL build option
    /// exists for this). One OpenBLAS thread, Learn's default, runs in the calling thread.
    static func partsRunConcurrently(learnThreads: Int, blasThreads: Int, openMP: Bool) -> Bool {
        learnThreads > 1 && !(openMP && blasThreads > 1)
    }

    /// Whether the loaded OpenBLAS was built with OpenMP (`openblas_get_parallel()` is 0
    /// for a sequential build, 1 for its own threads, 2 for OpenMP).
    static let usesOpenMP = openblas_get_parallel() == 2

    /// The number of threads OpenBLAS uses. Results of sgemm are deterministic for a fixed
    /// count (threads split the output, not the sum), so keep it fixed across runs that
    /// must agree bit for bit.
    static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}

/// Process-wide settings of the BLAS backend.
public enum LearnBackend {
    /// Threads for Learn's own parallel loops (the FFT convolution, Adam, pooling, and
    /// the LSTM and Dense products through `BLAS.splitGemm`); results do not depend on
    /// it. Default: `LEARN_THREADS` if set (for a machine shared with other work), else
    /// two, or one on a one-core machine. `notebook test --jobs` leaves it alone: with one
    /// thread per lesson, the last lesson left running would use one core of two. Set it
    /// before training, not while a model runs.
    ///
    /// Computed over storage of its own: a stored `public static var` is shared mutable
    /// state, which a package in the Swift 6 language mode may neither read nor set (an
    /// error in that package, not in this one, which builds in Swift 5 mode).
    public static var threads: Int {
        get { settingsLock.withLock { chosenThreads } }
        set { settingsLock.withLock { chosenThreads = max(1, newValue) } }  // 0 or less: one
    }

    /// Guards the settings: every layer reads `threads` from the thread training the
    /// model, and a program may set it from another.
    private static let settingsLock = NSLock()
    private nonisolated(unsafe) static var chosenThreads = defaultThreads(environment: ProcessInfo.processInfo.environment)

    /// The environment variable that sets `threads` for a process.
    public static let threadsVariable = "LEARN_THREADS"

    static func defaultThreads(environment: [String: String]) -> Int {
        if let text = environment[threadsVariable], let count = Int(text), count >= 1 { return count }
        return min(2, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// OpenBLAS's thread count (see `BLAS.threads`).
    public static var blasThreads: Int {
        get { BLAS.threads }
        set { settingsLock.withLock { chosen = true; BLAS.threads = newValue } }
    }

    private nonisolated(unsafe) static var chosen = false

    /// Learn's default, applied when a model is built: one OpenBLAS thread, unless the
    /// program chose a count or OPENBLAS_NUM_THREADS did. At batch 16 the products are
    /// too small to split (sd_fc: 0.067 s per epoch on one thread, 0.18 on two), and
    /// OpenBLAS's idle threads spin on a core that another job could use.
    static func applyDefaultThreads() {
        settingsLock.withLock {
            guard !chosen, ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil else { return }
            chosen = true
            BLAS.threads = 1
        }
    }

    /// Times one n×n×n sgemm (median of `repeats`) and returns GFLOP/s: the machine's
    /// practical ceiling, against which the training speed is reported.
    public static func sgemmPeakGFLOPS(n: Int = 512, repeats: Int = 7) -> Double {
        let a = FloatBuffer(count: n * n), b = FloatBuffer(count: n * n), c = FloatBuffer(count: n * n)
        for i in 0..<(n * n) { a.pointer[i] = Float(i % 7) * 0.1; b.pointer[i] = Float(i % 5) * 0.1 }
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = Clock.now()
            BLAS.gemm(false, false, m: n, n: n, k: n, a.pointer, lda: n, b.pointer, ldb: n, c.pointer, ldc: n)
            times.append(Clock.now() - start)
        }
        times.sort()
        return 2 * Double(n * n * n) / times[times.count / 2] / 1e9
    }
}
