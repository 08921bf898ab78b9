import Audio
import XCTest

/// chroma_stft, estimate_tuning and spectral_contrast against librosa 0.8.1, from the
/// magnitude STFT as the tutorial calls them.
final class ChromaContrastTests: XCTestCase {
    private func magnitude(_ file: String) throws -> (Matrix, Double) {
        let audio = try SignalFixtures.audio(file)
        return (try stft(audio.samples).magnitude(), Double(audio.sampleRate))
    }

    func testEstimateTuningMatchesLibrosa() throws {
        for (name, file) in SignalFixtures.files {
            let (S, sr) = try magnitude(file)
            let ours = try estimateTuning(S: S, sampleRate: sr)
            let ref = try SignalFixtures.reference(name, "tuning").doubles[0]
            XCTAssertEqual(ours, ref, accuracy: 1e-12, "\(name) tuning")
        }
    }

    func testChordTuningIsFoundSharp() throws {
        // The chord is built 20 cents sharp; piptrack's peaks on 65 short frames land a
        // little low (librosa finds 0.1 too), but the estimate must be clearly sharp.
        let (S, sr) = try magnitude("chord.wav")
        let tuning = try estimateTuning(S: S, sampleRate: sr)
        XCTAssertGreaterThan(tuning, 0.05)
        XCTAssertLessThan(tuning, 0.25)
    }

    func testChromaSTFTMatchesLibrosa() throws {
        for (name, file) in SignalFixtures.files {
            let (S, sr) = try magnitude(file)
            Parity.check(try chromaSTFT(S: S, sampleRate: sr), try SignalFixtures.reference(name, "chroma"),
                         rtol: 1e-4, "\(name) chroma")
        }
    }

    func testSpectralContrastMatchesLibrosa() throws {
        for (name, file) in SignalFixtures.files {
            let (S, sr) = try magnitude(file)
            Parity.check(try spectralContrast(S: S, sampleRate: sr), try SignalFixtures.reference(name, "contrast"),
                         rtol: 1e-4, "\(name) contrast")
        }
    }

    func testSpectralContrastRejectsBandsPastNyquist() throws {
        // At 8 kHz the 6th band starts at 6.4 kHz > 4 kHz Nyquist: librosa raises; so do we.
        let S = Matrix(rows: 1025, columns: 3, repeating: 1)
        XCTAssertThrowsError(try spectralContrast(S: S, sampleRate: 8000))
    }

    func testPitchTuningOfExactlyTunedAndDetunedFrequencies() throws {
        XCTAssertEqual(try pitchTuning(frequencies: [440, 880, 220]), 0, accuracy: 1e-12)
        let sharp = Float(440 * pow(2, 0.3 / 12))
        XCTAssertEqual(try pitchTuning(frequencies: [sharp, sharp * 2]), 0.3, accuracy: 0.011)
        XCTAssertEqual(try pitchTuning(frequencies: []), 0)
    }

    /// pitchTuning's histogram, written the plain way (np.mod as fmodf, np.histogram as
    /// a search of the edges), against the library's faster arithmetic: the same fullest
    /// bin for sets of pitches, and the same bin for each pitch alone (whole-semitone and
    /// bin-edge ones included), at several resolutions.
    func testPitchTuningBinsEveryFrequencyAsThePlainFormulaDoes() throws {
        func plain(_ frequencies: [Float], resolution: Double, binsPerOctave: Int) -> Double {
            let n = Int((1.0 / resolution).rounded(.up))
            let edges = (0...n).map { $0 == n ? 0.5 : Double($0) * (1.0 / Double(n)) - 0.5 }
            var counts = [Int](repeating: 0, count: n)
            for f in frequencies where f > 0 {
                var residual = fmodf(Float(binsPerOctave) * log2(f / Float(27.5)), 1)
                if residual < 0 { residual += 1 }
                if residual >= 0.5 { residual -= 1 }
                let r = Double(residual)
                guard r >= edges[0], r <= edges[n] else { continue }
                var lo = 0, hi = n
                while hi - lo > 1 { let mid = (lo + hi) / 2; if edges[mid] <= r { lo = mid } else { hi = mid } }
                counts[lo] += 1
            }
            var best = 0
            for i in counts.indices where counts[i] > counts[best] { best = i }
            return edges[best]
        }
        var generator = SystemRandomNumberGenerator()
        for (resolution, bpo) in [(0.01, 12), (0.01, 36), (0.03, 12), (0.5, 24)] {
            for trial in 0..<40 {
                // A few hundred pitches around one tuning, plus exact semitones and
                // pitches exactly on bin edges.
                let centre = Double.random(in: -0.5..<0.5, using: &generator)
                var frequencies = (0..<300).map { _ in
                    Float(27.5 * pow(2, (Double(Int.random(in: 12...100, using: &generator))
                        + centre + Double.random(in: -0.2...0.2, using: &generator)) / Double(bpo)))
                }
                frequencies += (0..<20).map { Float(27.5 * pow(2, Double($0 + trial) / Double(bpo))) }
                frequencies += (0..<20).map { Float(27.5 * pow(2, (Double($0) + Double($0 % 10) * resolution - 0.5) / Double(bpo))) }
                XCTAssertEqual(try pitchTuning(frequencies: frequencies, resolution: resolution, binsPerOctave: bpo),
                               plain(frequencies, resolution: resolution, binsPerOctave: bpo),
                               "resolution \(resolution), \(bpo) bins per octave, trial \(trial)")
                // One pitch alone: its bin is the fullest, so every pitch's bin is checked.
                for f in frequencies.prefix(trial < 4 ? frequencies.count : 8) {
                    XCTAssertEqual(try pitchTuning(frequencies: [f], resolution: resolution, binsPerOctave: bpo),
                                   plain([f], resolution: resolution, binsPerOctave: bpo), "\(f) Hz, resolution \(resolution)")
                }
            }
        }
    }
}
