import Audio
import XCTest

/// stft / istft against librosa 0.8.1, and their shape rules.
final class SpectrumTests: XCTestCase {
    func testSTFTMagnitudeMatchesLibrosa() throws {
        let audio = try SignalFixtures.audio("chirp.wav")
        let S = try stft(audio.samples).magnitude()
        Parity.check(S, try SignalFixtures.reference("chirp", "stft_abs"), rtol: 1e-3, "chirp |stft|")
    }

    func testMagnitudeSpectrogramFromSignalOrFromSTFTAgree() throws {
        let audio = try SignalFixtures.audio("chord.wav")
        let sr = Double(audio.sampleRate)
        let direct = try MagnitudeSpectrogram(y: audio.samples, sampleRate: sr)
        let viaSTFT = try MagnitudeSpectrogram(stft: try stft(audio.samples), sampleRate: sr)
        let (shared, d) = try MagnitudeSpectrogram.withSTFT(y: audio.samples, sampleRate: sr)
        XCTAssertEqual(d.matrix, try stft(audio.samples))
        XCTAssertEqual([d.frameCount, d.bins], [direct.frameCount, direct.bins])
        XCTAssertEqual(shared.matrix, direct.matrix)
        let a = direct.matrix, b = viaSTFT.matrix, c = try stft(audio.samples).magnitude()
        XCTAssertEqual([a.rows, a.columns], [b.rows, b.columns])
        XCTAssertEqual([a.rows, a.columns], [c.rows, c.columns])
        let viaDiff = zip(a.values, b.values).map { abs($0 - $1) }.max() ?? .infinity
        let absDiff = zip(a.values, c.values).map { abs($0 - $1) }.max() ?? .infinity
        XCTAssertEqual(viaDiff, 0, "same transform, same rounding")
        XCTAssertEqual(absDiff, 0, "ComplexMatrix.magnitude rounds |z| the same way")
    }

    func testISTFTMatchesLibrosaAndInvertsSTFT() throws {
        let audio = try SignalFixtures.audio("chirp.wav")
        let y = try istft(try stft(audio.samples), length: audio.samples.count)
        let ref = try SignalFixtures.reference("chirp", "istft").doubles
        XCTAssertEqual(y.count, ref.count)
        var worst = 0.0
        for i in ref.indices { worst = max(worst, abs(Double(y[i]) - ref[i])) }
        print("istft max abs diff vs librosa: \(worst)")
        XCTAssertLessThan(worst, 1e-5)
        var roundTrip = 0.0
        for i in y.indices { roundTrip = max(roundTrip, abs(Double(y[i] - audio.samples[i]))) }
        XCTAssertLessThan(roundTrip, 1e-5, "istft(stft(y)) should give y back")
    }

    func testFrameCountsFollowCentredPadding() throws {
        // librosa: 1 + len // hop frames when centred; a 1000-sample clip still gives 2.
        XCTAssertEqual(try stft([Float](repeating: 0.1, count: 1000)).columns, 2)
        XCTAssertEqual(try stft([Float](repeating: 0.1, count: 22050)).columns, 44)
        XCTAssertEqual(try stft([Float](repeating: 0.1, count: 22050)).rows, 1025)
        XCTAssertThrowsError(try stft([]))
        XCTAssertThrowsError(try stft([Float](repeating: 0, count: 100), center: false))
    }

    /// librosa's stft and istft hop a quarter of the frame when no hop is given (512 only
    /// for the default 2048), and stftFrameCount counts with the same default.
    func testDefaultHopIsAQuarterOfTheFrame() throws {
        let audio = try SignalFixtures.audio("chirp.wav")
        let y = audio.samples
        let quarter = try stft(y, nFFT: 1024)
        XCTAssertEqual(quarter, try stft(y, nFFT: 1024, hopLength: 256))
        XCTAssertEqual(quarter.columns, 1 + y.count / 256)
        XCTAssertEqual(stftFrameCount(sampleCount: y.count, nFFT: 1024), quarter.columns)
        XCTAssertEqual(try stft(y), try stft(y, nFFT: 2048, hopLength: 512))
        let back = try istft(quarter, length: y.count)  // hop 256 too, or the frames overlap wrongly
        var worst: Float = 0
        for i in y.indices { worst = max(worst, abs(back[i] - y[i])) }
        XCTAssertLessThan(worst, 1e-5, "istft with the default hop inverts stft with the default hop")
    }

