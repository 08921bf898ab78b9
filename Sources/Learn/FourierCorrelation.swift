import CFFTW
import Foundation

/// The two products of a one-channel Conv1D, computed through FFTW instead of im2col and
/// sgemm (si_cnn: 386 steps, a kernel of 128, 256 filters):
///
///     forward   y[b, t, f] = Σ_k x[b, t + k - padLeft] · W[k, f]        (x zero outside)
///     gradient  D[k, f]    = Σ_b Σ_t x[b, t + k - padLeft] · g[b, t, f]
///
/// Both are cross-correlations. Directly each costs steps · kernel multiply-adds per
/// sample and filter (12.6 M per sample for si_cnn, 42 GFLOP per epoch for the two);
/// through the FFT it is about 2.5 N log₂ N flops per sample and filter, a tenth of that.
/// N covers the longest lag both ways, so the circular correlation equals the linear one
/// on the steps we read.
///
/// Two filters share one complex transform. FFTW's real transforms of length 512 take as
/// long as its complex ones, so a real filter in the real part and its neighbour in the
/// imaginary part halve the transforms. FFTW's split format keeps each filter's steps in
/// its own row, where the pooling and the transposes read and write them. For a real x
/// with full spectrum X, and a pair of filters as one complex sequence:
///
///     forward   y₁ + i·y₂ = IDFT(X · Ŵ),  Ŵ the DFT of the pair's kernels placed at
///               circular offsets padLeft - k (reversed), which is DFT(w)[-k]
///     gradient  D₁ + i·D₂ = DFT(Σ_b conj(X_b) · G_b) / N,  G_b the DFT of g₁ + i·g₂
///
/// (the correlation Σ_t a[t + m]·z[t] has the spectrum A[k]·Z[-k]; substituting -k for k
/// turns its inverse transform into a forward one of conj(A)·Z, as x is real). FFTW's
/// split transform only goes forward; the inverse is the forward one with the real and
/// imaginary parts swapped on both sides.
///
/// Samples (forward) and pairs of filters (gradient) are split across `workers` threads;
/// the sum over samples runs in sample order inside each pair, so the result does not
/// depend on the thread count. The plan uses FFTW_ESTIMATE: a measured plan may pick a
/// different algorithm on the next run, and with it different rounding.
final class FourierCorrelation {
    let steps: Int, kernelSize: Int, padLeft: Int, filters: Int
    /// Transform length: a power of two ≥ steps + max(padLeft, kernel - 1 - padLeft).
    let size: Int
    /// Filters in pairs, the last one alone with a zero partner when their count is odd.
    let pairs: Int
    /// The stride between real rows: N plus a cache line, because rows a power of two
    /// apart fall into the same cache sets and the transposes would thrash them.
    let realStride: Int
    let workers: Int

    /// The split-format forward DFT of length N (unit strides).
    private let plan: fftwf_plan
    private let kernelSpectra: AlignedFloats   // pairs × (N real parts, N imaginary parts)
    private let inputSpectra = AlignedFloats()  // batch × (N, N): X_b, kept for the gradient
    private let gradientSums: AlignedFloats     // pairs × (N, N)
    private let workerReal: [AlignedFloats]     // per worker: 2 · pairs rows of realStride
    private let workerSpectra: [AlignedFloats]  // per worker: one spectrum (N, N)
    private let workerBlock: [AlignedFloats]    // per worker: steps × blockFilters, for pools other than of two
    private let shiftRows = AlignedFloats()      // filters × steps: the shift in FFTW's layout, for PairPooling

    init(steps: Int, kernelSize: Int, padLeft: Int, filters: Int,
         workers: Int = LearnBackend.threads) {
        self.steps = steps
        self.kernelSize = kernelSize
        self.padLeft = padLeft
        self.filters = filters
        self.workers = max(1, workers)
        var n = 16
        while n < steps + max(padLeft, kernelSize - 1 - padLeft) { n *= 2 }
        size = n
        let pairCount = (filters + 1) / 2
        pairs = pairCount
        kernelSpectra = AlignedFloats(2 * pairCount * n)
        gradientSums = AlignedFloats(2 * pairCount * n)
        realStride = n + 16
        workerReal = (0..<self.workers).map { _ in AlignedFloats(2 * pairCount * (n + 16)) }
        workerSpectra = (0..<self.workers).map { _ in AlignedFloats(2 * n) }
        workerBlock = (0..<self.workers).map { _ in AlignedFloats(steps * Self.blockFilters) }
        let rows = workerReal[0].pointer, spectrum = workerSpectra[0].pointer
        var dimension = fftwf_iodim(n: Int32(n), is: 1, os: 1)
        FourierCorrelation.plannerLock.lock()
        plan = fftwf_plan_guru_split_dft(1, &dimension, 0, nil, rows, rows + realStride, spectrum, spectrum + n,
                                         UInt32(FFTW_ESTIMATE))
        FourierCorrelation.plannerLock.unlock()
    }

