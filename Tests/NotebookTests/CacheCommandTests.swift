import Foundation
import TestSupport
import XCTest
@testable import Notebook

/// `notebook cache clear` through the built binary.
final class CacheCommandTests: TemporaryFolderTestCase {
    /// Names are lessons (or `shared`), never paths: `..` once removed the folder the
    /// command ran in. Clearing one lesson keeps the others' entries.
    func testClearTakesOnlyLessonNamesAndKeepsTheOthers() throws {
        let cache = folder.appendingPathComponent("cache")
        let run = try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        let keep = cache.appendingPathComponent("values/sd_fc/keep.npy")
        try FileManager.default.createDirectory(at: keep.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: keep)

        for name in ["..", "../..", "sd-fc"] {
            let refused = try TestEnvironment.notebook(["cache", "clear", name, "--cache-dir", cache.path])
            XCTAssertNotEqual(refused.status, 0, name)
            XCTAssertTrue(refused.output.contains("no lesson named '\(name)'; lessons: sd_fc, ") && refused.output.contains(", demo, shared"), refused.output)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("runs/demo.json").path))

        let cleared = try TestEnvironment.notebook(["cache", "clear", "demo", "--cache-dir", cache.path])
        XCTAssertEqual(cleared.status, 0, cleared.output)
        XCTAssertEqual(cleared.output, "cleared demo in \(cache.path)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent("runs/demo.json").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent("values/demo").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: keep.path))

        let again = try TestEnvironment.notebook(["cache", "clear", "demo", "--cache-dir", cache.path])
        XCTAssertEqual(again.output, "nothing cached for demo in \(cache.path)\n")
        let file = try TestEnvironment.notebook(["cache", "clear", "--cache-dir", keep.path])
        XCTAssertNotEqual(file.status, 0)
        XCTAssertTrue(file.output.contains("--cache-dir \(keep.path) is a file; give a folder"), file.output)
    }

    /// Clearing where nothing is cached creates nothing (it made values/.locks/cache.lock,
    /// a whole cache folder, to say "nothing cached"); `list` refuses a file as `clear` does.
    func testClearCreatesNothingWhereNothingIsCachedAndListRefusesAFileAsClearDoes() throws {
        let missing = folder.appendingPathComponent("missing")
        let shared = try TestEnvironment.notebook(["cache", "clear", "shared", "--cache-dir", missing.path])
        XCTAssertEqual(shared.status, 0, shared.output)
        XCTAssertEqual(shared.output, "nothing cached for shared in \(missing.path)\n")
        let all = try TestEnvironment.notebook(["cache", "clear", "--cache-dir", missing.path])
        XCTAssertEqual(all.output, "nothing cached in \(missing.path)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path), "nothing created")

        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        for command in ["list", "clear"] {
            let result = try TestEnvironment.notebook(["cache", command, "--cache-dir", file.path])
            XCTAssertEqual(result.status, 1, "\(command): \(result.output)")
            XCTAssertTrue(result.output.contains("--cache-dir \(file.path) is a file; give a folder"), result.output)
        }
    }

    /// An unknown lesson ends `cache clear` and `predict --lesson` with the status `run` and `test` end with (1),
    /// not ArgumentParser's usage status (64).
    func testAnUnknownLessonEndsClearAsItEndsRun() throws {
        let cache = folder.appendingPathComponent("cache").path
        let clear = try TestEnvironment.notebook(["cache", "clear", "nope", "--cache-dir", cache])
        let run = try TestEnvironment.notebook(["run", "nope", "--cache-dir", cache])
        XCTAssertEqual(clear.status, 1, clear.output)
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(clear.output.contains("no lesson named 'nope'"), clear.output)
        let predict = try TestEnvironment.notebook(["predict", "--lesson", "nope", "x.flac", "--cache-dir", cache])
        XCTAssertEqual(predict.status, 1, predict.output)
        XCTAssertTrue(predict.output.contains("no lesson named 'nope'; lessons: sd_fc, "), predict.output)
        XCTAssertFalse(predict.output.contains("Usage:"), predict.output)
    }

    /// A stored run that does not read is listed as such: `clear` removes it, so `list`
    /// must not hide it.
    func testListShowsAnUnreadableStoredRun() throws {
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("runs"), withIntermediateDirectories: true)
        try Data("{ damaged".utf8).write(to: cache.appendingPathComponent("runs/demo.json"))
        let listed = try TestEnvironment.notebook(["cache", "list", "--cache-dir", cache.path])
        XCTAssertEqual(listed.status, 0, listed.output)
        XCTAssertTrue(listed.output.contains("runs/demo.json: unreadable stored run: it is not a stored run this notebook can read (not JSON)"), listed.output)
        XCTAssertTrue(listed.output.contains("notebook cache clear demo removes it"), listed.output)
        XCTAssertFalse(listed.output.contains("nothing cached"), listed.output)
    }

