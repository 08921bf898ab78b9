import Audio
import XCTest

/// The signal forms of mfcc, chroma_stft and spectral_contrast take librosa's `n_fft` and
/// `hop_length` (which librosa passes on to the spectrogram they start from), and give
/// what their spectrogram forms give on that spectrogram.
final class SignalFormSizeTests: XCTestCase {
    func testTheSignalFormsTakeTheSTFTSizes() throws {
        let signal = try SignalFixtures.audio("noise.wav")  // 48 kHz: every contrast band below Nyquist
        let y = signal.samples, sr = Double(signal.sampleRate)
        let magnitude = try spectrogram(y, nFFT: 1024, hopLength: 256, power: 1)
        let power = try spectrogram(y, nFFT: 1024, hopLength: 256, power: 2)
        XCTAssertEqual(magnitude.rows, 513)

        XCTAssertEqual(try spectralContrast(y: y, sampleRate: sr, nFFT: 1024, hopLength: 256),
                       try spectralContrast(S: magnitude, sampleRate: sr))
        XCTAssertEqual(try chromaSTFT(y: y, sampleRate: sr, nFFT: 1024, hopLength: 256),
                       try chromaSTFT(S: power, sampleRate: sr))
        let mel = try melspectrogram(y: y, sampleRate: sr, nFFT: 1024, hopLength: 256)
        XCTAssertEqual(try mfcc(y: y, sampleRate: sr, nFFT: 1024, hopLength: 256, nMFCC: 13),
                       try mfcc(S: try powerToDB(mel), nMFCC: 13))
        // The defaults are librosa's (2048, 512).
        XCTAssertEqual(try spectralContrast(y: y, sampleRate: sr),
                       try spectralContrast(S: try spectrogram(y, power: 1), sampleRate: sr))
        XCTAssertNotEqual(try mfcc(y: y, sampleRate: sr).columns, try mfcc(y: y, sampleRate: sr, hopLength: 256).columns)
        // An odd length: librosa builds the chroma filters for it (bins sr/1025 apart), not
        // for 2 · (bins - 1) = 1024 as from a spectrogram alone.
        let odd = try chromaSTFT(y: y, sampleRate: sr, nFFT: 1025, hopLength: 256, tuning: 0)
        let oddPower = try spectrogram(y, nFFT: 1025, hopLength: 256, power: 2)
        XCTAssertNotEqual(odd, try chromaSTFT(S: oddPower, sampleRate: sr, tuning: 0))
        let bank = try chromaFilterBank(sampleRate: sr, nFFT: 1025, tuning: 0)
        let raw = try XCTUnwrap(bank.dot(oddPower))
        for t in [0, raw.columns / 2, raw.columns - 1] {
            let peak = (0..<12).map { raw[$0, t] }.max() ?? 0
            for c in 0..<12 { XCTAssertEqual(odd[c, t], raw[c, t] / peak, accuracy: 1e-5) }
        }
        // Sizes that are no STFT's are errors naming the feature.
        XCTAssertThrowsError(try spectralContrast(y: y, sampleRate: sr, hopLength: 0)) { error in
            XCTAssertTrue("\(error)".contains("spectral_contrast"), "\(error)")
        }
    }
}