    deinit {
        FourierCorrelation.plannerLock.withLock { fftwf_destroy_plan(plan) }
    }

    /// FFTW's planner is not thread-safe; executing plans is.
    private static let plannerLock = NSLock()

    /// (outReal, outImaginary) = DFT(real + i·imaginary), N values each.
    @inline(__always)
    private func transform(_ real: UnsafeMutablePointer<Float>, _ imaginary: UnsafeMutablePointer<Float>,
                           into outReal: UnsafeMutablePointer<Float>, _ outImaginary: UnsafeMutablePointer<Float>) {
        fftwf_execute_split_dft(plan, real, imaginary, outReal, outImaginary)
    }

    /// The unnormalised inverse DFT: the forward one with real and imaginary parts swapped.
    @inline(__always)
    private func inverseTransform(_ real: UnsafeMutablePointer<Float>, _ imaginary: UnsafeMutablePointer<Float>,
                                  into outReal: UnsafeMutablePointer<Float>, _ outImaginary: UnsafeMutablePointer<Float>) {
        fftwf_execute_split_dft(plan, imaginary, real, outImaginary, outReal)
    }

    /// The filters of pair p that exist (the last pair may hold one).
    @inline(__always)
    private func pairFilters(_ p: Int) -> Range<Int> { (2 * p)..<min(filters, 2 * p + 2) }

    /// Keeps X_b, the full spectrum of every sample of `x` (batch × steps).
    func transformInputs(_ x: UnsafePointer<Float>, batch: Int) {
        let n = size
        let spectra = inputSpectra.resize(2 * batch * n)
        let real = workerReal[0].pointer, imaginary = real + realStride
        // The zero tail and the zero imaginary row are written once: an out-of-place
        // complex transform leaves its input as it was.
        (real + steps).update(repeating: 0, count: n - steps)
        imaginary.update(repeating: 0, count: n)
        for b in 0..<batch {
            real.update(from: x + b * steps, count: steps)
            transform(real, imaginary, into: spectra + 2 * b * n, spectra + 2 * b * n + n)
        }
    }

    /// Keeps Ŵ of every pair of filters of `kernel` (kernelSize × filters, row-major).
    /// The pairs are split across the workers, each placing and transforming its own
    /// (in one buffer: a pair's two rows are its own).
    func transformKernel(_ kernel: UnsafePointer<Float>) {
        let n = size, real = workerReal[0].pointer, spectra = kernelSpectra.pointer
        let realStride = self.realStride, filters = self.filters, padLeft = self.padLeft, kernelSize = self.kernelSize
        Workers.forEach(count: pairs, parts: workers) { _, pairRange in
            real.advanced(by: 2 * pairRange.lowerBound * realStride)
                .update(repeating: 0, count: 2 * pairRange.count * realStride)
            let own = (2 * pairRange.lowerBound)..<min(filters, 2 * pairRange.upperBound)
            for k in 0..<kernelSize {
                let position = (padLeft - k + n) % n
                for f in own { real[f * realStride + position] = kernel[k * filters + f] }
            }
            for p in pairRange {
                self.transform(real + 2 * p * realStride, real + (2 * p + 1) * realStride,
                               into: spectra + 2 * p * n, spectra + 2 * p * n + n)
            }
        }
    }

    /// Max pooling applied to the correlation's output before it leaves the cache (see
    /// Conv1D+Pooling.swift): windows of `size` steps, clamped at zero when `ramp`.
    /// `taps` holds the winners, in the pooled output's layout (MaxPoolingKernels).
    struct Pooling {
        let size: Int
        let ramp: Bool
        let taps: UnsafeMutablePointer<Int8>
    }

    /// Filters per block: a block's inverse transforms (blockFilters × N) and its
    /// transposed steps (steps × blockFilters) stay in the core's cache between the
    /// transform, the transpose and the pooling.
    static let blockFilters = 32

