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
/// through the FFT it is one real transform of length N per sample and filter, about
/// 2.5 N log₂ N flops, a tenth of that. With the transform of x, X, and of the kernel
/// column placed at circular offsets -padLeft ..< kernel - padLeft, V:
///
///     Y_bf = X_b · conj(V_f)          D_f = Σ_b X_b · conj(G_bf)
///
/// where G_bf is the transform of g[b, ·, f]. N covers the longest lag both ways, so the
/// circular correlation equals the linear one on the steps we read.
///
/// Samples (forward) and filters (gradient) are split across `workers` threads; the sum
/// over samples runs in sample order inside each filter, so the result does not depend
/// on the thread count. Plans use FFTW_ESTIMATE: a measured plan may pick a different
/// algorithm on the next run, and with it different rounding.
final class FourierCorrelation {
    let steps: Int, kernelSize: Int, padLeft: Int, filters: Int
    /// Transform length: a power of two ≥ steps + max(padLeft, kernel - 1 - padLeft).
    let size: Int
    /// Complex bins per spectrum (N/2 + 1) and the stride between spectra, rounded up so
    /// every spectrum keeps the SIMD alignment FFTW planned with.
    let bins: Int, binStride: Int
    /// The stride between real rows: N plus a cache line, because rows a power of two
    /// apart fall into the same cache sets and the transposes would thrash them.
    let realStride: Int
    let workers: Int

    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan
    private let kernelSpectra: AlignedFloats   // filters × binStride complex
    private let inputSpectra = AlignedFloats()  // batch × binStride complex, kept for the gradient
    private let gradientSums: AlignedFloats     // filters × binStride complex
    private let workerReal: [AlignedFloats]     // per worker: filters × realStride reals
    private let workerSpectra: [AlignedFloats]  // per worker: one spectrum (binStride complex)
    private let workerBlock: [AlignedFloats]    // per worker: steps × blockFilters, for pools other than pairs
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
        bins = n / 2 + 1
        let stride = (n / 2 + 1 + 7) / 8 * 8
        binStride = stride
        kernelSpectra = AlignedFloats(2 * filters * stride)
        gradientSums = AlignedFloats(2 * filters * stride)
        realStride = n + 16
        workerReal = (0..<self.workers).map { _ in AlignedFloats(filters * (n + 16)) }
        workerSpectra = (0..<self.workers).map { _ in AlignedFloats(2 * stride) }
        workerBlock = (0..<self.workers).map { _ in AlignedFloats(steps * Self.blockFilters) }
        let real = workerReal[0].pointer, spectrum = complexView(workerSpectra[0].pointer)
        let size32 = Int32(n)
        FourierCorrelation.plannerLock.lock()
        forwardPlan = fftwf_plan_dft_r2c_1d(size32, real, spectrum, UInt32(FFTW_ESTIMATE))
        inversePlan = fftwf_plan_dft_c2r_1d(size32, spectrum, real, UInt32(FFTW_ESTIMATE))
        FourierCorrelation.plannerLock.unlock()
    }

    deinit {
        FourierCorrelation.plannerLock.withLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
    }

    /// FFTW's planner is not thread-safe; executing plans is.
    private static let plannerLock = NSLock()

    /// Keeps X_b of every sample of `x` (batch × steps).
    func transformInputs(_ x: UnsafePointer<Float>, batch: Int) {
        let spectra = inputSpectra.resize(2 * batch * binStride)
        let real = workerReal[0].pointer
        // The zero tail is written once: an out-of-place real-to-complex transform leaves
        // its input as it was, and each sample overwrites only the first `steps` values.
        (real + steps).update(repeating: 0, count: size - steps)
        for b in 0..<batch {
            real.update(from: x + b * steps, count: steps)
            fftwf_execute_dft_r2c(forwardPlan, real, complexView(spectra) + b * binStride)
        }
    }

    /// Keeps V_f of every filter of `kernel` (kernelSize × filters, row-major).
    func transformKernel(_ kernel: UnsafePointer<Float>) {
        let real = workerReal[0].pointer
        real.update(repeating: 0, count: filters * realStride)
        for k in 0..<kernelSize {
            let position = (k - padLeft + size) % size
            for f in 0..<filters { real[f * realStride + position] = kernel[k * filters + f] }
        }
        for f in 0..<filters {
            fftwf_execute_dft_r2c(forwardPlan, real + f * realStride, complexView(kernelSpectra.pointer) + f * binStride)
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
        let pairs = pooling?.size == 2
        let shiftRows = self.shiftRows.resize(pairs ? filters * steps : 1)
        if pairs { Transpose.run(rows: steps, cols: filters, shift, lda: filters, shiftRows, ldb: steps) }
        Workers.forEach(count: batch, parts: workers) { worker, samples in
            // One spectrum at a time, in the same buffer: it stays in L1 between the
            // product and the inverse transform that consumes it.
            let product = self.workerSpectra[worker].pointer, real = self.workerReal[worker].pointer
            let block = self.workerBlock[worker].pointer
            for b in samples {
                let out = y + b * outSteps * filters
                for first in stride(from: 0, to: filters, by: Self.blockFilters) {
                    let width = min(Self.blockFilters, filters - first)
                    for f in first..<(first + width) {
                        Self.multiplyConjugate(inputs + 2 * b * self.binStride,
                                               UnsafePointer(self.kernelSpectra.pointer) + 2 * f * self.binStride,
                                               into: product, count: self.bins)
                        fftwf_execute_dft_c2r(self.inversePlan, complexView(product), real + f * realStride)
                    }
                    // real is one row per filter; the layer's output is steps × filters.
                    let rows = real + first * realStride
                    if let pooling, pairs {
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
    /// Each thread takes a range of filters and walks the samples in order: transpose
    /// its columns of g[b] to rows (zero-padded to N), transform each, and add
    /// X_b · conj(G_bf) to the filter's sum, which stays in cache. Then D_f is the
    /// inverse transform of the sum, read at the kernel's lags.
    func kernelGradient(_ g: UnsafePointer<Float>, batch: Int, pooling: Pooling? = nil,
                        into d: UnsafeMutablePointer<Float>) {
        let steps = self.steps, filters = self.filters, size = self.size, padLeft = self.padLeft
        let kernelSize = self.kernelSize, bins = self.bins, binStride = self.binStride, realStride = self.realStride
        let forwardPlan = self.forwardPlan, inversePlan = self.inversePlan
        let inputs = UnsafePointer(inputSpectra.pointer), sums = gradientSums.pointer
        let scale = 1 / Float(size)
        let outSteps = pooling.map { steps / $0.size } ?? steps
        Workers.forEach(count: filters, parts: workers) { worker, range in
            let real = self.workerReal[worker].pointer, spectrum = self.workerSpectra[worker].pointer
            let block = self.workerBlock[worker].pointer
            (sums + 2 * range.lowerBound * binStride).update(repeating: 0, count: 2 * range.count * binStride)
            // Zero tails once per call (the forward pass's inverse transforms filled these
            // rows); the transposes below write only the first `steps` of each row.
            for f in range { (real + f * realStride + steps).update(repeating: 0, count: size - steps) }
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
                    for f in first..<(first + width) {
                        let row = real + f * realStride
                        fftwf_execute_dft_r2c(forwardPlan, row, complexView(spectrum))
                        Self.multiplyConjugate(inputs + 2 * b * binStride, UnsafePointer(spectrum),
                                               into: sums + 2 * f * binStride, count: bins, adding: true)
                    }
                }
            }
            for f in range {
                let lags = real + f * realStride
                fftwf_execute_dft_c2r(inversePlan, complexView(sums + 2 * f * binStride), lags)
                for k in 0..<kernelSize { d[k * filters + f] = lags[(k - padLeft + size) % size] * scale }
            }
        }
    }

    // MARK: - Loops

    /// out = a · conj(b) (add: out += a · conj(b)), interleaved complex, four at a time:
    /// the even lanes are the real parts, the odd lanes the imaginary parts.
    @inline(__always)
    static func multiplyConjugate(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                  into out: UnsafeMutablePointer<Float>, count: Int, adding: Bool = false) {
        var i = 0
        while i + 4 <= count {
            let x = SIMD8<Float>(loading: a + 2 * i), y = SIMD8<Float>(loading: b + 2 * i)
            var product = SIMD8<Float>()
            product.evenHalf = x.evenHalf * y.evenHalf + x.oddHalf * y.oddHalf
            product.oddHalf = x.oddHalf * y.evenHalf - x.evenHalf * y.oddHalf
            if adding { product += SIMD8<Float>(loading: out + 2 * i) }
            product.store(to: out + 2 * i)
            i += 4
        }
        while i < count {
            let ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1]
            let re = ar * br + ai * bi, im = ai * br - ar * bi
            if adding { out[2 * i] += re; out[2 * i + 1] += im } else { out[2 * i] = re; out[2 * i + 1] = im }
            i += 1
        }
    }
}

/// FFTW's complex type over an interleaved Float buffer.
@inline(__always)
private func complexView(_ p: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<fftwf_complex> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: fftwf_complex.self)
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
