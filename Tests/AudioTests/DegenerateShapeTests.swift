import Audio
import XCTest

/// Spectrograms without frames, signals of no sample or one, silence, and resampling,
/// median filtering or deltas over fewer values than the method spans: librosa 0.8.1's
/// result where it has one, an error naming the function where it raises. Every value
/// here is librosa's (or scipy's and resampy's under it) as printed by
/// scripts/reference/librosa_degenerate.py.
final class DegenerateShapeTests: XCTestCase {
    private let sr = 22050.0
    private let noFrames = Matrix(rows: 1025, columns: 0)

    private func shape(_ m: Matrix) -> [Int] { [m.rows, m.columns] }

    func testNoFramesGiveLibrosasEmptyResults() throws {
        XCTAssertEqual(shape(try melspectrogram(S: noFrames, sampleRate: sr)), [128, 0])
        XCTAssertEqual(shape(try mfcc(S: Matrix(rows: 128, columns: 0))), [20, 0])
        XCTAssertEqual(shape(try chromaSTFT(S: noFrames, sampleRate: sr)), [12, 0])
        XCTAssertEqual(try estimateTuning(S: noFrames, sampleRate: sr), 0)
        XCTAssertEqual(shape(try piptrack(S: noFrames, sampleRate: sr).pitches), [1025, 0])
        XCTAssertEqual(shape(try spectralCentroid(S: noFrames, sampleRate: sr)), [1, 0])
        XCTAssertEqual(shape(try spectralBandwidth(S: noFrames, sampleRate: sr)), [1, 0])
        XCTAssertEqual(shape(try spectralRolloff(S: noFrames, sampleRate: sr)), [1, 0])
        XCTAssertEqual(shape(try spectralFlatness(S: noFrames)), [1, 0])
        XCTAssertEqual(shape(try rms(S: noFrames)), [1, 0])
        XCTAssertEqual(shape(try chromaCQT(C: Matrix(rows: 252, columns: 0))), [12, 0])
        XCTAssertEqual(try tonnetz(chroma: Matrix(rows: 12, columns: 0)).frames, 0)
        XCTAssertEqual(shape(try delta(Matrix(rows: 0, columns: 20))), [0, 20])
        XCTAssertEqual(shape(try medianFilter(Matrix(rows: 4, columns: 0), size: (1, 31))), [4, 0])
        XCTAssertEqual(try hpss(ComplexMatrix(rows: 1025, columns: 0)).harmonic.columns, 0)
        XCTAssertEqual(try istft(ComplexMatrix(rows: 1025, columns: 0)), [])
        // librosa's power_to_db raises here only because it takes the maximum of no values
        // for top_db; with top_db=None it returns the empty matrix, the one result there is.
        XCTAssertEqual(shape(try powerToDB(Matrix(rows: 128, columns: 0))), [128, 0])
        XCTAssertEqual(shape(try powerToDB(Matrix(rows: 128, columns: 0), topDB: nil)), [128, 0])
        // The recipe's path: features of a shared magnitude STFT.
        let none = try MagnitudeSpectrogram(stft: ComplexMatrix(rows: 1025, columns: 0), sampleRate: sr)
        XCTAssertEqual(shape(try none.melspectrogram()), [128, 0])
        XCTAssertEqual(shape(try none.chromaSTFT()), [12, 0])
        XCTAssertEqual(try none.estimateTuning(), 0)
        XCTAssertEqual(shape(try none.spectralCentroid()), [1, 0])
    }

    func testNoFramesAreAnErrorWhereLibrosaRaises() {
        let contrast = "spectral_contrast: S has no frames (librosa 0.8.1 raises: power_to_db's maximum of an empty array)"
        assertError(try spectralContrast(S: noFrames, sampleRate: sr), contrast)
        assertError(try MagnitudeSpectrogram(stft: ComplexMatrix(rows: 1025, columns: 0), sampleRate: sr).spectralContrast(),
                    contrast)
        assertError(try delta(Matrix(rows: 20, columns: 0)), "delta: when mode='interp', width=9 cannot exceed data.shape[axis]=0")
    }

