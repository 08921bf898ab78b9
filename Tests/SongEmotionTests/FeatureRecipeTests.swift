import Audio
import Foundation
import NumPy
import SongEmotion
import TestSupport
import XCTest

/// The 386-value recipe against the original tutorial's numbers: librosa 0.8.1 on our
/// own signals, and the seed `x.npy` on corpus recordings.
final class FeatureRecipeTests: XCTestCase {
    /// Relative tolerance per group, with the README's absolute floor of 1e-6 x the
    /// group's largest magnitude in that recording (issue 3's targets).
    static let tolerance: [String: Double] = ["mfcc": 1e-4, "chroma": 1e-4, "mel": 1e-4, "contrast": 1e-4, "tonnetz": 1e-3]

    /// The smallest rtol that makes every value of `group` pass, for one recording.
    static func requiredTolerance(_ ours: [Double], _ ref: [Double], group: String) -> Double {
        guard let cols = FeatureRecipe.columns(of: group) else { return .infinity }
        return requiredTolerance(ours, ref, columns: Array(cols.means) + Array(cols.stds))
    }

    /// The smallest rtol that makes every value at `idx` pass, the absolute floor being
    /// 1e-6 x the largest magnitude among them, or x `scale` when that is larger.
    static func requiredTolerance(_ ours: [Double], _ ref: [Double], columns idx: [Int], scale: Double = 0) -> Double {
        let floor = 1e-6 * max(scale, idx.reduce(0.0) { max($0, abs(ref[$1])) })
        var need = 0.0
        for c in idx {
            guard ours[c].isFinite else { return .infinity }
            let excess = abs(ours[c] - ref[c]) - floor
            if excess > 0 { need = max(need, ref[c] == 0 ? .infinity : excess / abs(ref[c])) }
        }
        return need
    }

    private func assertParity(_ ours: [Double], _ ref: [Double], _ label: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(ours.count, FeatureRecipe.count, file: file, line: line)
        XCTAssertEqual(ref.count, FeatureRecipe.count, file: file, line: line)
        guard ours.count == ref.count else { return }
        var figures = [String]()
        for group in FeatureRecipe.groups {
            let need = Self.requiredTolerance(ours, ref, group: group.name)
            let cols = FeatureRecipe.columns(of: group.name)!
            let maxAbs = (Array(cols.means) + Array(cols.stds)).reduce(0.0) { max($0, abs(ours[$1] - ref[$1])) }
            figures.append("\(group.name) \(String(format: "%.1e (max abs %.1e)", need, maxAbs))")
            XCTAssertLessThanOrEqual(need, Self.tolerance[group.name]!, "\(label) \(group.name)", file: file, line: line)
        }
        print("parity \(label): " + figures.joined(separator: ", "))
    }

    func testLayoutIs386Columns() {
        XCTAssertEqual(FeatureRecipe.count, 386)
        XCTAssertEqual(FeatureRecipe.columns(of: "mfcc")?.means, 0..<40)
        XCTAssertEqual(FeatureRecipe.columns(of: "tonnetz")?.means, 187..<193)
        XCTAssertEqual(FeatureRecipe.columns(of: "mfcc")?.stds, 193..<233)
        XCTAssertEqual(FeatureRecipe.columns(of: "tonnetz")?.stds, 380..<386)
    }

    /// Our signals (stereo, 24-bit, float WAV, 16 kHz FLAC, silence) against librosa.
    func testSignalsMatchLibrosa() throws {
        for name in ["chirp", "chord", "noise", "stereo", "silence", "harmonics16k"] {
            let ext = name == "harmonics16k" ? "flac" : "wav"
            let ours = try FeatureRecipe.extract(contentsOf: ReferencePaths.fixture("AudioTests", "\(name).\(ext)"))
            let ref = try NPY.read(contentsOf: ReferencePaths.fixture("AudioTests", "\(name).features.npy")).doubles
            XCTAssertTrue(ours.allSatisfy(\.isFinite), name)
            assertParity(ours, ref, name)
        }
    }

    /// librosa itself fails on a clip shorter than one frame (its cqt); we must give a
    /// clear error naming the file, or finite values.
    func testClipShorterThanOneFrameGivesErrorOrFiniteValues() {
        let url = ReferencePaths.fixture("AudioTests", "short.wav")
        do {
            let values = try FeatureRecipe.extract(contentsOf: url)
            XCTAssertTrue(values.allSatisfy(\.isFinite))
        } catch {
            XCTAssertTrue("\(error)".contains("short.wav"), "\(error)")
        }
    }

