@testable import Audio
import Foundation
import TestSupport
import XCTest

/// cqt, chroma_cqt and tonnetz against librosa 0.8.1 (`scripts/reference/librosa_cqt.py`).
/// The CQT tests start from librosa's own harmonic signal so that each stage is
/// measured alone; the corpus tests run the whole path from the FLAC.
final class CQTTests: XCTestCase {
    /// |ours - librosa| <= rtol * |librosa| + absFloor * max|librosa| (the README's
    /// measure, with the floor as a parameter).
    private func assertClose(_ got: [Float], _ expected: [Float], rtol: Double, absFloor: Double = 1e-5,
                             _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, what, file: file, line: line)
        guard got.count == expected.count else { return }
        let (rel, at) = CQTFixtures.worstRelative(got, expected, absFloor: absFloor)
        print("\(what): worst relative difference \(rel) at \(at)")
        XCTAssertLessThanOrEqual(rel, rtol, what, file: file, line: line)
    }

    /// Element-wise |cqt|: same Double FFTs and complex64 roundings as librosa, so equal
    /// up to a few float32 roundings (bit-equal on these fixtures).
    func testConstantQAtZeroTuning() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_harmonic")
            let sr = Double(try CQTFixtures.meta(name).sr)
            let expected = try CQTFixtures.array("\(name)_cqt_tuning0")
            let c = try cqt(y, sampleRate: sr, nBins: 252, binsPerOctave: 36, tuning: 0)
            XCTAssertEqual([c.rows, c.columns], expected.shape)
            assertClose(c.magnitude().values, expected.floats, rtol: 1e-6, absFloor: 1e-7, "\(name) |cqt| tuning 0")
        }
    }

    func testConstantQAtLibrosasTuning() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_harmonic")
            let meta = try CQTFixtures.meta(name)
            let c = try cqt(y, sampleRate: Double(meta.sr), nBins: 252, binsPerOctave: 36, tuning: meta.tuning)
            assertClose(c.magnitude().values, try CQTFixtures.floats("\(name)_cqt"), rtol: 1e-6, absFloor: 1e-7, "\(name) |cqt|")
        }
    }

    /// The tuning estimate (AUDIO-A's estimate_tuning at 36 bins per octave) on the
    /// harmonic signal lands on librosa's histogram bin.
    func testEstimatedTuningMatchesLibrosa() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_harmonic")
            let meta = try CQTFixtures.meta(name)
            let tuning = try estimateTuning(y: y, sampleRate: Double(meta.sr), binsPerOctave: 36)
            XCTAssertEqual(tuning, meta.tuning, accuracy: 1e-9, name)
        }
    }

    /// Per-frame tonnetz values cross zero, so they are compared by their largest
    /// difference as a share of the largest value.
    func testChromaCQTAndTonnetzFromLibrosasHarmonic() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_harmonic")
            let sr = Double(try CQTFixtures.meta(name).sr)
            let chroma = try chromaCQT(y: y, sampleRate: sr)
            assertClose(chroma.values, try CQTFixtures.floats("\(name)_chroma_cqt"), rtol: 1e-5, "\(name) chroma_cqt")
            let t = try tonnetz(chroma: chroma)
            let expected = try CQTFixtures.doubles("\(name)_tonnetz")
            let share = CQTFixtures.worstAbsoluteShare(t.values, expected)
            print("\(name) tonnetz: largest difference \(share) of the largest value")
            XCTAssertLessThanOrEqual(share, 1e-6)
        }
    }

    /// The whole path (harmonic, tuning, cqt, chroma, tonnetz) from the input samples.
    /// Our harmonic signal differs from librosa's by Double-FFT rounding, which the
    /// chirp's quiet frames amplify after max-normalisation: bound 1e-5.
    func testTonnetzOfHarmonicFromSignal() throws {
        for name in ["chord48k", "chirp22k"] {
            let y = try CQTFixtures.floats("\(name)_input")
            let sr = Double(try CQTFixtures.meta(name).sr)
            let t = try tonnetz(y: try harmonic(y), sampleRate: sr)
            let share = CQTFixtures.worstAbsoluteShare(t.values, try CQTFixtures.doubles("\(name)_tonnetz"))
            print("\(name) tonnetz(harmonic(y)): largest difference \(share) of the largest value")
            XCTAssertLessThanOrEqual(share, 1e-5)
        }
    }

    /// Crops of two corpus recordings, decoded here; only librosa's outputs are committed.
    func testCorpusCropsMatchLibrosa() throws {
        let corpus = try ReferencePaths.corpus()
        for name in ["actor05_crop", "actor19_crop"] {
            let meta = try CQTFixtures.meta(name)
            guard let path = meta.path, let start = meta.start, let count = meta.count else { continue }
            let signal = try AudioFile.read(corpus.appendingPathComponent(path))
            let y = Array(signal.samples[start..<(start + count)])
            let yh = try harmonic(y)
            let tuning = try estimateTuning(y: yh, sampleRate: Double(meta.sr), binsPerOctave: 36)
            XCTAssertEqual(tuning, meta.tuning, accuracy: 1e-9, "\(name) tuning")
            let chroma = try chromaCQT(y: yh, sampleRate: Double(meta.sr))
            assertClose(chroma.values, try CQTFixtures.floats("\(name)_chroma_cqt"), rtol: 1e-3, "\(name) chroma_cqt")
            let t = try tonnetz(chroma: chroma)
            let share = CQTFixtures.worstAbsoluteShare(t.values, try CQTFixtures.doubles("\(name)_tonnetz"))
            print("\(name) tonnetz: largest difference \(share) of the largest value")
            XCTAssertLessThanOrEqual(share, 1e-4)
        }
    }

    func testCQToChromaFoldsThreeBinsCentredOnEachPitchClass() throws {
        let fold = try cqToChroma(nInput: 252, binsPerOctave: 36)
        XCTAssertEqual(fold.rows, 12)
        // Bin 0 (C1) and its neighbours 1 and 35 (B0 side, next octave wraps) go to C.
        XCTAssertEqual(fold[0, 0], 1); XCTAssertEqual(fold[0, 1], 1); XCTAssertEqual(fold[0, 35], 1)
        XCTAssertEqual(fold[1, 2], 1); XCTAssertEqual(fold[0, 2], 0)
        for j in 0..<252 { XCTAssertEqual((0..<12).map { fold[$0, j] }.reduce(0, +), 1) }
        XCTAssertThrowsError(try cqToChroma(nInput: 10, binsPerOctave: 30))
    }

    func testShortSignalAndBadHopAreErrors() {
        XCTAssertThrowsError(try cqt([], sampleRate: 48000))
        XCTAssertThrowsError(try cqt([Float](repeating: 0.1, count: 4096), sampleRate: 48000, hopLength: 100,
                                     nBins: 252, binsPerOctave: 36))
    }

    /// Bins reaching past Nyquist: said in the user's frequencies, where the message gave
    /// those of the rate-scaled filters ("top bin 147.48 Hz at 1.3458 Hz") and no function.
    func testBinsBeyondNyquistAreNamedInTheCallersFrequencies() {
        let y = [Float](repeating: 0.1, count: 22050)
        assertError(try cqt(y, sampleRate: 22050, fmin: 20000),
                    "cqt: the top bin's filter (at 2416318 Hz, from fmin 20000 Hz and 84 bins at 12 per octave) reaches "
                        + "2524093 Hz, beyond the Nyquist frequency (11025 Hz at sr 22050.0); lower fmin or n_bins")
        // So many bins that the top one is past Int's range (3e26 Hz) or infinite: an error
        // too, where converting the frequencies for the message trapped.
        for nBins in [1000, 100_000] {
            XCTAssertThrowsError(try cqt(y, sampleRate: 22050, nBins: nBins)) {
                XCTAssertTrue("\($0)".contains("beyond the Nyquist frequency"), "\($0)")
            }
        }
        // C1's 84 bins end below 4 kHz, well under it.
        XCTAssertNoThrow(try cqt(y, sampleRate: 22050))
    }

    /// A clip shorter than one STFT frame still gives finite tonnetz frames (librosa pads
    /// by reflection and halves the signal down to a sample or two).
    func testVeryShortClipIsFinite() throws {
        let y = (0..<300).map { Float(sin(Double($0) * 0.3)) * 0.5 }
        let t = try tonnetz(y: try harmonic(y), sampleRate: 48000)
        XCTAssertEqual(t.frames, 1)
        XCTAssertTrue(t.values.allSatisfy { $0.isFinite })
    }

    /// Digital silence gives zeros, never NaN.
    func testSilenceGivesFiniteZeros() throws {
        let t = try tonnetz(y: try harmonic([Float](repeating: 0, count: 24000)), sampleRate: 48000)
        XCTAssertTrue(t.values.allSatisfy { $0 == 0 })
        XCTAssertTrue(t.rowStandardDeviations().allSatisfy { $0 == 0 })
    }
}
