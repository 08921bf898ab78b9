import Audio
import Foundation
import NumPy
import TestSupport
import XCTest

/// Spectral centroid, bandwidth, roll-off and flatness, RMS, zero-crossing rate and
/// delta against librosa 0.8.1: references from
/// `scripts/reference/librosa_spectral_extras.py`, in `Fixtures/spectral_extras/`.
final class SpectralExtrasTests: XCTestCase {
    private func reference(_ name: String) throws -> NPYArray {
        try NPY.read(contentsOf: ReferencePaths.fixture("AudioTests", "spectral_extras/\(name).npy"))
    }

    private func matrix(_ array: NPYArray) throws -> Matrix {
        try XCTUnwrap(Matrix(rows: array.shape[0], columns: array.shape[1], values: array.floats))
    }

    /// Asserts `ours` matches `ref` at `rtol` (the README's measure, floor 1e-6 of the
    /// largest reference value), printing that and the largest relative difference (over
    /// |ref| + 1e-9·max|ref|, so that librosa's residues of 1e-16 where a delta is 0 do
    /// not count as whole differences); returns the latter.
    @discardableResult
    private func compare<T: BinaryFloatingPoint>(_ ours: [T], _ ref: [Double], rtol: Double, _ label: String,
                         file: StaticString = #filePath, line: UInt = #line) -> Double {
        XCTAssertEqual(ours.count, ref.count, "\(label): length", file: file, line: line)
        guard ours.count == ref.count else { return .infinity }
        let (need, at) = Parity.requiredTolerance(ours, ref)
        let (relative, worstAt) = CQTFixtures.worstRelative(ours, ref, absFloor: 1e-9)
        print("parity \(label): needs rtol \(need) (worst at \(at)); largest relative difference \(relative) at \(worstAt)")
        XCTAssertLessThanOrEqual(need, rtol, "\(label): worst value at \(at)", file: file, line: line)
        return relative
    }

    private func compare(_ ours: Matrix, _ ref: NPYArray, rtol: Double, _ label: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual([ours.rows, ours.columns], ref.shape, "\(label): shape", file: file, line: line)
        compare(ours.values, ref.doubles, rtol: rtol, label, file: file, line: line)
    }

    /// The rows of `<signal>.npy`, with the tolerance each is held to. The roll-off is a
    /// bin's frequency, so it is exact unless a running sum lands on the other side of the
    /// threshold; the crossing rate counts samples, so it is exact.
    private static let defaultRows: [(name: String, rtol: Double)] = [
        ("spectral_centroid", 1e-5), ("spectral_bandwidth", 1e-5), ("spectral_rolloff", 0),
        ("spectral_flatness", 1e-5), ("rms(y)", 1e-5), ("rms(S)", 1e-5), ("zero_crossing_rate", 0),
    ]

    /// librosa's defaults, in the order of `defaultRows`.
    private func defaultFeatures(_ y: [Float], sampleRate sr: Double) throws -> [Matrix] {
        [try spectralCentroid(y: y, sampleRate: sr), try spectralBandwidth(y: y, sampleRate: sr),
         try spectralRolloff(y: y, sampleRate: sr), try spectralFlatness(y: y), try rms(y: y),
         try rms(S: try stft(y).magnitude()), try zeroCrossingRate(y: y)]
    }

    /// Checks `features` against the rows of `ref` (its columns every `step`-th frame),
    /// returning the largest relative difference in each row.
    @discardableResult
    private func checkRows(_ features: [Matrix], _ ref: NPYArray, every step: Int = 1, _ label: String,
                           file: StaticString = #filePath, line: UInt = #line) -> [Double] {
        XCTAssertEqual(ref.shape.first, features.count, label, file: file, line: line)
        return zip(Self.defaultRows, features).enumerated().map { r, pair in
            let ours = Swift.stride(from: 0, to: pair.1.columns, by: step).map { pair.1.values[$0] }
            return compare(ours, ref.row(r), rtol: pair.0.rtol, "\(label) \(pair.0.name) (every \(step) frame(s))",
                           file: file, line: line)
        }
    }

