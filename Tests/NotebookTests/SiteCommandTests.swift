import XCTest
import Notebook

/// `notebook site` and `notebook export --ipynb` through the built binary, on the demo lesson:
/// the first rendering runs the lesson, the next renders from the stored run, byte for byte.
final class SiteCommandTests: TemporaryFolderTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        setenv("SOURCE_DATE_EPOCH", "1790000000", 1)
    }

    override func tearDownWithError() throws {
        unsetenv("SOURCE_DATE_EPOCH")
        try super.tearDownWithError()
    }

    private var cache: String { folder.appendingPathComponent("cache").path }

    func testSiteRunsAMissingLessonOnceThenRendersFromTheStoredRun() throws {
        let out = folder.appendingPathComponent("site")
        let first = try TestEnvironment.notebook(["site", "demo", "--out", out.path, "--cache-dir", cache])
        XCTAssertEqual(first.status, 0, first.output)
        XCTAssertTrue(first.output.contains("demo: running, because it has no stored run"), first.output)
        let page = try String(contentsOf: out.appendingPathComponent("demo.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<pre class=\"out\">Hello from a step\n</pre>"))
        XCTAssertTrue(page.contains("<svg xmlns="), "the demo's plot is inline SVG")
        XCTAssertTrue(page.contains("<td class=\"num\">25</td>"), "the demo's table")
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("<time datetime=\"2026-09-21T"), "the generation time comes from SOURCE_DATE_EPOCH")

        let second = try TestEnvironment.notebook(["site", "demo", "--out", out.path, "--cache-dir", cache])
        XCTAssertEqual(second.status, 0, second.output)
        XCTAssertFalse(second.output.contains("running"), second.output)
        XCTAssertFalse(second.output.contains("warning"), "the index's links to the lessons left out are no mistake: \(second.output)")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("demo.html"), encoding: .utf8), page)
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8), index)
    }

    /// Ctrl-C while site runs a lesson: the run is not stored and, as the pages are made
    /// once every lesson has its run, none is written, which it says. A --param that is
    /// not NAME=VALUE is refused as a command line that does not parse.
    func testAnInterruptedSiteSaysNothingWasWritten() throws {
        let out = folder.appendingPathComponent("site")
        let (status, output) = try TestEnvironment.notebookInterrupted(
            ["site", "demo", "--param", "fault=hang", "--out", out.path, "--cache-dir", cache], after: 3)
        XCTAssertEqual(status, 130, output)
        XCTAssertTrue(output.contains("The interrupted run was not stored"), output)
        XCTAssertTrue(output.contains("Nothing was written to the output folder: it is made once every lesson has its run."), output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "no pages")
        let malformed = try TestEnvironment.notebook(["site", "demo", "--param", "fault", "--out", out.path, "--cache-dir", cache])
        XCTAssertEqual(malformed.status, 64, malformed.output)
        XCTAssertTrue(malformed.output.contains("--param 'fault': write NAME=VALUE"), malformed.output)
    }

    /// An output folder that is a file is refused before any lesson runs (and no run is stored).
    func testAnOutputFolderThatIsAFileIsRefusedBeforeRunning() throws {
        let file = folder.appendingPathComponent("taken")
        try Data("x".utf8).write(to: file)
        for command in [["site", "demo"], ["export", "--ipynb", "demo"]] {
            let result = try TestEnvironment.notebook(command + ["--out", file.path, "--cache-dir", cache])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.output.contains("--out \(file.path) is a file; give a folder"), result.output)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "no lesson ran")
        // A folder where a page or notebook goes would stop the command halfway, after the runs.
        let blocked = folder.appendingPathComponent("blocked")
        for (command, name) in [(["site", "demo"], "demo.html"), (["site", "demo"], "index.html"), (["export", "--ipynb", "demo"], "demo.ipynb")] {
            try FileManager.default.createDirectory(at: blocked.appendingPathComponent(name), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: blocked) }
            let result = try TestEnvironment.notebook(command + ["--out", blocked.path, "--cache-dir", cache])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.output.contains("\(blocked.appendingPathComponent(name).path) is a folder, where the command would write the file \(name)"),
                          result.output)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: blocked.path), [name], "nothing written")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "no lesson ran")
        // A --param no lesson reads is refused here too, before any lesson runs.
        let typo = try TestEnvironment.notebook(["site", "demo", "--param", "scales=2", "--out", folder.appendingPathComponent("out").path,
                                                 "--cache-dir", cache])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.output.contains("--param scales: lesson demo does not read it"), typo.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "no lesson ran")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "no folder made")
        // Pages never go into the cache folder, whose files are read back unchecked.
        let inCache = try TestEnvironment.notebook(["site", "demo", "--out", folder.appendingPathComponent("cache/runs").path,
                                                    "--cache-dir", cache])
        XCTAssertTrue(inCache.output.contains("is inside the cache folder (\(cache)); give a path outside it"), inCache.output)
        // A --lessons-dir that is not there would silently drop the README and the staleness checks.
        let noLessons = folder.appendingPathComponent("no-lessons").path
        for command in [["site", "demo"], ["export", "--ipynb", "demo"]] {
            let result = try TestEnvironment.notebook(command + ["--lessons-dir", noLessons, "--out", folder.appendingPathComponent("out").path,
                                                                 "--cache-dir", cache])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.output.contains("--lessons-dir \(noLessons) is not a folder"), result.output)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "no lesson ran")
    }

    /// A --param the stored run was not made with runs the lesson again: the page shows
    /// the figures asked for, not the stored run's.
    func testAParameterTheStoredRunDidNotUseRunsTheLessonAgain() throws {
        let out = folder.appendingPathComponent("site").path
        XCTAssertEqual(try TestEnvironment.notebook(["site", "demo", "--out", out, "--cache-dir", cache]).status, 0)
        XCTAssertFalse(try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains("<br>with "), "defaults only")
        let again = try TestEnvironment.notebook(["site", "demo", "--param", "scale=2", "--out", out, "--cache-dir", cache])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("demo: running, because its stored run was made with other parameters (scale=1.0)"),
                      again.output)
        let same = try TestEnvironment.notebook(["site", "demo", "--param", "scale=2", "--out", out, "--cache-dir", cache])
        XCTAssertFalse(same.output.contains("running"), same.output)
        // The pages say which figures came from a --param: they are not the lesson's own.
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("<br>with scale = 2.0</td>"), index)
        let page = try String(contentsOfFile: out + "/demo.html", encoding: .utf8)
        XCTAssertTrue(page.contains("scale = 2.0 (--param)"), page)
        XCTAssertFalse(page.contains("fault = none (--param)"), "a default is not marked")
    }

    func testAFailedStepIsShownWithItsLessonLine() throws {
        let run = try TestEnvironment.notebook(["run", "demo", "--param", "fault=throw", "--cache-dir", cache, "--quiet"])
        XCTAssertEqual(run.status, 1, run.output)
        let out = folder.appendingPathComponent("site")
        let site = try TestEnvironment.notebook(["site", "demo", "--no-run", "--out", out.path, "--cache-dir", cache])
        XCTAssertEqual(site.status, 0, site.output)
        let page = try String(contentsOf: out.appendingPathComponent("demo.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<section class=\"step failed\" id=\"step-fault\">"))
        XCTAssertNotNil(page.range(of: "<strong>Error</strong> at <code>lessons/demo.md:[0-9]+:1</code>: the demo step failed on purpose",
                                   options: .regularExpression))
        XCTAssertTrue(page.contains("not run: step &#39;fault&#39; failed"))
    }

    func testExportWritesANotebookWithTheRunsOutputs() throws {
        let out = folder.appendingPathComponent("notebooks")
        let result = try TestEnvironment.notebook(["export", "--ipynb", "demo", "--out", out.path, "--cache-dir", cache])
        XCTAssertEqual(result.status, 0, result.output)
        let data = try Data(contentsOf: out.appendingPathComponent("demo.ipynb"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        let outputs = cells.flatMap { ($0["outputs"] as? [[String: Any]]) ?? [] }
        XCTAssertTrue(outputs.contains { ($0["text"] as? [String])?.first == "Hello from a step\n" })
        XCTAssertTrue(outputs.contains { (($0["data"] as? [String: Any])?["image/svg+xml"]) != nil })

        let missingFormat = try TestEnvironment.notebook(["export", "demo", "--out", out.path])
        XCTAssertNotEqual(missingFormat.status, 0)
        XCTAssertTrue(missingFormat.output.contains("choose a format: --ipynb"), missingFormat.output)
    }
}
