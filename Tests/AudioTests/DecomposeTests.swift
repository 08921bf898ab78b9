@testable import Audio
import CFFTW
import XCTest

/// Median filters, soft masks and `effects.harmonic` against scipy 1.10.1 / librosa
/// 0.8.1 (`scripts/reference/librosa_cqt.py`).
final class DecomposeTests: XCTestCase {
    /// A median is one of the window's values, so scipy's result is reproduced exactly,
    /// including windows wider than the matrix (reflected more than once) and ties.
    func testMedianFilterEqualsScipyExactly() throws {
        for name in ["median_random", "median_tiny", "median_signed"] {
            let input = try CQTFixtures.array("\(name)_input")
            let m = try XCTUnwrap(Matrix(rows: input.shape[0], columns: input.shape[1], values: input.floats))
            let time = try medianFilter(m, size: (1, 31))
            let freq = try medianFilter(m, size: (31, 1))
            XCTAssertEqual(time.values, try CQTFixtures.floats("\(name)_time"), "\(name) (1, 31)")
            XCTAssertEqual(freq.values, try CQTFixtures.floats("\(name)_freq"), "\(name) (31, 1)")
        }
    }

    func testMedianFilterRejectsTwoDimensionalFootprint() throws {
        let m = Matrix(rows: 3, columns: 3)
        XCTAssertThrowsError(try medianFilter(m, size: (3, 3)))
        XCTAssertThrowsError(try medianFilter(m, size: (0, 1)))
    }

    func testSoftmaskSplitsZerosAndSumsToOne() throws {
        let x = try XCTUnwrap(Matrix(rows: 1, columns: 4, values: [0, 1, 3, 0]))
        let r = try XCTUnwrap(Matrix(rows: 1, columns: 4, values: [0, 1, 1, 2]))
        let m = try softmask(x, r, power: 2, splitZeros: true)
        let n = try softmask(r, x, power: 2, splitZeros: true)
        XCTAssertEqual(m.values, [0.5, 0.5, 0.9, 0])
        for i in 0..<4 { XCTAssertEqual(m.values[i] + n.values[i], 1, accuracy: 1e-7) }
        XCTAssertThrowsError(try softmask(x, Matrix(rows: 2, columns: 2)))
    }

