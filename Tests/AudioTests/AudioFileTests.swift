import Audio
import Foundation
import TestSupport
import XCTest

/// Decoding through libsndfile: formats, mix-down, and the errors bad input must give.
final class AudioFileTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("audio-file-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func expectCannotOpen(_ url: URL, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try AudioFile.read(url), file: file, line: line) { error in
            guard case let AudioError.cannotOpen(path, reason) = error else {
                return XCTFail("expected cannotOpen, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(path, url.path, file: file, line: line)
            XCTAssertFalse(reason.isEmpty, "libsndfile's reason should be passed on", file: file, line: line)
            XCTAssertTrue("\(error)".contains(url.lastPathComponent), file: file, line: line)
        }
    }

    func testMissingFileNamesTheFile() {
        expectCannotOpen(scratch.appendingPathComponent("nope.wav"))
    }

    func testTextFileNamedWavIsRejected() throws {
        let url = scratch.appendingPathComponent("notes.wav")
        try Data("this is not audio, just text\n".utf8).write(to: url)
        expectCannotOpen(url)
    }

    func testEmptyFileIsRejected() throws {
        let url = scratch.appendingPathComponent("empty.wav")
        try Data().write(to: url)
        expectCannotOpen(url)
        XCTAssertThrowsError(try AudioFile.read(url)) {
            XCTAssertEqual($0 as? AudioError, .cannotOpen(path: url.path, reason: "the file is empty (0 bytes)"))
        }
    }

    func testTruncatedFLACGivesAnErrorOrTheDecodablePart() throws {
        let source = ReferencePaths.fixture("AudioTests", "harmonics16k.flac")
        let whole = try Data(contentsOf: source)
        let url = scratch.appendingPathComponent("truncated.flac")
        try whole.prefix(whole.count / 2).write(to: url)
        let full = try AudioFile.read(source)
        do {
            let part = try AudioFile.read(url)
            // libsndfile may stop cleanly at the cut: then we keep what decoded, and it
            // must be the start of the real signal, finite, and shorter.
            XCTAssertLessThan(part.samples.count, full.samples.count)
            XCTAssertTrue(part.samples.allSatisfy(\.isFinite))
            XCTAssertEqual(Array(part.samples.prefix(1000)), Array(full.samples.prefix(1000)))
        } catch let error as AudioError {
            XCTAssertTrue("\(error)".contains("truncated.flac"), "\(error)")
        }
    }

    func testStereoIsAveragedToMono() throws {
        let stereo = try SignalFixtures.audio("stereo.wav")
        XCTAssertEqual(stereo.channels, 2)
        XCTAssertEqual(stereo.sampleRate, 48000)
        XCTAssertEqual(stereo.samples.count, 19200)
        // Left is 0.4 sin(440 t) + 0.1 sin(1320 t); right is 0.3 sin(523.25 t) + noise:
        // the average at t = 0 is (0 + noise) / 2, small; overall RMS near the mean of both.
        let rms = (stereo.samples.reduce(0.0) { $0 + Double($1 * $1) } / Double(stereo.samples.count)).squareRoot()
        XCTAssertEqual(rms, 0.5 * (0.4 * 0.4 / 2 + 0.1 * 0.1 / 2 + 0.3 * 0.3 / 2 + 0.05 * 0.05).squareRoot(), accuracy: 0.01)
    }

    func testBitDepthsAndRatesDecode() throws {
        let chord = try SignalFixtures.audio("chord.wav")      // 24-bit, 44.1 kHz
        XCTAssertEqual(chord.sampleRate, 44100)
        XCTAssertEqual(chord.samples.count, 33075)
        let noise = try SignalFixtures.audio("noise.wav")      // float WAV, 48 kHz
        XCTAssertEqual(noise.sampleRate, 48000)
        XCTAssertGreaterThan(noise.samples.map(abs).max() ?? 0, 0.5)
        let flac = try SignalFixtures.audio("harmonics16k.flac")
        XCTAssertEqual(flac.sampleRate, 16000)
        XCTAssertEqual(flac.samples.count, 16000)
        let silence = try SignalFixtures.audio("silence.wav")
        XCTAssertTrue(silence.samples.allSatisfy { $0 == 0 })
    }

    func testShortClipAndSilenceGiveFiniteSpectralFeatures() throws {
        for file in ["short.wav", "silence.wav"] {
            let audio = try SignalFixtures.audio(file)
            let S = try MagnitudeSpectrogram(y: audio.samples, sampleRate: Double(audio.sampleRate))
            let features = [S.melspectrogram(), mfcc(S: powerToDB(S.melspectrogram()), nMFCC: 40),
                            S.chromaSTFT(), try S.spectralContrast()]
            for f in features { XCTAssertTrue(f.values.allSatisfy(\.isFinite), file) }
        }
    }
}