    func testDefaultsMatchLibrosa() throws {
        var worst = [Double](repeating: 0, count: Self.defaultRows.count)
        for file in ["chirp.wav", "chord.wav", "noise.wav", "short.wav", "silence.wav", "harmonics16k.flac"] {
            let audio = try SignalFixtures.audio(file)
            let name = String(file.prefix { $0 != "." })
            let needs = checkRows(try defaultFeatures(audio.samples, sampleRate: Double(audio.sampleRate)),
                                  try reference(name), name)
            worst = zip(worst, needs).map { max($0, $1) }
        }
        for (row, need) in zip(Self.defaultRows, worst) {
            print("parity spectral extras \(row.name): largest relative difference \(need)")
        }
    }

    /// One STFT shared through `MagnitudeSpectrogram` gives the free functions' values.
    func testMagnitudeSpectrogramMethodsMatchFreeFunctions() throws {
        let audio = try SignalFixtures.audio("chord.wav")
        let y = audio.samples, sr = Double(audio.sampleRate)
        let spectrum = try MagnitudeSpectrogram(y: y, sampleRate: sr)
        XCTAssertEqual(try spectrum.spectralCentroid(), try spectralCentroid(y: y, sampleRate: sr))
        XCTAssertEqual(try spectrum.spectralBandwidth(p: 3), try spectralBandwidth(y: y, sampleRate: sr, p: 3))
        XCTAssertEqual(try spectrum.spectralRolloff(rollPercent: 0.5), try spectralRolloff(y: y, sampleRate: sr, rollPercent: 0.5))
        XCTAssertEqual(try spectrum.spectralFlatness(), try spectralFlatness(y: y))
        XCTAssertEqual(try spectralCentroid(S: spectrum.matrix, sampleRate: sr), try spectralCentroid(y: y, sampleRate: sr))
    }

    /// Other parameters, on the chirp (22.05 kHz), with the tolerance each is held to.
    func testOtherParametersMatchLibrosa() throws {
        let audio = try SignalFixtures.audio("chirp.wav")
        let y = audio.samples, sr = Double(audio.sampleRate)
        let cases: [(String, Double, () throws -> Matrix)] = [
            ("centroid_nfft1024_hop256", 1e-5, { try spectralCentroid(y: y, sampleRate: sr, nFFT: 1024, hopLength: 256) }),
            ("centroid_nfft1023", 1e-5, { try spectralCentroid(y: y, sampleRate: sr, nFFT: 1023) }),
            ("centroid_nocenter", 1e-5, { try spectralCentroid(y: y, sampleRate: sr, center: false) }),
            ("bandwidth_p1", 1e-5, { try spectralBandwidth(y: y, sampleRate: sr, p: 1) }),
            ("bandwidth_p3_nonorm", 1e-5, { try spectralBandwidth(y: y, sampleRate: sr, norm: false, p: 3) }),
            ("rolloff_010", 0, { try spectralRolloff(y: y, sampleRate: sr, rollPercent: 0.1) }),
            ("rolloff_099_nfft1024", 0, { try spectralRolloff(y: y, sampleRate: sr, nFFT: 1024, rollPercent: 0.99) }),
            ("flatness_power1_amin1e-5", 1e-5, { try spectralFlatness(y: y, amin: 1e-5, power: 1) }),
            ("flatness_nocenter_hop256", 1e-5, { try spectralFlatness(y: y, hopLength: 256, center: false) }),
            ("rms_frame1024_hop256", 1e-5, { try rms(y: y, frameLength: 1024, hopLength: 256) }),
            ("rms_nocenter", 1e-5, { try rms(y: y, center: false) }),
            ("rms_constant_frame1001", 1e-5, { try rms(y: y, frameLength: 1001, hopLength: 300, padMode: .constant) }),
            ("rms_S_nfft1023", 1e-5, { try rms(S: try stft(y, nFFT: 1023, hopLength: 255).magnitude(), frameLength: 1023) }),
            ("zcr_frame1024_hop256", 0, { try zeroCrossingRate(y: y, frameLength: 1024, hopLength: 256) }),
            ("zcr_nocenter", 0, { try zeroCrossingRate(y: y, center: false) }),
            ("zcr_ref_nonzeropos_pad", 0, {
                try zeroCrossingRate(y: y, frameLength: 512, hopLength: 128, threshold: 1, refMagnitude: 0.2,
                                     pad: true, zeroPos: false)
            }),
            ("zcr_nothreshold", 0, { try zeroCrossingRate(y: y, threshold: nil) }),
        ]
        for (name, rtol, compute) in cases {
            compare(try compute(), try reference("chirp_\(name)"), rtol: rtol, "chirp \(name)")
        }
    }

