import XCTest
@testable import LessonFormat

/// The tangled Swift: steps in order in one function, imports hoisted, every block under a
/// `#sourceLocation` naming its Markdown line, and compiler errors reported at that line.
final class TanglerTests: XCTestCase {
    let source = """
        # Broken on purpose

        ```swift step=one
        import Foundation
        let x = 1
        ```

        Prose between steps.

        ```swift step=two
        let y: String = x + 1
        ```

        """

    func testStepsInOrderWithSourceLocationsAndHoistedImports() throws {
        let swift = Tangler.swiftSource(for: try Lesson.parse(source, path: "lessons/broken.md"))
        let lines = swift.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The import is at file scope, under the location of its Markdown line...
        let importLine = try XCTUnwrap(lines.firstIndex(of: "import Foundation"))
        XCTAssertEqual(lines[importLine - 1], "#sourceLocation(file: \"lessons/broken.md\", line: 4)")
        XCTAssertLessThan(importLine, try XCTUnwrap(lines.firstIndex { $0.hasPrefix("private func lessonBody") }))
        // ...and blanked in its step, so `let x` keeps line 5.
        let one = try XCTUnwrap(lines.firstIndex(of: "    try nb.beginStep(\"one\")"))
        XCTAssertEqual(Array(lines[(one + 1)...(one + 4)]),
                       ["#sourceLocation(file: \"lessons/broken.md\", line: 4)", "", "let x = 1", "#sourceLocation()"])
        let two = try XCTUnwrap(lines.firstIndex(of: "    try nb.beginStep(\"two\")"))
        XCTAssertGreaterThan(two, one)
        XCTAssertEqual(lines[two + 1], "#sourceLocation(file: \"lessons/broken.md\", line: 11)")
        XCTAssertTrue(swift.contains("    try nb.endLesson()\n}"))
    }

    func testImportRecognition() {
        XCTAssertTrue(Tangler.isImport("import Foundation"))
        XCTAssertTrue(Tangler.isImport("  @testable import Learn"))
        XCTAssertTrue(Tangler.isImport("import struct Foundation.URL"))
        XCTAssertFalse(Tangler.isImport("let important = 1"))
        XCTAssertFalse(Tangler.isImport("// import Foundation"))
    }

    func testRawStringLiteralSurvivesQuotesHashesAndBackslashes() {
        let text = "a \"\"\"# b \\#(x) \"##\n"
        let literal = Tangler.rawStringLiteral(text)
        XCTAssertTrue(literal.hasPrefix("###\"\"\"\n"))
        XCTAssertTrue(literal.hasSuffix("\n\"\"\"###"))
    }

    /// Type-checks the tangled lesson against the built Notebook module with swiftc and
    /// checks that the error names the Markdown file and line.
    func testCompilerErrorPointsAtTheLessonLine() throws {
        let folder = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let swiftFile = folder.appendingPathComponent("broken.swift")
        try Tangler.swiftSource(for: try Lesson.parse(source, path: "lessons/broken.md"))
            .write(to: swiftFile, atomically: true, encoding: .utf8)
        let modules = TestEnvironment.productsFolder.appendingPathComponent("Modules")
        guard FileManager.default.fileExists(atPath: modules.appendingPathComponent("Notebook.swiftmodule").path) else {
            throw XCTSkip("no Notebook.swiftmodule in \(modules.path)")
        }
        let swiftc = try XCTUnwrap(Self.which("swiftc"))
        var arguments = ["-typecheck", "-I", modules.path, swiftFile.path]
        // The C modules the Notebook module depends on (cmark, the packages' shims).
        for mapFile in Self.moduleMaps() { arguments += ["-Xcc", "-fmodule-map-file=\(mapFile)"] }
        for flag in Self.cmarkIncludeFlags() { arguments += ["-Xcc", flag] }
        let result = try TestEnvironment.run(swiftc, arguments, in: folder)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("lessons/broken.md:11:19: error: cannot convert value of type 'Int' to specified type 'String'"),
                      result.output)
    }

    static func which(_ tool: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// cmark's `-I` flags from pkg-config, as SwiftPM found its header for the build:
    /// none on Linux (it is in /usr/include), Homebrew's folder on macOS, which clang does
    /// not search by default on Apple silicon (/opt/homebrew).
    static func cmarkIncludeFlags() -> [String] {
        guard let pkgConfig = which("pkg-config"),
              let result = try? TestEnvironment.run(pkgConfig, ["--cflags-only-I", "libcmark"]), result.status == 0 else { return [] }
        return result.output.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix("-I") }
    }

    static func moduleMaps() -> [String] {
        let root = TestEnvironment.packageRoot
        var maps: [String] = []
        // Dependencies are checked out in the scratch folder of the build that made these
        // tests (.build, or .build-test for scripts/test): the nearest ancestor of the
        // products folder that holds `checkouts`. Only that one: with a second build
        // folder's maps every package module would be defined twice.
        var scratch = TestEnvironment.productsFolder
        while scratch.path != "/", !FileManager.default.fileExists(atPath: scratch.appendingPathComponent("checkouts").path) {
            scratch.deleteLastPathComponent()
        }
        for base in [root.appendingPathComponent("Sources"), scratch.appendingPathComponent("checkouts")] {
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.lastPathComponent == "module.modulemap" && url.path.contains("/Sources/") {
                maps.append(url.path)
            }
        }
        return maps
    }
}
