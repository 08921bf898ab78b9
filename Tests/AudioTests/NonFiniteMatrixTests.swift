import Audio
import XCTest

/// NaN and infinity in a matrix given to a feature: librosa 0.8.1's result where it is
/// finite, or kept as librosa keeps it (power_to_db, which does not throw); an error
/// naming the function and the value where librosa's result is NaN everywhere or where
/// it raises, as it does for such a signal. The values are librosa's, printed by scripts/reference/librosa_degenerate.py.
final class NonFiniteMatrixTests: XCTestCase {
    private let sr = 22050.0

    /// The script's `pattern(37, 10)`: bins b and frames t, ((b (37 + 10 t)) mod 101) / 100
    /// + 0.01 in Float, numpy's float32 operations: many peaks, spread over the bins.
    private func pattern(frames: Int = 4) -> Matrix {
        var m = Matrix(rows: 1025, columns: frames)
        for b in 0..<1025 {
            for t in 0..<frames { m[b, t] = Float((b * (37 + 10 * t)) % 101) / 100 + 0.01 }
        }
        return m
    }

    func testPowerToDBKeepsNaNAsLibrosaDoes() throws {
        let p = Matrix(rows: 2, columns: 2, values: [1, .nan, 0.01, 100])!
        XCTAssertTrue(try powerToDB(p).values.allSatisfy(\.isNaN), "top_db's floor is NaN, from the maximum")
        // Without top_db only the NaN's own value is NaN (librosa: 0, nan, -20, 20; its
        // float32 log10 puts the last two an ulp further out than log10f, as on every path).
        let kept = try powerToDB(p, topDB: nil).values
        XCTAssertTrue(kept[1].isNaN, "librosa: NaN, not amin's -100 dB")
        let others = try powerToDB(Matrix(rows: 2, columns: 2, values: [1, 1, 0.01, 100])!, topDB: nil).values
        XCTAssertEqual([kept[0], kept[2], kept[3]], [others[0], others[2], others[3]])
        let infinite = Matrix(rows: 2, columns: 2, values: [1, .infinity, 0.01, 100])!
        XCTAssertEqual(try powerToDB(infinite).values, [Float](repeating: .infinity, count: 4))
    }

    /// librosa's piptrack takes each frame's maximum, NaN if a value is, and no value is
    /// above a NaN threshold: that frame has no candidate, the others are as without it.
    func testPitchTrackingFindsNoCandidateInAFrameHoldingNaN() throws {
        let plain = pattern()
        var withNaN = plain
        withNaN[500, 1] = .nan
        var withInfinity = plain
        withInfinity[500, 2] = .infinity
        XCTAssertEqual(try estimateTuning(S: plain, sampleRate: sr), -0.38, accuracy: 1e-9)
        XCTAssertEqual(try estimateTuning(S: withNaN, sampleRate: sr), 0.38, accuracy: 1e-9)
        XCTAssertEqual(try estimateTuning(S: withInfinity, sampleRate: sr), -0.38, accuracy: 1e-9)
        let pitches = try piptrack(S: withNaN, sampleRate: sr).pitches
        let candidates = (0..<4).map { t in (0..<1025).filter { pitches[$0, t] > 0 }.count }
        XCTAssertEqual(candidates, [131, 0, 156, 120])
    }

    func testNonFiniteValuesAreRefusedWhereLibrosaHasNoFiniteResult() throws {
        var S = pattern()
        S[500, 1] = .nan
        // librosa: NaN in every value (power_to_db's maximum spreads it).
        assertError(try spectralContrast(S: S, sampleRate: sr), "spectral_contrast: S is not finite everywhere (S[500, 1] is nan)")
        var infinite = pattern()
        infinite[7, 3] = .infinity
        assertError(try spectralContrast(S: infinite, sampleRate: sr),
                    "spectral_contrast: S is not finite everywhere (S[7, 3] is inf)")
        // librosa: NaN for that frame.
        assertError(try rms(S: S), "rms(S:): S is not finite everywhere (S[500, 1] is nan)")

        var small = try XCTUnwrap(Matrix(rows: 12, columns: 4, values: Array(pattern().values.prefix(48))))
        small[1, 1] = .nan
        // librosa: ParameterError "Input must be finite".
        assertError(try chromaCQT(C: small, binsPerOctave: 12), "chroma_cqt: C is not finite everywhere (C[1, 1] is nan)")
        // librosa: NaN along the row, through the edges' fit.
        assertError(try delta(small, width: 3), "delta: data is not finite everywhere (data[1, 1] is nan)")
        // librosa: NaN in that cell, where Swift's max would have given a mask of 0.
        let reference = Matrix(rows: 12, columns: 4, repeating: 1)
        assertError(try softmask(small, reference), "softmask: X is not finite everywhere (X[1, 1] is nan)")
        var infiniteReference = reference
        infiniteReference[2, 3] = .infinity
        assertError(try softmask(reference, infiniteReference), "softmask: X_ref is not finite everywhere (X_ref[2, 3] is inf)")
        // scipy: NaN or a neighbour, depending on where the NaN falls in the window.
        assertError(try medianFilter(small, size: (1, 3)), "medianFilter: m[1, 1] is NaN, which has no median rank")
    }

    /// librosa's stft, cqt and resample refuse such a signal before any work
    /// (ParameterError "Audio buffer is not finite everywhere"), as rms and the spectral
    /// shape features here already did.
    func testNonFiniteSamplesAreRefusedNamingTheFunction() {
        var y = [Float](repeating: 0.5, count: 4096)
        y[1] = .nan
        let calls: [(String, () throws -> Any)] = [
            ("stft", { try stft(y) }),
            ("spectrogram", { try spectrogram(y) }),
            ("MagnitudeSpectrogram", { try MagnitudeSpectrogram(y: y, sampleRate: self.sr) }),
            ("MagnitudeSpectrogram.withSTFT", { try MagnitudeSpectrogram.withSTFT(y: y, sampleRate: self.sr) }),
            ("melspectrogram", { try melspectrogram(y: y, sampleRate: self.sr) }),
            ("mfcc", { try mfcc(y: y, sampleRate: self.sr) }),
            ("chroma_stft", { try chromaSTFT(y: y, sampleRate: self.sr) }),
            ("estimate_tuning", { try estimateTuning(y: y, sampleRate: self.sr) }),
            ("harmonic", { try harmonic(y) }),
            ("cqt", { try cqt(y, sampleRate: self.sr) }),
            ("chroma_cqt", { try chromaCQT(y: y, sampleRate: self.sr) }),
            ("tonnetz", { try tonnetz(y: y, sampleRate: self.sr) }),
            ("resample", { try resample(y, from: self.sr, to: 16000) }),
        ]
        for (function, call) in calls {
            assertError(try call(), "\(function): the audio is not finite everywhere (sample 1 is nan)")
        }
        y[1] = .infinity
        assertError(try cqt(y, sampleRate: sr), "cqt: the audio is not finite everywhere (sample 1 is inf)")
    }
}
