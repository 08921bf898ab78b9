import Foundation
import TestSupport
import XCTest

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
        XCTAssertTrue(file.output.contains("--cache-dir \(keep.path) is a file, not a cache folder"), file.output)
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
        let listed = try TestEnvironment.notebook(["cache", "list", "--cache-dir", cache.path])
        XCTAssertEqual(listed.status, 0, listed.output)
        let lines = listed.output.split(separator: "\n").map(String.init)
        let value = try XCTUnwrap(lines.first { $0.hasPrefix("demo ") && $0.contains(" total ") }, listed.output)
        XCTAssertTrue(value.contains(" demo:plot ") && value.contains("values/demo/total-"), value)
        XCTAssertNotNil(lines.first { $0.hasPrefix("demo ") && $0.contains("fault=none scale=1.0") }, listed.output)
        XCTAssertTrue(listed.output.contains("1 temporary file(s), 0.0 MB, left by interrupted writes"), listed.output)
        XCTAssertTrue(listed.output.hasSuffix("1 value(s), 0.0 MB in \(cache.path)\n"), listed.output)
    }
}
