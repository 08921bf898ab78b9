import Audio
import XCTest

/// `fmin` and `fmax` of the mel features, which librosa's `melspectrogram` and `mfcc`
/// pass on to `filters.mel` (e.g. `fmax=8000`, common for speech and song).
final class MelBandTests: XCTestCase {
    func testTheBandReachesTheFilterBank() throws {
        let signal = try SignalFixtures.audio("chirp.wav")
        let y = signal.samples, sr = Double(signal.sampleRate)
        let banded = try melspectrogram(y: y, sampleRate: sr, fmin: 300, fmax: 8000)
        // The same as spelled out: the bank for that band times the power spectrogram.
        let bank = try melFilterBank(sampleRate: sr, fmin: 300, fmax: 8000)
        let spelled = try XCTUnwrap(bank.dot(try spectrogram(y, power: 2)))
        XCTAssertEqual(banded.rows, spelled.rows)
        XCTAssertEqual(banded.columns, spelled.columns)
        let scale = try XCTUnwrap(spelled.values.max())
        for (a, b) in zip(banded.values, spelled.values) { XCTAssertEqual(a, b, accuracy: scale * 1e-5) }
        XCTAssertNotEqual(banded, try melspectrogram(y: y, sampleRate: sr))

        // Every way to a mel spectrogram and to MFCCs takes the band.
        XCTAssertEqual(try MagnitudeSpectrogram(y: y, sampleRate: sr).melspectrogram(fmin: 300, fmax: 8000), banded)
        XCTAssertEqual(try melspectrogram(S: try spectrogram(y, power: 2), sampleRate: sr, fmin: 300, fmax: 8000), banded)
        XCTAssertEqual(try mfcc(y: y, sampleRate: sr, fmin: 300, fmax: 8000), try mfcc(S: try powerToDB(banded)))
    }

    func testWithoutABandTheFeaturesAreAsBefore() throws {
        let signal = try SignalFixtures.audio("chirp.wav")
        let y = signal.samples, sr = Double(signal.sampleRate)
        XCTAssertEqual(try melspectrogram(y: y, sampleRate: sr), try melspectrogram(y: y, sampleRate: sr, fmin: 0, fmax: sr / 2))
    }

    func testABandThatIsNoBandIsAnError() {
        func message(_ body: () throws -> Any) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        let y = [Float](repeating: 0.1, count: 4096)
        XCTAssertEqual(message { try melspectrogram(y: y, sampleRate: 22050, fmin: 5000, fmax: 4000) },
                       "invalid parameter: melspectrogram: needs 0 <= fmin < fmax, got fmin 5000.0, fmax 4000.0")
        // mfcc passes the band on to melspectrogram; its errors name the function called.
        XCTAssertEqual(message { try mfcc(y: y, sampleRate: 22050, fmin: -1) },
                       "invalid parameter: mfcc: needs 0 <= fmin < fmax, got fmin -1.0, fmax 11025.0")
        XCTAssertEqual(message { try mfcc(y: y, sampleRate: 22050, nMels: 0) },
                       "invalid parameter: mfcc: n_mels must be at least 1, got 0")
        XCTAssertEqual(message { try mfcc(y: y, sampleRate: 0) },
                       "invalid parameter: mfcc: the sample rate must be a positive number of Hz, got 0.0")
    }
}