    /// spectrogram(y) rounds |z| as numpy does, so it equals stft(y).magnitude() bit for bit.
    func testSpectrogramMatchesTheSTFTsMagnitudes() throws {
        let y = try SignalFixtures.audio("chirp.wav").samples
        XCTAssertEqual(try spectrogram(y), try stft(y).magnitude())
        XCTAssertEqual(try spectrogram(y, power: 2), try stft(y).magnitude(power: 2))
    }

    /// A size, count or sample rate the algorithms cannot use is an error naming the
    /// function and the value, not a division by zero or a matrix of NaN.
    func testBadSizesAndSampleRatesAreNamed() throws {
        let y = [Float](repeating: 0.1, count: 4000)
        func message(_ body: () throws -> Any) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(stftFrameCount(sampleCount: 4000, hopLength: 0), 0)
        let hop = "needs n_fft >= 2 and hop_length >= 1 (got 2048, 0)"
        XCTAssertTrue(message { try stft(y, hopLength: 0) }.contains("stft " + hop))
        XCTAssertTrue(message { try stft(y, nFFT: 3) }.contains("got n_fft 3 and no hop_length, whose default, n_fft / 4, is then 0"))
        XCTAssertTrue(message { try stft(y, nFFT: 3, hopLength: 1) }.contains("no error"))
        // Past FFTW's C int, an error instead of a trap converting the size.
        XCTAssertTrue(message { try stft(y, nFFT: 1 << 40) }.contains("stft: n_fft must be at most 2147483647, FFTW's largest transform (got 1099511627776)"))
        XCTAssertTrue(message { try melspectrogram(y: y, sampleRate: 22050, nFFT: 1 << 40) }.contains("n_fft must be at most"))
        // The default said as it is, not as 0, for an n_fft that makes it negative.
        XCTAssertTrue(message { try stft(y, nFFT: -8) }.contains("got n_fft -8 and no hop_length, whose default, n_fft / 4, is then -2)"))
        XCTAssertTrue(message { try spectrogram(y, hopLength: 0) }.contains(hop))
        XCTAssertTrue(message { try melspectrogram(y: y, sampleRate: 22050, hopLength: 0) }.contains(hop))
        XCTAssertTrue(message { try MagnitudeSpectrogram(y: y, sampleRate: 22050, nFFT: -4) }.contains("(got -4, 512)"))
        for (function, call) in [
            ("melspectrogram", { try melspectrogram(y: y, sampleRate: 0) }),
            ("chroma_stft", { try chromaSTFT(y: y, sampleRate: -1) }),
            ("MagnitudeSpectrogram", { try MagnitudeSpectrogram(y: y, sampleRate: .nan) }),
            ("estimate_tuning", { try estimateTuning(y: y, sampleRate: .infinity) }),
            ("spectral_contrast", { try spectralContrast(S: Matrix(rows: 1025, columns: 3), sampleRate: 0) }),
        ] as [(String, () throws -> Any)] {
            XCTAssertTrue(message(call).contains("\(function): the sample rate must be a positive number of Hz"), message(call))
        }
        XCTAssertTrue(message { try mfcc(y: y, sampleRate: 22050, nMFCC: 0) }.contains("mfcc: n_mfcc must be at least 1, got 0"))
        XCTAssertTrue(message { try melspectrogram(y: y, sampleRate: 22050, nMels: 0) }.contains("n_mels must be at least 1"))
        XCTAssertTrue(message { try spectralContrast(S: Matrix(rows: 1, columns: 3), sampleRate: 22050) }
            .contains("spectral_contrast: S has 1 row(s); a spectrogram has 1 + n_fft/2 rows, at least 2"))
        // Values that reached an Int conversion or a division by zero.
        let second = [Float](repeating: 0.1, count: 22050)
        XCTAssertTrue(message { try resample(second, from: 22050, to: 40) }.contains("divides the rate by more than 512"))
        XCTAssertTrue(message { try resample(second, from: .nan, to: 40) }.contains("sample rates must be positive"))
        XCTAssertTrue(message { try istft(try stft(second), length: -1) }.contains("istft: length must be at least 0 samples, got -1"))
        XCTAssertTrue(message { try harmonic(stft: try stft(second), length: -1) }.contains("length must be at least 0"))
        XCTAssertTrue(message { try resample(second, from: 22050, to: .infinity) }.contains("positive, finite numbers"))
        XCTAssertTrue(message { try resample([1], from: 1, to: 1e300) }.contains("would give more than"))
        XCTAssertTrue(message { try cqt(second, sampleRate: 22050, fmin: 0) }.contains("cqt: fmin must be a positive frequency, got 0.0"))
        XCTAssertTrue(message { try cqt(second, sampleRate: 22050, filterScale: .nan) }.contains("filter_scale must be positive"))
        XCTAssertTrue(message { try cqt(second, sampleRate: 22050, tuning: .infinity) }.contains("tuning must be a finite number"))
        XCTAssertTrue(message { try cqToChroma(nInput: 84, fmin: -1) }.contains("cq_to_chroma: fmin must be a positive frequency"))
        // The value at fault is the one named (it was the bins per octave for a negative n_input).
        XCTAssertTrue(message { try cqToChroma(nInput: -4) }.contains("cq_to_chroma: n_input must be at least 0, got -4"))
        XCTAssertTrue(message { try cqt(second, sampleRate: -1) }.contains("sr=-1.0"), message { try cqt(second, sampleRate: -1) })
        XCTAssertTrue(message { try tonnetz(y: second, sampleRate: -1) }.contains("hop_length=512, sr=-1.0"))
    }

