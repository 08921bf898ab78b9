import CFFTW
import Foundation

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
