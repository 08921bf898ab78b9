import Foundation
import NumPy

/// What the corpus should hold: each recording's path stem and the SHA-256 of the two
/// forms it may be kept in, the FLAC the shared copy uses and the original WAV from the
/// Zenodo zip. Kept in the project as `data/MANIFEST.tsv`.
///
/// File format: UTF-8, tab-separated, `#` comment lines, then a header line
/// `recording  flac_sha256  flac_bytes  wav_sha256  frames  sample_rate  channels`
/// and one line per recording, `recording` being the relative path without extension
/// (`Actor_01/03-02-01-01-01-01-01`).
public struct CorpusManifest: Sendable {
    public struct Entry: Equatable, Sendable {
        /// Relative path without extension, `/`-separated.
        public let recording: String
        public let flacSHA256: String
        public let flacBytes: Int64
        public let wavSHA256: String
        public let frames: Int
        public let sampleRate: Int
        public let channels: Int

        public init(recording: String, flacSHA256: String, flacBytes: Int64, wavSHA256: String,
                    frames: Int, sampleRate: Int, channels: Int) {
            self.recording = recording
            self.flacSHA256 = flacSHA256
            self.flacBytes = flacBytes
            self.wavSHA256 = wavSHA256
            self.frames = frames
            self.sampleRate = sampleRate
            self.channels = channels
        }
    }

    public static let columns = ["recording", "flac_sha256", "flac_bytes", "wav_sha256", "frames", "sample_rate", "channels"]

    /// Entries in file order (sorted by `recording`).
    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The manifest committed with the project, `data/MANIFEST.tsv`, as compiled into the
    /// library at build time (the EmbedManifest plugin): it needs no file at run time, so a
    /// binary copied away from its checkout still verifies the recordings.
    public static let project: CorpusManifest = {
        do {
            return try CorpusManifest(parsing: EmbeddedManifest.text, file: projectManifestName)
        } catch {
            // The build embeds the committed file, which the tests parse: a failure here is
            // a broken build, not bad input.
            fatalError("the built-in manifest does not parse: \(error)")
        }
    }()

    /// How the built-in manifest is named in messages.
    public static let projectManifestName = "data/MANIFEST.tsv (built in)"

    /// Reads and checks a manifest file.
    /// - Throws: `ManifestError` naming the file and line of the first problem.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ManifestError(file: url.path, line: nil, reason: "cannot read it: \(IOFailure.reason(of: error))")
        }
        try self.init(parsing: text, file: url.path)
    }

    /// Parses manifest text; `file` names it in errors.
    public init(parsing text: String, file: String) throws {
        var entries: [Entry] = []
        var sawHeader = false
        var seen = Set<String>()
        for (index, line) in text.textLines().enumerated() {
            let lineNumber = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func fail(_ reason: String) -> ManifestError { ManifestError(file: file, line: lineNumber, reason: reason) }
            if !sawHeader {
                guard cells == Self.columns else {
                    throw fail("header is \(cells.joined(separator: " | ")); expected \(Self.columns.joined(separator: " | "))")
                }
                sawHeader = true
                continue
            }
            guard cells.count == Self.columns.count else {
                throw fail("has \(cells.count) columns; expected \(Self.columns.count)")
            }
            func isHex64(_ s: String) -> Bool { s.count == 64 && s.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
            func integer(_ column: Int) throws -> Int64 {
                guard let value = Int64(cells[column]), value >= 0 else {
                    throw fail("\(Self.columns[column]) '\(cells[column])' is not a non-negative integer")
                }
                return value
            }
            let recording = cells[0]
            guard !recording.isEmpty, !recording.hasPrefix("/"),
                  !recording.split(separator: "/").contains("..") else {
                throw fail("recording '\(recording)' is not a relative path inside the corpus")
            }
            guard seen.insert(recording).inserted else { throw fail("recording '\(recording)' is listed twice") }
            guard isHex64(cells[1]) else { throw fail("flac_sha256 '\(cells[1])' is not 64 lower-case hex digits") }
            guard isHex64(cells[3]) else { throw fail("wav_sha256 '\(cells[3])' is not 64 lower-case hex digits") }
            entries.append(Entry(recording: recording, flacSHA256: cells[1], flacBytes: try integer(2),
                                 wavSHA256: cells[3], frames: Int(try integer(4)),
                                 sampleRate: Int(try integer(5)), channels: Int(try integer(6))))
        }
        guard sawHeader else { throw ManifestError(file: file, line: nil, reason: "no header line") }
        self.entries = entries
    }

    /// The manifest as file text (header, then one line per entry), for writing subsets
    /// in tests and regenerating the project's copy.
    public func tsv(comment: String? = nil) -> String {
        var lines: [String] = []
        if let comment { lines += comment.split(separator: "\n").map { "# " + $0 } }
        lines.append(Self.columns.joined(separator: "\t"))
        for e in entries {
            lines.append([e.recording, e.flacSHA256, String(e.flacBytes), e.wavSHA256,
                          String(e.frames), String(e.sampleRate), String(e.channels)].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A manifest that cannot be used: which file, which line, why.
public struct ManifestError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let reason: String

    public var description: String {
        line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    }
}
