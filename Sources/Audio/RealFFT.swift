import CFFTW
import Foundation

/// FFTW single-precision real transforms of one size, planned once per process and
/// shared by all threads.
///
/// Planning is not thread-safe in FFTW, so plans are created under a lock; executing a
/// plan on other (equally aligned, `fftwf_malloc`ed) buffers with the new-array execute
/// functions is thread-safe, which is how every caller uses them.
final class RealFFT: @unchecked Sendable {
    /// Transform length in samples.
    let size: Int
    /// r2c: `size` reals -> `size/2 + 1` complex bins (unnormalised).
    let forward: fftwf_plan
    /// c2r: `size/2 + 1` complex bins -> `size` reals (unnormalised; destroys its input).
    let inverse: fftwf_plan

    private init(size: Int) {
        self.size = size
        let real = fftwf_alloc_real(size)!
        let complex = fftwf_alloc_complex(size / 2 + 1)!
        defer { fftwf_free(real); fftwf_free(complex) }
        // ESTIMATE: deterministic plans (same rounding on every run and machine load),
        // and the arrays are not touched while planning.
        let flags = UInt32(FFTW_ESTIMATE)
        forward = fftwf_plan_dft_r2c_1d(Int32(size), real, complex, flags)
        inverse = fftwf_plan_dft_c2r_1d(Int32(size), complex, real, flags)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var plans: [Int: RealFFT] = [:]

    /// The shared plans for `size` (created on first use).
    static func shared(size: Int) -> RealFFT {
        lock.lock()
        defer { lock.unlock() }
        if let plan = plans[size] { return plan }
        let plan = RealFFT(size: size)
        plans[size] = plan
        return plan
    }
}

/// An `fftwf_malloc`ed buffer (SIMD-aligned as FFTW's plans expect), freed on deinit.
final class FFTBuffer {
    let reals: UnsafeMutablePointer<Float>
    let count: Int

    /// Room for `count` Floats (a complex bin takes two).
    init(count: Int) {
        self.count = count
        reals = fftwf_alloc_real(max(count, 1))!
        reals.initialize(repeating: 0, count: max(count, 1))
    }

    /// The same memory seen as FFTW complex values.
    var complex: UnsafeMutablePointer<fftwf_complex> {
        UnsafeMutableRawPointer(reals).assumingMemoryBound(to: fftwf_complex.self)
    }

    deinit { fftwf_free(reals) }
}

/// FFTW double-precision real transforms of one size, shared like `RealFFT`.
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