    /// While a run holds an entry's lock (it is computing the value), clearing the cache
    /// under it is refused, naming the entry. A run that has to wait for the lock says so
    /// rather than looking hung.
    func testClearIsRefusedWhileAValueIsBeingComputedAndAWaitingRunSaysSo() throws {
        let cache = folder.appendingPathComponent("cache")
        XCTAssertEqual(try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path, "--quiet"]).status, 0)
        // Hold demo's 'total' lock as a computing run does: the whole cache's shared, the
        // entry's exclusively.
        let whole = open(cache.appendingPathComponent("values/.locks/cache.lock").path, O_CREAT | O_RDWR, 0o644)
        XCTAssertEqual(flock(whole, LOCK_SH), 0)
        let lock = cache.appendingPathComponent("values/.locks/demo-total.lock").path
        let descriptor = open(lock, O_CREAT | O_RDWR, 0o644)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(flock(descriptor, LOCK_EX), 0)

        let refused = try TestEnvironment.notebook(["cache", "clear", "--cache-dir", cache.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("A notebook process is computing 'demo/total' in \(cache.path) right now; nothing cleared."),
                      refused.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("runs/demo.json").path))
        // Even another lesson's values wait: clearing holds the whole cache.
        XCTAssertNotEqual(try TestEnvironment.notebook(["cache", "clear", "sd_fc", "--cache-dir", cache.path]).status, 0)

        // A run needing the value waits, and says so, until the lock is released.
        let release = DispatchWorkItem { flock(descriptor, LOCK_UN); close(descriptor); close(whole) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 2, execute: release)
        let waited = try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path])
        release.wait()
        XCTAssertEqual(waited.status, 0, waited.output)
        XCTAssertTrue(waited.output.contains("waiting: another notebook process is computing the cached value 'total'"), waited.output)
        XCTAssertEqual(try TestEnvironment.notebook(["cache", "clear", "--cache-dir", cache.path]).status, 0)
        // The values go; the lock files stay, so a run holding one and the next run lock the same file.
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent("values/demo").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: lock))
    }

    /// `cache list`: each value with the stored run's step that used it, the runs, and
    /// what interrupted writes left.
    func testListShowsValuesTheRunsThatUseThemAndLeftovers() throws {
        let cache = folder.appendingPathComponent("cache")
        let empty = try TestEnvironment.notebook(["cache", "list", "--cache-dir", cache.path])
        XCTAssertEqual(empty.output, "nothing cached in \(cache.path)\n")

        XCTAssertEqual(try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path, "--quiet"]).status, 0)
        try Data("partial".utf8).write(to: cache.appendingPathComponent("values/demo/.tmp-1-x.npy"))
        // What Foundation's atomic write (inside NPZ.write, say) leaves when killed.
        try Data("partial".utf8).write(to: cache.appendingPathComponent("values/demo/.dat.nosync3C88.8nP3Wt"))
        let listed = try TestEnvironment.notebook(["cache", "list", "--cache-dir", cache.path])
        XCTAssertEqual(listed.status, 0, listed.output)
        let lines = listed.output.split(separator: "\n").map(String.init)
        let value = try XCTUnwrap(lines.first { $0.hasPrefix("demo ") && $0.contains(" total ") }, listed.output)
        XCTAssertTrue(value.contains(" demo:plot ") && value.contains("values/demo/total-"), value)
        XCTAssertNotNil(lines.first { $0.hasPrefix("demo ") && $0.contains("fault=none scale=1.0") }, listed.output)
        XCTAssertTrue(listed.output.contains("2 temporary file(s), 0.0 MB, left by interrupted writes"), listed.output)
        XCTAssertFalse(lines.contains { $0.hasPrefix("demo ") && $0.contains(" dat ") }, "not a value named 'dat': \(listed.output)")
        XCTAssertTrue(listed.output.hasSuffix("1 value(s), 0.0 MB in \(cache.path)\n"), listed.output)

        // Clearing another lesson removes them too (stale: clear holds the whole cache), and keeps demo's value.
        let cleared = try TestEnvironment.notebook(["cache", "clear", "sd_fc", "--cache-dir", cache.path])
        XCTAssertEqual(cleared.status, 0, cleared.output)
        XCTAssertEqual(cleared.output, "nothing cached for sd_fc in \(cache.path); removed 2 temporary file(s) that interrupted writes left\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("values/demo").path)
        XCTAssertEqual(left.count, 1, "\(left)")
        XCTAssertTrue(left.allSatisfy { $0.hasPrefix("total-") }, "\(left)")
    }

    /// Clearing one lesson removes what interrupted writes left among the stored runs
    /// too (they stayed until a full clear), and `list` counts them, an older notebook's
    /// `.dat.nosync…` as well: while clear holds the whole cache's lock, which every run
    /// holds shared while it writes, none of them is being written.
    func testClearingALessonRemovesLeftoverStoredRuns() throws {
        let cache = folder.appendingPathComponent("cache")
        XCTAssertEqual(try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path, "--quiet"]).status, 0)
        let runs = cache.appendingPathComponent("runs")
        try Data("{\"lesson\":".utf8).write(to: runs.appendingPathComponent(".tmp-1-x.json"))
        // What an older notebook's atomic write of a run (Foundation's) left when killed.
        try Data("{".utf8).write(to: runs.appendingPathComponent(".dat.nosync3C88.8nP3Wt"))
        let listed = try TestEnvironment.notebook(["cache", "list", "--cache-dir", cache.path])
        XCTAssertTrue(listed.output.contains("2 temporary file(s), 0.0 MB, left by interrupted writes"), listed.output)

        let cleared = try TestEnvironment.notebook(["cache", "clear", "sd_fc", "--cache-dir", cache.path])
        XCTAssertEqual(cleared.output, "nothing cached for sd_fc in \(cache.path); removed 2 temporary file(s) that interrupted writes left\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: runs.path), ["demo.json"], "demo's run kept")
    }

    /// A stored run being written when a clear comes (its temporary file there, not yet
    /// renamed into place) survives it: the writer holds the whole cache's lock shared, so
    /// a clear, of that lesson or of all, is refused, and the run is stored whole.
    func testAStoredRunBeingWrittenSurvivesAClear() throws {
        let cache = folder.appendingPathComponent("cache")
        let report = LessonReport(lesson: "demo", path: "lessons/demo.md", title: "Demo", startedAt: Date(timeIntervalSince1970: 1_700_000_000),
                                  duration: 1, parameters: [:], steps: [], results: [], version: "test")
        var during: [TestEnvironment.Result] = [], temporary: [String] = []
        try ReportStore.save(report, cacheRoot: cache) { data, file in
            try data.prefix(10).write(to: file)
            for clear in [["cache", "clear", "demo"], ["cache", "clear"]] {
                during.append(try TestEnvironment.notebook(clear + ["--cache-dir", cache.path]))
            }
            temporary = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
            try data.write(to: file)
        }
        for result in during {
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.output.contains("A notebook process is storing a value or a run in \(cache.path) right now; nothing cleared."),
                          result.output)
        }
        XCTAssertEqual(temporary.count, 1, "\(temporary)")
        XCTAssertTrue(temporary.allSatisfy { $0.hasPrefix(".tmp-") && $0.hasSuffix(".json") }, "\(temporary)")
        XCTAssertEqual(try ReportStore.load("demo", cacheRoot: cache), report)
    }
}