    /// A spectrogram changed outside the library (librosa's `istft(D * mask)`) can be
    /// built from its parts and inverted; parts of the wrong size, or a negative size, are
    /// refused (nil) or count as 0, as `Matrix`'s are, instead of stopping the program.
    func testAComplexMatrixMadeOfPartsInverts() throws {
        let y = (0..<8192).map { Float(sin(Double($0) * 0.05)) * 0.5 }
        let d = try stft(y)
        let half = try XCTUnwrap(ComplexMatrix(rows: d.rows, columns: d.columns,
                                               real: d.real.map { $0 * 0.5 }, imag: d.imag.map { $0 * 0.5 }))
        let back = try istft(half, length: y.count)
        let worst = zip(back, y).map { abs($0 - 0.5 * $1) }.max() ?? 1
        XCTAssertLessThan(worst, 1e-5)
        XCTAssertNil(ComplexMatrix(rows: d.rows, columns: d.columns, real: d.real, imag: []))
        XCTAssertNil(ComplexMatrix(rows: -1, columns: 0, real: [], imag: []))
        XCTAssertNil(ComplexMatrix(rows: Int.max, columns: 2, real: [], imag: []))  // no overflow trap
        XCTAssertNil(Matrix(rows: 2, columns: Int.max / 2 + 1, values: []))
        let empty = ComplexMatrix(rows: -1, columns: 3)
        XCTAssertEqual([empty.rows, empty.columns, empty.real.count], [0, 3, 0])
    }

    func testHannWindowIsPeriodic() {
        let w = Window.hann(8)
        XCTAssertEqual(w[0], 0, accuracy: 1e-15)
        XCTAssertEqual(w[4], 1, accuracy: 1e-15)
        XCTAssertEqual(w[1], w[7], accuracy: 1e-15)   // periodic: w[n] = w[N - n]
        XCTAssertEqual(w[2], 0.5, accuracy: 1e-15)
    }
}
