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
        let viaSTFT = MagnitudeSpectrogram(stft: try stft(audio.samples), sampleRate: sr)
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

    func testHannWindowIsPeriodic() {
        let w = Window.hann(8)
        XCTAssertEqual(w[0], 0, accuracy: 1e-15)
        XCTAssertEqual(w[4], 1, accuracy: 1e-15)
        XCTAssertEqual(w[1], w[7], accuracy: 1e-15)   // periodic: w[n] = w[N - n]
        XCTAssertEqual(w[2], 0.5, accuracy: 1e-15)
    }
}
