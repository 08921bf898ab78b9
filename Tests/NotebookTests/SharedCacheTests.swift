import Foundation
import XCTest

/// A cache folder that several users run lessons in: its lock files are another user's.
/// One this user may read but not write serves (flock needs an open file, not a writable
/// one); one this user cannot make fails the step with a message naming it and saying what
/// to do. Run as nobody when the tests run as root (as this user otherwise, whom a
/// read-only file or folder stops as well).
final class SharedCacheTests: TemporaryFolderTestCase {
    /// A cache `run demo` filled, made as a shared cache is: its folders and files readable
    /// and writable by all, but its lock files, which are read-only as another user's are
    /// (made 0644 under the usual umask).
    private func sharedCache() throws -> URL {
        let cache = folder.appendingPathComponent("cache")
        let run = try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        for case let path as String in FileManager.default.enumerator(atPath: cache.path)! + [""] {
            let url = cache.appendingPathComponent(path)
            try FileManager.default.setAttributes([.posixPermissions: url.pathExtension == "lock" ? 0o444 : 0o777], ofItemAtPath: url.path)
        }
        return cache
    }

    /// The step locks the whole cache and its entry, computes the value (removed) and
    /// stores it; the run is stored. It failed naming `.locks/cache.lock`.
    func testLockFilesThisUserCannotWriteServe() throws {
        let cache = try sharedCache()
        let values = cache.appendingPathComponent("values/demo"), run = cache.appendingPathComponent("runs/demo.json")
        for name in try FileManager.default.contentsOfDirectory(atPath: values.path) {
            try FileManager.default.removeItem(at: values.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: run)
        let again = try TestEnvironment.notebookUnprivileged(["run", "demo", "--cache-dir", cache.path, "--quiet"])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("✓ plot") && again.output.contains("cache: total computed"), again.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.path), "the run stored:\n\(again.output)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: values.path).filter { $0.hasPrefix("total-") }.count, 1)
    }

    /// A lock file that is not there, in a folder this user cannot write: the step fails
    /// naming the file, and says what would let it run.
    func testALockFileThisUserCannotMakeIsNamedWithWhatToDo() throws {
        let cache = try sharedCache()
        let locks = cache.appendingPathComponent("values/.locks")
        try FileManager.default.removeItem(at: locks.appendingPathComponent("demo-total.lock"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locks.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locks.path) }
        let run = try TestEnvironment.notebookUnprivileged(["run", "demo", "--cache-dir", cache.path, "--quiet"])
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.output.contains(
            "error: could not lock \(locks.path)/demo-total.lock: Permission denied. Every user of a cache folder needs to make "
            + "and open the lock files in \(locks.path): have its owner make that folder and its files readable and writable "
            + "by you (chmod -R a+rwX \(locks.path)), or give --cache-dir a folder of your own"), run.output)
    }
}