    /// Zeros, a negative zero and values inside the threshold: which samples count as a
    /// sign change under each of librosa's settings.
    func testZeroCrossingSignsMatchLibrosa() throws {
        let y = try reference("zcr_tiny_input").floats
        let expected = try reference("zcr_tiny")
        let settings: [(String, Matrix)] = [
            ("librosa's", try zeroCrossingRate(y: y, frameLength: 4, hopLength: 2)),
            ("no threshold (-0.0 negative)", try zeroCrossingRate(y: y, frameLength: 4, hopLength: 2, threshold: nil)),
            ("np.sign (0 its own sign)", try zeroCrossingRate(y: y, frameLength: 4, hopLength: 2, zeroPos: false)),
            ("pad", try zeroCrossingRate(y: y, frameLength: 4, hopLength: 2, threshold: nil, pad: true, zeroPos: false)),
        ]
        for (row, (label, ours)) in settings.enumerated() {
            XCTAssertEqual(ours.values.map(Double.init), expected.row(row), label)
        }
    }

    /// A threshold too small for Float still clips, at 0, as numpy's float32 comparison
    /// does: -0.0 becomes +0.0 and stops counting as negative (numpy: no crossing here).
    func testThresholdBelowFloatRangeStillClipsNegativeZeros() throws {
        let y: [Float] = [0.5, -0.0, 0.5, -0.0]
        let clipped = try zeroCrossingRate(y: y, frameLength: 4, hopLength: 2, center: false, threshold: 1e-50)
        XCTAssertEqual(clipped.values, [0])
        let unclipped = try zeroCrossingRate(y: y, frameLength: 4, hopLength: 2, center: false, threshold: nil)
        XCTAssertEqual(unclipped.values, [0.75], "without a threshold each -0.0 is a sign change")
    }

    func testDeltaMatchesLibrosa() throws {
        let mfcc = try matrix(try reference("mfcc_chirp"))
        for width in [3, 5, 9] {
            for order in [1, 2] {
                compare(try delta(mfcc, width: width, order: order), try reference("delta_w\(width)_o\(order)"),
                        rtol: 1e-5, "delta width \(width) order \(order)")
            }
        }
        compare(try delta(mfcc, axis: 0), try reference("delta_axis0"), rtol: 1e-5, "delta axis 0")
        compare(try delta(mfcc, width: 7, order: 3), try reference("delta_w7_o3"), rtol: 1e-5, "delta width 7 order 3")
        let short = try matrix(try reference("short_matrix"))
        for order in [1, 2] {
            compare(try delta(short, width: 5, order: order), try reference("short_delta_o\(order)"),
                    rtol: 1e-5, "delta of a 3 x 5 matrix, width 5, order \(order)")
        }
    }

    /// A line that is a polynomial of degree `order` has a constant `order`-th derivative,
    /// edges included ('interp' fits the edges with the same polynomial).
    func testDeltaOfPolynomialsIsTheirDerivative() throws {
        let t = (0..<12).map(Float.init)
        let m = try XCTUnwrap(Matrix(rows: 2, columns: 12, values: t.map { 3 * $0 - 1 } + t.map { $0 * $0 / 2 }))
        XCTAssertEqual(try delta(m, width: 5).row(0).map { $0 }, [Float](repeating: 3, count: 12))
        for v in try delta(m, width: 7, order: 2).row(1) { XCTAssertEqual(v, 1, accuracy: 1e-5) }
    }

