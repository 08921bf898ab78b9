import Foundation
import Notebook
import Testing

/// Every lesson in `lessons/` is a regression test: one test case per lesson file, each
/// running `notebook test NAME` (the lesson in its own process, outputs checked against its
/// expected blocks). New lessons are picked up from the folder without editing this file.
/// The lessons run at once: most of their time is single-threaded training, so two cores
/// finish them sooner side by side. sd_fc and si_lstm share the corpus's features; the
/// value cache's entry lock makes the second wait for the first's extraction, not repeat it.
@Suite
struct LessonRegressionTests {
    /// The lesson names, from the files in lessons/ (README.md is the index, not a lesson).
    static let lessonNames: [String] = {
        let folder = TestEnvironment.packageRoot.appendingPathComponent("lessons")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test("lesson passes `notebook test`", arguments: lessonNames)
    func lessonPasses(_ name: String) throws {
        let binary = TestEnvironment.productsFolder.appendingPathComponent("notebook")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the notebook executable first (swift build)")
        let list = try TestEnvironment.run(binary, ["list"])
        try #require(list.output.contains(name), "lessons/\(name).md is not compiled into notebook: add its target and registry entry (docs/lesson-format.md)")
        // A step that hangs fails after ten minutes instead of holding CI until its job
        // is killed; the longest step takes well under a minute here.
        let result = try TestEnvironment.run(binary, ["test", name, "--step-timeout", "600"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasSuffix("1 passed, 0 failed\n"), "\(result.output)")

        // What the steps printed must read in an 80-column terminal without wrapping.
        // A path (the reader's own corpus folder, say) counts as one column: its length
        // is not the lesson's to choose.
        let cache = TestEnvironment.packageRoot.appendingPathComponent(".cache")
        let report = try #require(try ReportStore.load(name, cacheRoot: cache), "no stored run of \(name) in \(cache.path)")
        for step in report.steps {
            for line in step.outputs.flatMap({ $0.checkedText.split(separator: "\n") }) {
                let measured = line.replacing(#/(^|[\s(])\/\S+/#) { $0.output.1 + "/" }
                #expect(measured.count <= 80, "lessons/\(name).md step \(step.id) prints a line of \(line.count) columns: \(line)")
            }
        }
    }
}