    func testEmptySignalsAreErrorsNamingTheFunction() {
        let calls: [(String, () throws -> Any)] = [
            ("stft", { try stft([]) }),
            ("spectrogram", { try spectrogram([]) }),
            ("MagnitudeSpectrogram", { try MagnitudeSpectrogram(y: [], sampleRate: self.sr) }),
            ("MagnitudeSpectrogram.withSTFT", { try MagnitudeSpectrogram.withSTFT(y: [], sampleRate: self.sr) }),
            ("melspectrogram", { try melspectrogram(y: [], sampleRate: self.sr) }),
            ("mfcc", { try mfcc(y: [], sampleRate: self.sr) }),
            ("chroma_stft", { try chromaSTFT(y: [], sampleRate: self.sr) }),
            ("estimate_tuning", { try estimateTuning(y: [], sampleRate: self.sr) }),
            ("spectral_flatness", { try spectralFlatness(y: []) }),
            ("harmonic", { try harmonic([]) }),
            ("cqt", { try cqt([], sampleRate: self.sr) }),
            ("chroma_cqt", { try chromaCQT(y: [], sampleRate: self.sr) }),
            ("tonnetz", { try tonnetz(y: [], sampleRate: self.sr) }),
        ]
        for (function, call) in calls { assertError(try call(), "\(function) of an empty signal") }
        assertError(try rms(y: []), "rms: an empty signal cannot be padded by reflect")
        assertError(try resample([], from: 22050, to: 11025),
                    "resample: input of 0 samples is too short to resample from 22050.0 to 11025.0 Hz")
        XCTAssertEqual(try resample([], from: 22050, to: 22050), [], "librosa returns equal rates' signal as it is")
    }

    func testOneSampleGivesLibrosasValues() throws {
        let one: [Float] = [1]
        XCTAssertEqual(Double(try spectralCentroid(y: one, sampleRate: sr)[0, 0]), 3.5888672944662945, accuracy: 1e-6)
        XCTAssertEqual(Double(try spectralBandwidth(y: one, sampleRate: sr)[0, 0]), 5.075424732743588, accuracy: 1e-6)
        XCTAssertEqual(try spectralRolloff(y: one, sampleRate: sr)[0, 0], 10.7666015625)
        XCTAssertEqual(try spectralFlatness(y: one)[0, 0], 8.3924045e-14, accuracy: 1e-19)
        let contrast = try MagnitudeSpectrogram(y: one, sampleRate: sr).spectralContrast().values
        for (ours, librosa) in zip(contrast, [130.10299956639813] + [Double](repeating: 50.102999566398125, count: 6)) {
            XCTAssertEqual(Double(ours), librosa, accuracy: 1e-4)
        }
        XCTAssertEqual(try rms(y: one).values, [1])
        XCTAssertEqual(try zeroCrossingRate(y: one).values, [0])
        let mfccs = try mfcc(y: one, sampleRate: sr)
        for (r, librosa) in [-487.610107421875, 9.999247550964355, 9.996988296508789, 9.993223190307617].enumerated() {
            XCTAssertEqual(Double(mfccs[r, 0]), librosa, accuracy: 1e-3)
        }
        let chroma = try chromaSTFT(y: one, sampleRate: sr).values
        let librosaChroma = [0.8143610954284668, 0.8857146501541138, 0.9432845115661621, 0.9825356602668762, 1.0,
                             0.9996830821037292, 0.9946876764297485, 0.9666653275489807, 0.9183160662651062,
                             0.8536750078201294, 0.777583658695221, 0.7342566847801208]
        XCTAssertEqual(chroma.count, 12)
        for (ours, librosa) in zip(chroma, librosaChroma) { XCTAssertEqual(Double(ours), librosa, accuracy: 1e-6) }
        XCTAssertEqual(try harmonic(one), [0])
        // librosa: "Input signal length=1 is too short for 7-octave CQT/VQT".
        assertError(try cqt(one, sampleRate: sr), "cqt: a signal of 1 samples is too short for a 7-octave CQT")
        assertError(try rms(y: one, center: false), "rms: the signal (1 samples) is shorter than frame_length 2048")
    }

    func testSilenceGivesLibrosasValues() throws {
        XCTAssertEqual(try spectralFlatness(y: [Float](repeating: 0, count: 100))[0, 0], 1.0000007)
        XCTAssertEqual(try spectralContrast(S: Matrix(rows: 1025, columns: 2), sampleRate: sr).values, [Float](repeating: 0, count: 14))
        XCTAssertEqual(try tonnetz(chroma: Matrix(rows: 12, columns: 2)).values, [Double](repeating: 0, count: 12))
        XCTAssertEqual(try chromaCQT(C: Matrix(rows: 252, columns: 2)).values, [Float](repeating: 0, count: 24))
    }