    private func assertRefused(_ call: @autoclosure () throws -> Matrix, _ expected: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try call(), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(expected), "\(error)", file: file, line: line)
        }
    }

    func testBadArgumentsAreRefusedWithReasons() throws {
        let y = (0..<4096).map { Float(sin(Double($0) * 0.1)) }
        let S = try stft(y).magnitude()
        assertRefused(try spectralRolloff(S: S, sampleRate: 22050, rollPercent: 1), "roll_percent must lie in the range (0, 1), got 1.0")
        assertRefused(try spectralRolloff(y: y, sampleRate: 22050, rollPercent: 0), "roll_percent must lie in the range (0, 1)")
        var negative = S
        negative[3, 2] = -1
        assertRefused(try spectralCentroid(S: negative, sampleRate: 22050),
                      "spectral_centroid is only defined for finite, non-negative magnitudes; S[3, 2] is -1.0")
        var notFinite = S
        notFinite[0, 1] = .nan
        assertRefused(try spectralFlatness(S: notFinite), "S[0, 1] is nan")
        assertRefused(try spectralCentroid(S: Matrix(rows: 1, columns: 4), sampleRate: 22050), "S has 1 row(s)")
        assertRefused(try spectralCentroid(y: y, sampleRate: 0), "the sample rate must be a positive number of Hz, got 0.0")
        assertRefused(try spectralCentroid(y: [], sampleRate: 22050), "spectral_centroid of an empty signal")
        assertRefused(try spectralRolloff(y: [Float](repeating: 0.1, count: 100), sampleRate: 22050, center: false),
                      "spectral_rolloff: n_fft=2048 is too large for a signal of 100 samples without centring")
        assertRefused(try spectralRolloff(y: [0.5, -.nan], sampleRate: 22050),
                      "spectral_rolloff: the audio is not finite everywhere (sample 1 is")
        assertRefused(try spectralBandwidth(y: y, sampleRate: 22050, p: 0), "p must be a positive number, got 0.0")
        assertRefused(try spectralFlatness(y: y, amin: 0), "amin must be strictly positive, got 0.0")
        assertRefused(try spectralFlatness(S: S, power: -1), "power must be a positive number, got -1.0")
        assertRefused(try rms(S: S, frameLength: 1024), "S has 1025 rows, so frame_length is expected to be 2048 or 2049; found 1024")
        assertRefused(try rms(y: Array(y.prefix(100)), center: false), "rms: the signal (100 samples) is shorter than frame_length 2048")
        assertRefused(try rms(y: y, hopLength: 0), "rms: hop_length must be at least 1, got 0")
        assertRefused(try rms(y: [], padMode: .reflect), "rms: an empty signal cannot be padded by reflect")
        XCTAssertEqual(try rms(y: [], padMode: .constant).values, [0], "numpy pads an empty signal with zeros")
        assertRefused(try zeroCrossingRate(y: []), "zero_crossing_rate: an empty signal cannot be padded by edge")
        assertRefused(try zeroCrossingRate(y: [0.1, .infinity, 0.2]), "the audio is not finite everywhere (sample 1 is inf)")
        assertRefused(try zeroCrossingRate(y: y, threshold: -1), "threshold must be 0 or more, got -1.0")
        assertRefused(try zeroCrossingRate(y: y, frameLength: 0), "frame_length must be at least 1, got 0")
    }

    func testDeltaRefusesWhatLibrosaRefuses() throws {
        let m = Matrix(rows: 2, columns: 7, repeating: 1)
        assertRefused(try delta(m), "when mode='interp', width=9 cannot exceed data.shape[axis]=7")
        assertRefused(try delta(m, width: 5, axis: 0), "width=5 cannot exceed data.shape[axis]=2")
        assertRefused(try delta(m, width: 4), "width must be an odd integer >= 3, got 4")
        assertRefused(try delta(m, width: 1), "width must be an odd integer >= 3, got 1")
        assertRefused(try delta(m, width: 5, order: 0), "order must be a positive integer, got 0")
        assertRefused(try delta(m, width: 3, order: 3), "order 3 must be less than width 3")
        assertRefused(try delta(m, width: 3, axis: 2), "axis must be -1, 0 or 1 for a matrix, got 2")
    }

    /// One corpus recording, decoded here from the FLAC, against librosa's values from the
    /// same file (every 10th frame, and the per-coefficient spread of the MFCC deltas).
    func testCorpusRecordingMatchesLibrosa() throws {
        let corpus = try ReferencePaths.corpus()
        let signal = try AudioFile.read(corpus.appendingPathComponent("Actor_01/03-02-01-01-01-01-01.flac"))
        let sr = Double(signal.sampleRate)
        checkRows(try defaultFeatures(signal.samples, sampleRate: sr), try reference("corpus"), every: 10, "corpus")
        let spread = try delta(try mfcc(y: signal.samples, sampleRate: sr, nMFCC: 40)).rowStandardDeviations()
        compare(spread, try reference("corpus_delta_std").doubles, rtol: 1e-5, "corpus delta(mfcc) standard deviations")
    }
}
