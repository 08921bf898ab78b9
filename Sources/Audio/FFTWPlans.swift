import CFFTW
import Foundation

/// FFTW's planner (making and destroying plans) is not thread-safe, and its state is
/// shared by every plan of the double-precision library: all of Audio's plans are made
/// and destroyed under this one lock. (Executing a plan with the new-array functions is
/// thread-safe and needs no lock.)
enum FFTWPlanner {
    private static let lock = NSLock()

    static func locked<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }
}

/// How many transform sizes of each kind stay planned: the features use a handful (the
/// STFT's 2048, the constant-Q octaves' few), and a sweep over `n_fft` would otherwise
/// keep a plan for every size it tried.
private let plannedSizes = 16

/// FFTW double-precision real transforms of one size, planned once (while the size is
/// among the most recently used) and shared by all threads; destroyed when the last
/// user lets go of one the cache has dropped.
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
        (forward, inverse) = FFTWPlanner.locked {
            (fftw_plan_dft_r2c_1d(Int32(size), real, complex, flags), fftw_plan_dft_c2r_1d(Int32(size), complex, real, flags))
        }
    }

    deinit {
        FFTWPlanner.locked { fftw_destroy_plan(forward); fftw_destroy_plan(inverse) }
    }

    static let plans = LeastRecentlyUsedCache<Int, DoubleRealFFT>(capacity: plannedSizes)

    static func shared(size: Int) -> DoubleRealFFT {
        plans.value(for: size) { DoubleRealFFT(size: size) }
    }
}

/// FFTW double-precision forward transforms of one size (complex, and real-to-complex),
/// cached and shared as `DoubleRealFFT` is, for the constant-Q transform.
final class DoubleFFT: @unchecked Sendable {
    let plan: fftw_plan
    let realPlan: fftw_plan

    private init(size: Int) {
        let a = fftw_alloc_complex(size)!, b = fftw_alloc_complex(size)!
        let r = fftw_alloc_real(size)!
        defer { fftw_free(a); fftw_free(b); fftw_free(r) }
        (plan, realPlan) = FFTWPlanner.locked {
            (fftw_plan_dft_1d(Int32(size), a, b, FFTW_FORWARD, UInt32(FFTW_ESTIMATE)),
             fftw_plan_dft_r2c_1d(Int32(size), r, b, UInt32(FFTW_ESTIMATE)))
        }
    }

    deinit {
        FFTWPlanner.locked { fftw_destroy_plan(plan); fftw_destroy_plan(realPlan) }
    }

    static let plans = LeastRecentlyUsedCache<Int, DoubleFFT>(capacity: plannedSizes)

    static func shared(size: Int) -> DoubleFFT {
        plans.value(for: size) { DoubleFFT(size: size) }
    }
}
