import Foundation
import XCTest

/// The `Fingerprint` tool (run by the LibraryFingerprint build plugin) hashes the
/// libraries' sources into the project version, which keys every cached value: a change
/// to a library must change it, and nothing else may.
final class LibraryFingerprintTests: XCTestCase {
    private func tool() throws -> URL {
        let url = TestEnvironment.productsFolder.appendingPathComponent("Fingerprint")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("the Fingerprint tool is not built at \(url.path); run `swift build` first")
        }
        return url
    }

    /// Writes `files` (relative path → text) under a new folder and fingerprints them.
    private func fingerprint(_ files: [String: String], order: [String]? = nil) throws -> String {
        let root = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let output = root.appendingPathComponent("out/LibraryFingerprint.swift")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let paths = (order ?? files.keys.sorted()).map { root.appendingPathComponent($0).path }
        let result = try TestEnvironment.run(try tool(), [output.path, root.path] + paths)
        XCTAssertEqual(result.status, 0, result.output)
        let swift = try String(contentsOf: output, encoding: .utf8)
        let match = try XCTUnwrap(swift.firstMatch(of: try Regex(#"hash = "([0-9a-f]{32})""#)), swift)
        return String(try XCTUnwrap(match.output[1].substring))
    }

    func testTheHashFollowsTheSourcesOnly() throws {
        let sources = ["Learn/Adam.swift": "let a = 1\n", "Audio/STFT.swift": "let b = 2\n"]
        let base = try fingerprint(sources)
        XCTAssertEqual(try fingerprint(sources), base, "another folder (another clone) gives the same hash")
        XCTAssertEqual(try fingerprint(sources, order: ["Learn/Adam.swift", "Audio/STFT.swift"]), base,
                       "the order of the arguments does not matter")
        var edited = sources
        edited["Learn/Adam.swift"] = "let a = 2\n"
        XCTAssertNotEqual(try fingerprint(edited), base, "an edit changes it")
        XCTAssertNotEqual(try fingerprint(["Learn/Adam2.swift": "let a = 1\n", "Audio/STFT.swift": "let b = 2\n"]), base,
                          "a rename changes it")
        XCTAssertNotEqual(try fingerprint(["Learn/Adam.swift": "let a = 1\nlet b = 2\n", "Audio/STFT.swift": ""]), base,
                          "moving bytes between files changes it")
    }

    func testAnUnreadableFileFailsTheBuildStep() throws {
        let root = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("Learn/Missing.swift").path
        let result = try TestEnvironment.run(try tool(), [root.appendingPathComponent("out.swift").path, root.path, missing])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains(missing), result.output)
    }

    func testTheVersionCarriesTheFingerprint() throws {
        let result = try TestEnvironment.notebook(["--version"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertNotNil(result.output.wholeMatch(of: try Regex(#"\d+\.\d+\.\d+\+[0-9a-f]{12}\n?"#)), result.output)
    }
}
