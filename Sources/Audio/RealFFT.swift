import CFFTW
import Foundation

/// FFTW double-precision real transforms of one size, planned once per process and
/// shared by all threads.
///
/// Planning is not thread-safe in FFTW, so plans are created under a lock; executing a
/// plan on other (equally aligned, `fftw_malloc`ed) buffers with the new-array execute
/// functions is thread-safe, which is how every caller uses them.
///
/// librosa's stft multiplies float32 frames by a float64 window and transforms them in
/// float64 before rounding to complex64; doing the same keeps quiet bins (a band's
/// valley, a pure tone's skirts) exact to Float precision instead of burying them under
/// a single-precision transform's rounding noise (~1e-7 of the frame's peak).
final class DoubleRealFFT: @unchecked Sendable {
    let size: Int
    let forward: fftw_plan
    let inverse: fftw_plan

    private init(size: Int) {
        self.size = size
        let real = fftw_alloc_real(size)!
        let complex = fftw_alloc_complex(size / 2 + 1)!
        defer { fftw_free(real); fftw_free(complex) }
        // ESTIMATE, not MEASURE: MEASURE times candidate algorithms and may pick another
        // one in the next run, and a different algorithm rounds differently; that moved
        // values in the last bits from run to run. ESTIMATE's choice depends only on the
        // size and the CPU's instruction set, so the features are the same in every run.
        let flags = UInt32(FFTW_ESTIMATE)
        forward = fftw_plan_dft_r2c_1d(Int32(size), real, complex, flags)
        inverse = fftw_plan_dft_c2r_1d(Int32(size), complex, real, flags)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var plans: [Int: DoubleRealFFT] = [:]

    static func shared(size: Int) -> DoubleRealFFT {
        lock.lock()
        defer { lock.unlock() }
        if let plan = plans[size] { return plan }
        let plan = DoubleRealFFT(size: size)
        plans[size] = plan
        return plan
    }
}

/// An `fftw_malloc`ed Double buffer, freed on deinit.
final class DoubleFFTBuffer {
    let reals: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = count
        reals = fftw_alloc_real(max(count, 1))!
        reals.initialize(repeating: 0, count: max(count, 1))
    }

    var complex: UnsafeMutablePointer<fftw_complex> {
        UnsafeMutableRawPointer(reals).assumingMemoryBound(to: fftw_complex.self)
    }

    deinit { fftw_free(reals) }
}
