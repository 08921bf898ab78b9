@testable import Audio
import TestSupport
import XCTest

/// FFTW plans are cached by size, keeping the most recently used few: a sweep over
/// `n_fft` does not keep a plan (and FFTW's buffers for it) for every size it tried.
final class FFTPlanCacheTests: XCTestCase {
    private let signal = (0..<4096).map { Float(sin(Double($0) * 0.05)) * 0.5 }

    func testASweepOverNFFTKeepsOnlyTheLastFewPlansAndAReplannedSizeGivesTheSameSTFT() throws {
        let before = try stft(signal, nFFT: 256, hopLength: 64)
        for nFFT in stride(from: 64, through: 64 + 2 * 40, by: 2) { _ = try stft(signal, nFFT: nFFT, hopLength: 64) }
        let held = DoubleRealFFT.plans.keys
        XCTAssertLessThanOrEqual(held.count, DoubleRealFFT.plans.capacity)
        XCTAssertFalse(held.contains(256), "the size used before the sweep was dropped")
        let after = try stft(signal, nFFT: 256, hopLength: 64)
        XCTAssertEqual(after.real, before.real)
        XCTAssertEqual(after.imag, before.imag)
    }

    /// Threads transforming at sizes that keep evicting each other's plans: a plan in
    /// use is destroyed only after its last user lets go, and every result is right.
    func testThreadsEvictingEachOthersPlansGetCorrectTransforms() throws {
        let sizes = Array(stride(from: 96, through: 96 + 2 * 3 * DoubleRealFFT.plans.capacity, by: 2))
        let expected = try sizes.map { try stft(signal, nFFT: $0, hopLength: 128) }
        let mismatches = Counter()
        DispatchQueue.concurrentPerform(iterations: 8 * sizes.count) { index in
            let i = (index * 7) % sizes.count
            guard let d = try? stft(signal, nFFT: sizes[i], hopLength: 128),
                  d.real == expected[i].real, d.imag == expected[i].imag else { return mismatches.add() }
        }
        XCTAssertEqual(mismatches.value, 0)
    }
}
