import Audio
import NumPy
import TestSupport
import XCTest

/// Settings other than the tutorial's where the port once disagreed with librosa 0.8.1
/// (found by sweeping n_fft, hop, bands, refs and tunings against librosa). References
/// from `scripts/reference/librosa_nondefault.py`, in `Fixtures/nondefault/`.
final class NonDefaultParameterTests: XCTestCase {
    private func reference(_ name: String) throws -> NPYArray {
        try NPY.read(contentsOf: ReferencePaths.fixture("AudioTests", "nondefault/\(name).npy"))
    }

    /// An odd n_fft: 1023 and 1022 both give 512 bins, and piptrack's pitches were
    /// converted to Hz with sr / 1022 (the size a spectrogram's rows suggest) instead of
    /// the sr / 1023 librosa uses when it computes the STFT itself. Every candidate sat
    /// 1.7 cents sharp, enough to move the histogram's fullest bin (chirp, 12 bins per
    /// octave: 0.33 instead of librosa's -0.45).
    func testEstimateTuningWithOddFFTSizeMatchesLibrosa() throws {
        let expected = try reference("estimate_tuning_nfft1023").doubles
        for (row, file) in ["chirp.wav", "chord.wav", "harmonics16k.flac"].enumerated() {
            let audio = try SignalFixtures.audio(file)
            for (column, bins) in [12, 36].enumerated() {
                let tuning = try estimateTuning(y: audio.samples, sampleRate: Double(audio.sampleRate), nFFT: 1023,
                                                binsPerOctave: bins)
                XCTAssertEqual(tuning, expected[row * 2 + column], accuracy: 1e-12, "\(file), \(bins) bins per octave")
            }
        }
    }

    /// With fmin below the bin spacing, band 0 ([0, fmin]) holds only the 0 Hz bin, which
    /// librosa drops like every band's top bin: it averages no values, and the NaN spreads
    /// through power_to_db's maximum to every value. We returned numbers librosa never
    /// gives (a constant first row); now the argument is refused, naming the spacing.
    func testSpectralContrastRefusesFminBelowTheBinSpacing() throws {
        let audio = try SignalFixtures.audio("chirp.wav")
        let S = try stft(audio.samples, nFFT: 1024, hopLength: 256).magnitude()
        XCTAssertThrowsError(try spectralContrast(S: S, sampleRate: 22050, fmin: 20)) { error in
            XCTAssertTrue("\(error)".contains("holds only the 0 Hz bin at n_fft 1024 (bins every 21.53 Hz"), "\(error)")
        }
        // One bin above the spacing is fine (band 0 then keeps the 0 Hz bin).
        XCTAssertNoThrow(try spectralContrast(S: S, sampleRate: 22050, fmin: 22))
    }

    /// librosa takes the reference term 10 log10(ref) in float64 and rounds it to float32
    /// once; formed in Float it could land one rounding away (10 log10(2) is 3.0103002 in
    /// Float arithmetic, 3.0102999 rounded from float64). The inputs are values whose own
    /// log10 numpy and C agree on, so the comparison is exact.
    func testPowerToDBReferenceTermIsRoundedOnceFromDouble() throws {
        let input = try reference("power_to_db_input")
        let S = try XCTUnwrap(Matrix(rows: input.shape[0], columns: input.shape[1], values: input.floats))
        let refs = try reference("power_to_db_refs").floats
        let expected = try reference("power_to_db").floats
        for (i, ref) in refs.enumerated() {
            let db = try powerToDB(S, ref: ref, topDB: nil)
            XCTAssertEqual(db.values, Array(expected[(i * S.columns)..<((i + 1) * S.columns)]), "ref \(ref)")
        }
    }

    /// `resample` defaults to librosa's `res_type='kaiser_best'` (64 zero crossings); it
    /// had only `kaiser_fast`, the filter librosa's constant-Q transform asks for, so a
    /// plain call gave other numbers than librosa.resample's.
    func testResampleDefaultsToKaiserBestAsLibrosaDoes() throws {
        let audio = try SignalFixtures.audio("chirp.wav")
        XCTAssertEqual(audio.sampleRate, 22050)
        let head = Array(audio.samples.prefix(2205))
        for (name, rate, scale) in [("resample_best_16k", 16000.0, false), ("resample_best_44k_scaled", 44100.0, true)] {
            let expected = try reference(name).floats
            let got = try resample(head, from: 22050, to: rate, scale: scale)
            XCTAssertEqual(got.count, expected.count, name)
            let largest = expected.map { abs($0) }.max() ?? 1
            let worst = zip(got, expected).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(worst, 4 * largest.ulp, name)
            let fast = try resample(head, from: 22050, to: rate, filter: .kaiserFast, scale: scale)
            XCTAssertGreaterThan(zip(fast, expected).map { abs($0 - $1) }.max() ?? 0, 100 * largest.ulp,
                                 "\(name): kaiser_fast is a different filter, so the check can tell them apart")
        }
    }
}

