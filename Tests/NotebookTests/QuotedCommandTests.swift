import Foundation
import TestSupport
import XCTest

/// The commands the project's Markdown quotes for a reader to type.
final class QuotedCommandTests: XCTestCase {
    /// `notebook train` has no default model, so a quoted one without --model fails as typed.
    func testQuotedTrainCommandsNameTheirModel() throws {
        let root = ReferencePaths.repositoryRoot
        let folders = ["lessons", "docs"].map { root.appendingPathComponent($0) }
        let files = try [root.appendingPathComponent("README.md")] + folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
                .map { folder.appendingPathComponent($0) }
        }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            // A quoted command may wrap onto the next line of its paragraph.
            for quoted in text.matches(of: #/`(notebook train\b[^`]*)`/#) {
                XCTAssertTrue(quoted.output.1.contains("--model"), "\(file.lastPathComponent): `\(quoted.output.1)` has no --model")
            }
        }
    }
}