    /// Just above the shortest clip librosa handles, the values must be finite.
    func testClipsNearTheMinimumLengthGiveFiniteValues() throws {
        let chirp = try AudioFile.read(ReferencePaths.fixture("AudioTests", "chirp.wav"))
        for n in [FeatureRecipe.minimumSamples, 1500, 2047, 2048, 3000] {
            let clip = AudioSignal(samples: Array(chirp.samples.prefix(n)), sampleRate: chirp.sampleRate)
            let values = try FeatureRecipe.extract(clip, path: "chirp[0..<\(n)]")
            XCTAssertEqual(values.count, 386)
            XCTAssertTrue(values.allSatisfy(\.isFinite), "\(n) samples")
        }
        let tooShort = AudioSignal(samples: Array(chirp.samples.prefix(1023)), sampleRate: chirp.sampleRate)
        XCTAssertThrowsError(try FeatureRecipe.extract(tooShort, path: "tiny.wav")) { error in
            XCTAssertTrue("\(error)".contains("tiny.wav"), "\(error)")
        }
    }

    /// A float file holding NaN or infinity says so at decoding; one far out of range
    /// (samples of 1e30, whose spectra overflow) gives its peak amplitude.
    func testNonFiniteAndOutOfRangeSamplesAreNamed() throws {
        let chirp = try AudioFile.read(ReferencePaths.fixture("AudioTests", "chirp.wav"))
        var samples = chirp.samples
        samples[100] = .infinity
        XCTAssertThrowsError(try FeatureRecipe.extract(AudioSignal(samples: samples, sampleRate: chirp.sampleRate), path: "inf.wav")) {
            XCTAssertEqual("\($0)", "inf.wav: decoding: sample 100 is inf; the audio must hold finite samples")
        }
        let loud = AudioSignal(samples: chirp.samples.map { $0 * 1e30 }, sampleRate: chirp.sampleRate)
        XCTAssertThrowsError(try FeatureRecipe.extract(loud, path: "loud.wav")) {
            XCTAssertTrue("\($0)".hasPrefix("loud.wav: "), "\($0)")
            XCTAssertNotNil("\($0)".firstMatch(of: #/non-finite values \(NaN or infinity\); the audio's peak amplitude is [0-9.]+e\+29, where \[-1, 1\] is expected/#),
                            "\($0)")
        }
    }

    /// An 8 kHz recording cannot have spectral contrast's six bands from 200 Hz (librosa
    /// refuses it too); the error gives the rate that would.
    func testARateTooLowForSpectralContrastSaysWhichRateIsNeeded() throws {
        let chirp = try AudioFile.read(ReferencePaths.fixture("AudioTests", "chirp.wav"))
        let narrow = AudioSignal(samples: Array(chirp.samples.prefix(8000)), sampleRate: 8000)
        XCTAssertThrowsError(try FeatureRecipe.extract(narrow, path: "phone.wav")) {
            XCTAssertTrue("\($0)".contains("the top band starts at 6400 Hz, at or above the Nyquist frequency (4000 Hz at a sample rate of 8000 Hz); "
                                            + "with fmin 200 Hz and 6 bands the sample rate must be above 12.8 kHz"), "\($0)")
        }
    }

    func testMissingAndNonAudioFilesNameTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("text.wav")
        try Data("hello".utf8).write(to: text)
        for url in [dir.appendingPathComponent("missing.flac"), text] {
            XCTAssertThrowsError(try FeatureRecipe.extract(contentsOf: url)) { error in
                XCTAssertTrue("\(error)".contains(url.lastPathComponent), "\(error)")
                XCTAssertTrue("\(error)".contains("decoding"), "\(error)")
            }
        }
    }

    /// 13 corpus recordings, one from every other actor plus the stereo one, against the
    /// tutorial's x.npy rows.
    func testCorpusRecordingsMatchSeedFeatures() throws {
        let corpus = try ReferencePaths.corpus()
        let x = try NPY.read(contentsOf: try ReferencePaths.seedFeatures().appendingPathComponent("x.npy"))
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var entries = manifest.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        entries.sort { Array($0[0].utf8).lexicographicallyPrecedes(Array($1[0].utf8)) }
        XCTAssertEqual(entries.count, x.shape[0])
        var picks = [Int]()
        for actor in stride(from: 1, through: 23, by: 2) {
            let prefix = String(format: "Actor_%02d/", actor)
            let rows = entries.indices.filter { entries[$0][0].hasPrefix(prefix) }
            if let row = rows.dropFirst(actor % rows.count).first { picks.append(row) }   // vary the take
        }
        let stereo = try XCTUnwrap(entries.firstIndex { $0.count > 2 && $0[2] == "2" }, "the corpus has a stereo file")
        picks.append(stereo)
        XCTAssertGreaterThanOrEqual(picks.count, 13)
        let ref = x.doubles
        for row in picks {
            let url = corpus.appendingPathComponent(entries[row][0])
            let ours = try FeatureRecipe.extract(contentsOf: url)
            let expected = Array(ref[(row * 386)..<((row + 1) * 386)])
            assertParity(ours, expected, entries[row][0])
        }
    }
}