    /// y[b, t, f] = scale · (x ⋆ W)[b, t, f] + shift[t, f], from the last
    /// `transformInputs` and `transformKernel`, pooled over steps when `pooling` is given
    /// (y is then batch × steps / size × filters). The 1/N of the inverse transform is
    /// applied here too.
    func correlate(batch: Int, scale: Float, shift: UnsafePointer<Float>, pooling: Pooling? = nil,
                   into y: UnsafeMutablePointer<Float>) {
        let inputs = UnsafePointer(inputSpectra.pointer)
        let factor = scale / Float(size)
        let steps = self.steps, filters = self.filters, realStride = self.realStride
        let outSteps = pooling.map { steps / $0.size } ?? steps
        // Windows of two pool in the rows' layout (PairPooling), which needs the shift there too.
        let windowsOfTwo = pooling?.size == 2
        let shiftRows = self.shiftRows.resize(windowsOfTwo ? filters * steps : 1)
        if windowsOfTwo {
            Workers.forEach(count: filters, parts: workers) { _, range in
                Transpose.run(rows: steps, cols: range.count, shift + range.lowerBound, lda: filters,
                              shiftRows + range.lowerBound * steps, ldb: steps)
            }
        }
        Workers.forEach(count: batch, parts: workers) { worker, samples in
            // One spectrum at a time, in the same buffer: it stays in L1 between the
            // product and the inverse transform that consumes it.
            let product = self.workerSpectra[worker].pointer, real = self.workerReal[worker].pointer
            let block = self.workerBlock[worker].pointer
            let n = self.size, kernels = UnsafePointer(self.kernelSpectra.pointer)
            for b in samples {
                let out = y + b * outSteps * filters
                for first in stride(from: 0, to: filters, by: Self.blockFilters) {
                    let width = min(Self.blockFilters, filters - first)
                    // Blocks start at even filters (blockFilters is even), so a block
                    // holds whole pairs.
                    for p in (first / 2)..<((first + width + 1) / 2) {
                        Self.multiply(inputs + 2 * b * n, kernels + 2 * p * n, into: product, count: n)
                        self.inverseTransform(product, product + n,
                                              into: real + 2 * p * realStride, real + (2 * p + 1) * realStride)
                    }
                    // real is one row per filter; the layer's output is steps × filters.
                    let rows = real + first * realStride
                    if let pooling, windowsOfTwo {
                        let o = b * outSteps * filters + first
                        PairPooling.forward(rows: rows, rowStride: realStride, width: width, outSteps: outSteps,
                                            factor: factor, shift: shiftRows + first * steps, shiftStride: steps,
                                            ramp: pooling.ramp, into: y + o, stride: filters, taps: pooling.taps + o)
                        continue
                    }
                    guard let pooling else {
                        Transpose.run(rows: width, cols: steps, alpha: factor, rows, lda: realStride,
                                      out + first, ldb: filters, adding: shift + first, lds: filters)
                        continue
                    }
                    Transpose.run(rows: width, cols: steps, alpha: factor, rows, lda: realStride,
                                  block, ldb: width, adding: shift + first, lds: filters)
                    let o = b * outSteps * filters + first
                    MaxPoolingKernels.forward(block, stride: width, outSteps: outSteps, width: width, pool: pooling.size,
                                              ramp: pooling.ramp, into: y + o, stride: filters, taps: pooling.taps + o)
                }
            }
        }
    }

