import Foundation
import SongEmotion
import TestSupport
import XCTest

final class CorpusVerificationTests: XCTestCase {
    private var projectManifest: CorpusManifest {
        get throws { try CorpusManifest(contentsOf: ReferencePaths.repositoryRoot.appendingPathComponent("data/MANIFEST.tsv")) }
    }

    func testProjectManifestListsTheWholeCorpus() throws {
        let manifest = try projectManifest
        XCTAssertEqual(manifest.entries.count, 1012)
        // The copy built into the library is the committed file, entry for entry.
        XCTAssertEqual(CorpusManifest.project.entries, manifest.entries)
        XCTAssertEqual(manifest.entries.first?.recording, "Actor_01/03-02-01-01-01-01-01")
        XCTAssertTrue(manifest.entries.allSatisfy { $0.sampleRate == 48000 })
    }

    /// A temporary copy of five real recordings, checked against their manifest lines:
    /// one truncated, one deleted, one stray file added. All three are named.
    func testNamesTruncatedMissingAndUnexpectedFiles() throws {
        let corpus = try ReferencePaths.corpus()
        let entries = Array(try projectManifest.entries.filter { $0.recording.hasPrefix("Actor_02/") }.prefix(5))
        XCTAssertEqual(entries.count, 5)
        let copy = try TemporaryFolder()
        for entry in entries {
            let target = copy.url.appendingPathComponent(entry.recording + ".flac")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: corpus.appendingPathComponent(entry.recording + ".flac"), to: target)
        }
        let manifest = CorpusManifest(entries: entries)
        let clean = try manifest.verify(copy.url)
        XCTAssertTrue(clean.isClean, "\(clean)")
        XCTAssertEqual(clean.good, 5)

        let truncated = copy.url.appendingPathComponent(entries[1].recording + ".flac")
        let bytes = try Data(contentsOf: truncated)
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        try FileManager.default.removeItem(at: copy.url.appendingPathComponent(entries[3].recording + ".flac"))
        try copy.write("not a recording", to: "Actor_02/stray.txt")

        let calls = Counter()
        let report = try manifest.verify(copy.url) { _, _ in calls.add() }
        XCTAssertFalse(report.isClean)
        XCTAssertEqual(report.good, 3)
        XCTAssertEqual(report.missing, [entries[3].recording])
        XCTAssertEqual(report.corrupt.map(\.path), [entries[1].recording + ".flac"])
        XCTAssertTrue(report.corrupt[0].reason.hasPrefix("truncated: \(bytes.count / 2) of \(bytes.count) bytes"), report.corrupt[0].reason)
        XCTAssertEqual(report.unexpected, ["Actor_02/stray.txt"])
        XCTAssertEqual(calls.value, 4, "one progress call per recording file present")
    }

    /// A recording kept as the original WAV is accepted by the WAV hash. The content is
    /// "abc", whose SHA-256 is the FIPS 180-2 test vector.
    func testAcceptsTheOriginalWAVByItsHashAndRejectsOtherBytes() throws {
        let folder = try TemporaryFolder()
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let entry = CorpusManifest.Entry(recording: "Actor_01/03-02-01-01-01-01-01", flacSHA256: String(repeating: "0", count: 64),
                                         flacBytes: 1, wavSHA256: abc, frames: 1, sampleRate: 48000, channels: 1)
        try folder.write("abc", to: "Actor_01/03-02-01-01-01-01-01.wav")
        try folder.write("README", to: "README.md")
        XCTAssertTrue(try CorpusManifest(entries: [entry]).verify(folder.url).isClean)

        try folder.write("abd", to: "Actor_01/03-02-01-01-01-01-01.wav")
        let report = try CorpusManifest(entries: [entry]).verify(folder.url)
        XCTAssertEqual(report.corrupt.map(\.path), ["Actor_01/03-02-01-01-01-01-01.wav"])
        XCTAssertEqual(report.good, 0)
    }

    func testManifestErrorsNameTheLine() throws {
        let header = CorpusManifest.columns.joined(separator: "\t")
        XCTAssertThrowsError(try CorpusManifest(parsing: "# c\n\(header)\nActor_01/x\tzz\t1\tzz\t1\t1\t1\n", file: "m.tsv")) { error in
            XCTAssertEqual((error as? ManifestError)?.line, 3)
            XCTAssertTrue("\(error)".hasPrefix("m.tsv:3: flac_sha256 'zz'"), "\(error)")
        }
        XCTAssertThrowsError(try CorpusManifest(parsing: "path\tsha\n", file: "m.tsv")) { error in
            XCTAssertEqual((error as? ManifestError)?.line, 1)
        }
        let manifest = try projectManifest
        let reread = try CorpusManifest(parsing: manifest.tsv(comment: "round trip"), file: "copy")
        XCTAssertEqual(reread.entries, manifest.entries)
    }

    /// A manifest saved with Windows line ends reads as the same manifest ("\r\n" is
    /// one Character in Swift, so splitting on "\n" alone would see one long line).
    func testAManifestWithCRLFLineEndsReadsTheSame() throws {
        let manifest = try projectManifest
        let crlf = manifest.tsv(comment: "saved on Windows").replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try CorpusManifest(parsing: crlf, file: "crlf.tsv").entries, manifest.entries)
        let header = CorpusManifest.columns.joined(separator: "\t")
        XCTAssertThrowsError(try CorpusManifest(parsing: "# c\r\n\(header)\r\nActor_01/x\tzz\t1\tzz\t1\t1\t1\r\n", file: "m.tsv")) {
            XCTAssertEqual(($0 as? ManifestError)?.line, 3)
        }
    }
}
