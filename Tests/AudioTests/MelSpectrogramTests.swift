import Audio
import XCTest

/// melspectrogram, power_to_db and mfcc against librosa 0.8.1 on the test signals.
final class MelSpectrogramTests: XCTestCase {
    func testMelspectrogramMatchesLibrosa() throws {
        for (name, file) in SignalFixtures.files {
            let audio = try SignalFixtures.audio(file)
            let mel = try melspectrogram(y: audio.samples, sampleRate: Double(audio.sampleRate))
            Parity.check(mel, try SignalFixtures.reference(name, "mel"), rtol: 1e-4, "\(name) mel")
        }
    }

    func testMFCCMatchesLibrosa() throws {
        for (name, file) in SignalFixtures.files {
            let audio = try SignalFixtures.audio(file)
            let m = try mfcc(y: audio.samples, sampleRate: Double(audio.sampleRate), nMFCC: 40)
            Parity.check(m, try SignalFixtures.reference(name, "mfcc"), rtol: 1e-4, "\(name) mfcc")
        }
    }

    func testMelFilterBankHasUnitAreaTriangles() throws {
        // Slaney normalisation: each filter's weights times the bin spacing integrate to ~1
        // wherever the triangle is wide enough to be sampled by several bins.
        let sr = 48000.0, nFFT = 2048
        let fb = try melFilterBank(sampleRate: sr, nFFT: nFFT)
        XCTAssertEqual(fb.rows, 128)
        XCTAssertEqual(fb.columns, 1025)
        let binHz = sr / Double(nFFT)
        let area = fb.row(100).reduce(0.0) { $0 + Double($1) } * binHz
        XCTAssertEqual(area, 1, accuracy: 0.02)
    }
}