    /// effects.harmonic: STFT, masks, phase rebuild, inverse STFT, all with librosa's
    /// precisions; bound: 5e-7 of the signal's peak (FFTW's and numpy's Double FFTs
    /// round differently).
    func testHarmonicMatchesLibrosa() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_input")
            let expected = try CQTFixtures.floats("\(name)_harmonic")
            let got = try harmonic(y)
            XCTAssertEqual(got.count, expected.count)
            let peak = expected.map { abs($0) }.max() ?? 1
            var worst: Float = 0
            for (a, b) in zip(got, expected) { worst = max(worst, abs(a - b)) }
            print("\(name) harmonic: max abs diff \(worst), peak \(peak)")
            XCTAssertLessThan(worst, 5e-7 * peak)
            // librosa's fix_length zero padding at the end.
            XCTAssertEqual(got.suffix(y.count % 512).allSatisfy { $0 == 0 }, true)
        }
    }

    /// The recipe's STFT held frame after frame and the librosa-layout STFT give the same
    /// harmonic part to the bit, and so does the inverse transform of either layout.
    func testFrameMajorAndLibrosaLayoutsAgreeToTheBit() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_input")
            let (spectrogram, frames) = try MagnitudeSpectrogram.withSTFT(y: y, sampleRate: 48000)
            let d = try stft(y)
            XCTAssertEqual(frames.matrix, d)
            XCTAssertEqual(spectrogram.matrix, d.magnitude())
            XCTAssertEqual(try harmonic(stft: frames, length: y.count), try harmonic(stft: d, length: y.count), name)
            // hpss in librosa's layout (its median filters run the other way round), then
            // the inverse at the default hop: what harmonic did before its STFT was held
            // frame after frame, at librosa's n_fft and at a smaller one.
            for nFFT in [2048, 1024] {
                let full = try stft(y, nFFT: nFFT)
                var expected = try istft(try hpss(full, kernelSize: 31, power: 2).harmonic)
                expected = Array(expected.prefix(y.count)) + [Float](repeating: 0, count: max(0, y.count - expected.count))
                XCTAssertEqual(try harmonic(stft: full, length: y.count), expected, "\(name), n_fft \(nFFT)")
            }
            // The frame-major inverse fixes its length as librosa's fix_length does: cut
            // short, or padded with zeros.
            let centred = try istft(d)
            for length in [centred.count, centred.count - 100, centred.count + 77, 0] {
                let inverse = try istft(frameMajorReal: frames.real, imag: frames.imag, bins: frames.bins, hopLength: 512,
                                        fixedLength: length)
                XCTAssertEqual(inverse, Array(centred.prefix(length)) + [Float](repeating: 0, count: max(0, length - centred.count)),
                               "\(name), length \(length)")
            }
            // A block of eight frames and a partial one (the inverse gathers eight at a time).
            XCTAssertEqual(try istft(d, length: 9 * 512), Array(try istft(d).prefix(9 * 512)), name)
        }
    }

    /// librosa's inverse written plainly: the whole signal and the whole squared window
    /// sum, frame after frame (each addition in Double rounded to Float), then the
    /// division where the sum exceeds Float's least normal.
    private func plainInverse(real: [Float], imag: [Float], bins: Int, frames: Int, hop: Int) -> [Float] {
        let nFFT = 2 * (bins - 1), total = frames > 0 ? nFFT + hop * (frames - 1) : 0
        var y = [Float](repeating: 0, count: total), sums = y
        let w = Window.hann(nFFT), plan = DoubleRealFFT.shared(size: nFFT), scale = 1 / Double(nFFT)
        let spectrum = fftw_alloc_real(2 * bins)!, frame = fftw_alloc_real(nFFT)!
        defer { fftw_free(spectrum); fftw_free(frame) }
        for t in 0..<frames {
            for b in 0..<bins {
                spectrum[2 * b] = Double(real[t * bins + b])
                spectrum[2 * b + 1] = Double(imag[t * bins + b])
            }
            fftw_execute_dft_c2r(plan.inverse, UnsafeMutableRawPointer(spectrum).assumingMemoryBound(to: fftw_complex.self), frame)
            for k in 0..<nFFT {
                y[t * hop + k] = Float(Double(y[t * hop + k]) + w[k] * (frame[k] * scale))
                sums[t * hop + k] = Float(Double(sums[t * hop + k]) + w[k] * w[k])
            }
        }
        for i in 0..<total where sums[i] > Float.leastNormalMagnitude { y[i] /= sums[i] }
        return y
    }

    /// Both inverses (one overlap-add, a frame at a time, normalising each sample as soon
    /// as it is final, with one hop of window sums reused) equal the plain one bit for
    /// bit: random spectra, hops that divide the frame, one that does not and ones longer
    /// than it, one to forty frames, lengths cut short and padded, with and without
    /// centring.
    func testInversesEqualThePlainOverlapAdd() throws {
        var generator = SplitMix(seed: 11)
        for (bins, hop) in [(1025, 512), (9, 4), (9, 3), (9, 16), (9, 23), (17, 1), (2, 1)] {
            for frames in [1, 2, 3, 5, 40] {
                var d = ComplexMatrix(rows: bins, columns: frames)
                var real = [Float](repeating: 0, count: bins * frames), imag = real
                for t in 0..<frames {
                    for b in 0..<bins {
                        let r = Float(generator.unit() - 0.5) * (t % 3 == 1 ? 1e-30 : 1)
                        let i = Float(generator.unit() - 0.5)
                        d.real[b * frames + t] = r
                        d.imag[b * frames + t] = i
                        real[t * bins + b] = r
                        imag[t * bins + b] = i
                    }
                }
                let whole = plainInverse(real: real, imag: imag, bins: bins, frames: frames, hop: hop)
                let half = bins - 1  // nFFT / 2
                XCTAssertEqual(try istft(d, hopLength: hop, center: false).map(\.bitPattern), whole.map(\.bitPattern))
                let centred = try istft(d, hopLength: hop)
                XCTAssertEqual(centred.map(\.bitPattern),
                               (whole.count > 2 * half ? Array(whole[half..<(whole.count - half)]) : []).map(\.bitPattern),
                               "bins \(bins), hop \(hop), frames \(frames)")
                for length in [centred.count, max(centred.count - 5, 0), centred.count + 7] {
                    let inverse = try istft(frameMajorReal: real, imag: imag, bins: bins, hopLength: hop, fixedLength: length)
                    let expected = Array(centred.prefix(length)) + [Float](repeating: 0, count: max(0, length - centred.count))
                    XCTAssertEqual(inverse.map(\.bitPattern), expected.map(\.bitPattern),
                                   "bins \(bins), hop \(hop), frames \(frames), length \(length)")
                }
            }
        }
    }

}
