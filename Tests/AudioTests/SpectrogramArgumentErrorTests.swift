import Audio
import XCTest

/// The functions that take a spectrogram, a chromagram or build a filter bank report a
/// bad argument as the others do, an `AudioError` naming the function and the argument,
/// where they used to stop the whole program (a precondition): a one-row `S`, a
/// chromagram without rows, a tuning of NaN or a resolution of 0 from a user's program.
final class SpectrogramArgumentErrorTests: XCTestCase {
    private let sr = 22050.0
    private let oneRow = Matrix(rows: 1, columns: 4, repeating: 1)
    private let S = Matrix(rows: 1025, columns: 4, repeating: 1)

    func testASpectrogramOfOneRowIsAnError() {
        let rows = "S has 1 row(s); a spectrogram has 1 + n_fft/2 rows, at least 2"
        assertError(try melspectrogram(S: oneRow, sampleRate: sr), "melspectrogram(S:): " + rows)
        assertError(try chromaSTFT(S: oneRow, sampleRate: sr), "chromaSTFT(S:): " + rows)
        assertError(try piptrack(S: oneRow, sampleRate: sr), "piptrack(S:): " + rows)
        assertError(try estimateTuning(S: oneRow, sampleRate: sr), "estimateTuning(S:): " + rows)
        assertError(try MagnitudeSpectrogram(stft: ComplexMatrix(rows: 1, columns: 4), sampleRate: sr),
                    "MagnitudeSpectrogram(stft:): D has 1 row(s); an STFT has 1 + n_fft/2 rows, at least 2")
        assertError(try tonnetz(chroma: Matrix(rows: 0, columns: 4)), "tonnetz(chroma:): the chromagram has no rows")
    }

    func testOtherArgumentsOfTheSpectrogramFunctionsAreErrors() throws {
        assertError(try melspectrogram(S: S, sampleRate: 0), "melspectrogram(S:): the sample rate must be a positive number of Hz, got 0.0")
        assertError(try mfcc(S: S, nMFCC: 0), "mfcc(S:): n_mfcc must be at least 1, got 0")
        assertError(try chromaSTFT(S: S, sampleRate: sr, tuning: .nan), "chromaSTFT(S:): tuning must be a finite number of bins, got nan")
        assertError(try estimateTuning(S: S, sampleRate: sr, resolution: 0), "estimateTuning(S:): resolution must be in (0, 1], got 0.0")
        assertError(try pitchTuning(frequencies: [440], binsPerOctave: 0), "pitchTuning: bins_per_octave must be at least 1, got 0")
        assertError(try powerToDB(S, amin: 0), "powerToDB: amin must be positive, got 0.0")
        assertError(try powerToDB(S, topDB: -1), "powerToDB: top_db must be 0 or more, got -1.0")
        assertError(try melFilterBank(sampleRate: sr, nMels: 0), "melFilterBank: n_mels must be at least 1, got 0")
        assertError(try chromaFilterBank(sampleRate: sr, tuning: .infinity), "chromaFilterBank: tuning must be a finite number of bins, got inf")
    }

    /// The functions that already threw passed these on to a precondition inside.
    func testThrowingFunctionsNoLongerStopOnATuningOrResolution() throws {
        let y = (0..<8192).map { Float(sin(Double($0) * 0.1)) }
        assertError(try chromaSTFT(y: y, sampleRate: sr, tuning: .nan), "chroma_stft: tuning must be a finite number of bins, got nan")
        assertError(try estimateTuning(y: y, sampleRate: sr, resolution: 0), "estimate_tuning: resolution must be in (0, 1], got 0.0")
        let spectrogram = try MagnitudeSpectrogram(y: y, sampleRate: sr)
        assertError(try spectrogram.chromaSTFT(tuning: .infinity), "chromaSTFT: tuning must be a finite number of bins, got inf")
        assertError(try spectrogram.estimateTuning(resolution: 2), "estimateTuning: resolution must be in (0, 1], got 2.0")
        assertError(try spectrogram.melspectrogram(fmin: 9000, fmax: 100),
                    "melspectrogram: needs 0 <= fmin < fmax, got fmin 9000.0, fmax 100.0")
        // A silent spectrogram has no pitch candidates: its resolution is checked all the same.
        assertError(try estimateTuning(S: Matrix(rows: 1025, columns: 4), sampleRate: sr, resolution: -1),
                    "estimateTuning(S:): resolution must be in (0, 1], got -1.0")
    }
}