    /// `librosa.resample` (resampy, fix=True) of 0 to 3 samples: an output of no sample is
    /// resampy's ValueError "Input signal length=... is too small to resample".
    func testResamplingAFewSamplesMatchesLibrosa() throws {
        let cases: [(count: Int, from: Double, to: Double, best: [Float]?, fast: [Float]?)] = [
            (0, 22050, 11025, nil, nil),
            (1, 22050, 11025, nil, nil),
            (1, 22050, 16000, nil, nil),
            (1, 11025, 22050, [0.9475936889648438, 0.6341878771781921], [0.8500000238418579, 0.6166043281555176]),
            (2, 22050, 16000, [0.9519653916358948, 0], [0.9114598631858826, 0]),
            (2, 22050, 11025, [0.7908908128738403], [0.7333021759986877]),
            (3, 22050, 11025, [0.81693035364151, 0], [0.8044304251670837, 0]),
        ]
        for c in cases {
            let y = [Float](repeating: 1, count: c.count)
            for (filter, expected) in [(Resampy.Filter.kaiserBest, c.best), (.kaiserFast, c.fast)] {
                if let expected {
                    XCTAssertEqual(try resample(y, from: c.from, to: c.to, filter: filter), expected, "\(c)")
                } else {
                    assertError(try resample(y, from: c.from, to: c.to, filter: filter),
                                "resample: input of \(c.count) samples is too short to resample from \(c.from) to \(c.to) Hz")
                }
            }
        }
    }

    /// scipy's median_filter(mode='reflect') where the window is longer than the line but
    /// reaches less than two periods before its start (MedianFilter.swift says why that
    /// bound), and with infinities, which it orders like any value.
    func testMedianFilterOverShortLinesAndInfinitiesMatchesScipy() throws {
        func filtered(_ rows: Int, _ columns: Int, _ values: [Float], _ size: (Int, Int)) throws -> [Float] {
            try medianFilter(try XCTUnwrap(Matrix(rows: rows, columns: columns, values: values)), size: size).values
        }
        XCTAssertEqual(try filtered(1, 4, [4, 1, 3, 2], (1, 7)), [3, 2, 3, 2])
        XCTAssertEqual(try filtered(3, 1, [3, 1, 2], (5, 1)), [2, 2, 2])
        XCTAssertEqual(try filtered(1, 3, [5, -2, 7], (1, 11)), [5, 5, 5])
        let inf = Float.infinity
        let infinite: [Float] = [3, inf, 1, 2, inf, 0, 5, 4, inf, 1]
        XCTAssertEqual(try filtered(2, 5, infinite, (1, 3)), [3, 3, 2, 2, inf, 0, 4, 5, 4, 1])
        XCTAssertEqual(try filtered(2, 5, infinite, (3, 1)), [3, inf, 1, 2, inf, 0, 5, 4, inf, 1])
        XCTAssertEqual(try filtered(1, 4, [-inf, 2, -1, inf], (1, 3)), [-inf, -1, 2, inf])
    }

    func testDeltaOverFewerFramesThanItsWidth() throws {
        assertError(try delta(Matrix(rows: 2, columns: 5, repeating: 1)),
                    "delta: when mode='interp', width=9 cannot exceed data.shape[axis]=5")
        // Width 3 on 3 frames: one window, its fit used at both edges.
        let ramp = try XCTUnwrap(Matrix(rows: 2, columns: 3, values: [0, 1, 4, 5, 3, 1]))
        XCTAssertEqual(try delta(ramp, width: 3).values, [2, 2, 2, -2, -2, -2])
        let curvature = try delta(ramp, width: 3, order: 2).values
        // librosa: 2, 2, 2 and residues of 1e-15 for the straight second row.
        for (ours, librosa) in zip(curvature, [2, 2, 2, 8.4e-16, -2.7e-15, 8.4e-16] as [Float]) {
            XCTAssertEqual(ours, librosa, accuracy: 1e-6)
        }
    }
}

/// Asserts that `call` throws an error whose text is `invalid parameter: ` and `expected`.
func assertError<T>(_ call: @autoclosure () throws -> T, _ expected: String,
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try call(), file: file, line: line) { error in
        XCTAssertEqual("\(error)", "invalid parameter: " + expected, file: file, line: line)
    }
}
