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

    /// A header claiming 2^36 - 1 frames (a damaged or hostile FLAC) is not an allocation
    /// of 256 GB: the file decodes to the samples it really holds.
    func testAHeaderClaimingAnImpossibleLengthDecodesWhatTheFileHolds() throws {
        let source = ReferencePaths.fixture("AudioTests", "harmonics16k.flac")
        var bytes = [UInt8](try Data(contentsOf: source))
        XCTAssertEqual(Array(bytes[0..<4]), Array("fLaC".utf8))
        // STREAMINFO's 64 bits at offset 18: rate (20), channels (3), depth (5), then the
        // 36-bit total sample count in the low bits.
        var field = bytes[18..<26].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        field |= (1 << 36) - 1
        for i in 0..<8 { bytes[18 + i] = UInt8(truncatingIfNeeded: field >> (56 - 8 * UInt64(i))) }
        let url = scratch.appendingPathComponent("lying.flac")
        try Data(bytes).write(to: url)
        XCTAssertEqual(try AudioFile.read(url).samples, try AudioFile.read(source).samples)
    }

    /// The extensions a folder's audio files are picked by: libsndfile's own list, with
    /// the spellings it opens but does not list, without the formats it cannot open from
    /// the file alone.
    func testReadableExtensions() {
        for name in ["a.wav", "b.FLAC", "c.aif", "d.aifc", "e.ogg", "f.wave", "g.snd"] {
            XCTAssertTrue(ReadableFormats.isReadable(fileName: name), name)
        }
        for name in ["x.raw", "notes.txt", "LICENSE", ".wav"] {
            XCTAssertFalse(ReadableFormats.isReadable(fileName: name), name)
        }
    }

    /// What is not a file says so, rather than libsndfile's "format not recognised".
    func testAFolderOrADeviceIsNamedAsSuch() throws {
        XCTAssertThrowsError(try AudioFile.read(scratch)) {
            XCTAssertEqual($0 as? AudioError, .cannotOpen(path: scratch.path, reason: "it is a folder, not a file"))
        }
        let zero = URL(fileURLWithPath: "/dev/zero")
        XCTAssertThrowsError(try AudioFile.read(zero)) {
            XCTAssertEqual($0 as? AudioError, .cannotOpen(path: zero.path, reason: "it is a device, not an audio file"))
        }
        // A pipe nobody writes to: sf_open would wait for a writer forever.
        let fifo = scratch.appendingPathComponent("song.wav")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        XCTAssertThrowsError(try AudioFile.read(fifo)) {
            XCTAssertEqual($0 as? AudioError, .cannotOpen(path: fifo.path, reason: "it is a pipe or socket, not an audio file"))
        }
    }

    /// libsndfile keeps an open's failure reason in one process-wide slot; files opened
    /// on several threads at once must each get their own reason.
    func testConcurrentFailuresKeepTheirOwnReasons() throws {
        let text = scratch.appendingPathComponent("text.wav")
        try Data("this is not audio, just text\n".utf8).write(to: text)
        let missing = scratch.appendingPathComponent("missing.wav")
        let expected = [text.path: Self.reason(opening: text), missing.path: Self.reason(opening: missing)]
        XCTAssertNotEqual(expected[text.path], expected[missing.path])
        let lock = NSLock()
        var wrong: [String] = []
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            let url = i % 2 == 0 ? text : missing
            let reason = Self.reason(opening: url)
            if reason != expected[url.path] { lock.lock(); wrong.append("\(url.lastPathComponent): \(reason)"); lock.unlock() }
        }
        XCTAssertEqual(wrong, [])
    }

    private static func reason(opening url: URL) -> String {
        do { _ = try AudioFile.read(url); return "opened" } catch { return (error as? AudioError)?.reason ?? "\(error)" }
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
            let features = [try S.melspectrogram(), try mfcc(S: try powerToDB(try S.melspectrogram()), nMFCC: 40),
                            try S.chromaSTFT(), try S.spectralContrast()]
            for f in features { XCTAssertTrue(f.values.allSatisfy(\.isFinite), file) }
        }
    }
}