    /// D[k, f] (kernelSize × filters) for the output gradient `g` (batch × steps × filters)
    /// of the batch whose inputs were transformed last. With `pooling`, g is the gradient
    /// of the pooled output (batch × steps / size × filters), and each block of it goes
    /// back through the pooling in cache first.
    ///
    /// Each thread takes a range of pairs of filters and walks the samples in order:
    /// transpose its columns of g[b] to rows (zero-padded to N), transform each pair, and
    /// add conj(X_b) · G_b to the pair's sum, which stays in cache. Then the pair's D is
    /// the forward transform of the sum, read at the kernel's lags.
    func kernelGradient(_ g: UnsafePointer<Float>, batch: Int, pooling: Pooling? = nil,
                        into d: UnsafeMutablePointer<Float>) {
        let steps = self.steps, filters = self.filters, size = self.size, padLeft = self.padLeft
        let kernelSize = self.kernelSize, realStride = self.realStride
        let inputs = UnsafePointer(inputSpectra.pointer), sums = gradientSums.pointer
        let scale = 1 / Float(size)
        let outSteps = pooling.map { steps / $0.size } ?? steps
        Workers.forEach(count: pairs, parts: workers) { worker, pairRange in
            let real = self.workerReal[worker].pointer, spectrum = self.workerSpectra[worker].pointer
            let block = self.workerBlock[worker].pointer
            let range = (2 * pairRange.lowerBound)..<min(filters, 2 * pairRange.upperBound)
            (sums + 2 * pairRange.lowerBound * size).update(repeating: 0, count: 2 * pairRange.count * size)
            // Zero tails once per call (the forward pass's inverse transforms filled these
            // rows); the transposes below write only the first `steps` of each row. A
            // lone last filter's partner row stays zero throughout.
            for f in range { (real + f * realStride + steps).update(repeating: 0, count: size - steps) }
            if 2 * pairRange.upperBound > filters { (real + filters * realStride).update(repeating: 0, count: size) }
            for b in 0..<batch {
                for first in stride(from: range.lowerBound, to: range.upperBound, by: Self.blockFilters) {
                    let width = min(Self.blockFilters, range.upperBound - first)
                    let o = b * outSteps * filters + first
                    if let pooling, pooling.size == 2 {
                        PairPooling.backward(g + o, stride: filters, taps: pooling.taps + o, width: width,
                                             outSteps: outSteps, steps: steps, into: real + first * realStride,
                                             rowStride: realStride)
                    } else if let pooling {
                        MaxPoolingKernels.backward(g + o, stride: filters, taps: pooling.taps + o, steps: steps,
                                                   outSteps: outSteps, width: width, pool: pooling.size,
                                                   into: block, stride: width)
                        Transpose.run(rows: steps, cols: width, block, lda: width, real + first * realStride, ldb: realStride)
                    } else {
                        Transpose.run(rows: steps, cols: width, g + o, lda: filters, real + first * realStride, ldb: realStride)
                    }
                    for p in (first / 2)..<((first + width + 1) / 2) {
                        self.transform(real + 2 * p * realStride, real + (2 * p + 1) * realStride,
                                       into: spectrum, spectrum + size)
                        Self.multiplyConjugateFirst(inputs + 2 * b * size, UnsafePointer(spectrum),
                                                    adding: sums + 2 * p * size, count: size)
                    }
                }
            }
            for p in pairRange {
                let sum = sums + 2 * p * size
                self.transform(sum, sum + size, into: real + 2 * p * realStride, real + (2 * p + 1) * realStride)
                for f in self.pairFilters(p) {
                    let lags = real + f * realStride
                    for k in 0..<kernelSize { d[k * filters + f] = lags[(k - padLeft + size) % size] * scale }
                }
            }
        }
    }

    // MARK: - Loops

    /// out = a · b for split complex spectra (each `count` real parts, then `count`
    /// imaginary parts), eight at a time: `count` is the transform length, a power of
    /// two of at least 16, so there is no remainder.
    @inline(__always)
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                         into out: UnsafeMutablePointer<Float>, count: Int) {
        assert(count % 8 == 0)
        for i in stride(from: 0, to: count, by: 8) {
            let ar = SIMD8<Float>(loading: a + i), ai = SIMD8<Float>(loading: a + count + i)
            let br = SIMD8<Float>(loading: b + i), bi = SIMD8<Float>(loading: b + count + i)
            (ar * br - ai * bi).store(to: out + i)
            (ar * bi + ai * br).store(to: out + count + i)
        }
    }

    /// out += conj(a) · b for split complex spectra, eight at a time (as `multiply`).
    @inline(__always)
    static func multiplyConjugateFirst(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                       adding out: UnsafeMutablePointer<Float>, count: Int) {
        assert(count % 8 == 0)
        for i in stride(from: 0, to: count, by: 8) {
            let ar = SIMD8<Float>(loading: a + i), ai = SIMD8<Float>(loading: a + count + i)
            let br = SIMD8<Float>(loading: b + i), bi = SIMD8<Float>(loading: b + count + i)
            (SIMD8<Float>(loading: out + i) + (ar * br + ai * bi)).store(to: out + i)
            (SIMD8<Float>(loading: out + count + i) + (ar * bi - ai * br)).store(to: out + count + i)
        }
    }
}

/// Floats from fftwf_malloc: FFTW's new-array execute needs every array as aligned as
/// the ones the plan was made with, which Swift's allocator does not promise.
final class AlignedFloats {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(_ count: Int = 1) {
        capacity = max(count, 1)
        pointer = fftwf_alloc_real(capacity)
        pointer.initialize(repeating: 0, count: capacity)
    }

    deinit { fftwf_free(pointer) }

    /// Room for `n` values; contents are undefined after a growth.
    @discardableResult
    func resize(_ n: Int) -> UnsafeMutablePointer<Float> {
        if n > capacity {
            fftwf_free(pointer)
            capacity = n
            pointer = fftwf_alloc_real(n)
            pointer.initialize(repeating: 0, count: n)
        }
        return pointer
    }
}
