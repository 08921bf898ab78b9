import XCTest
import LessonFormat
import NumPy
import TestSupport
@testable import Notebook

/// `nb.cached`: invalidated by the step's code, an input file and a parameter; not by prose;
/// ignored with --no-cache; written atomically.
final class ValueCacheTests: XCTestCase {
    var folder: URL!
    var input: URL!

    override func setUpWithError() throws {
        folder = try TestEnvironment.temporaryFolder()
        input = folder.appendingPathComponent("input.txt")
        try "first".write(to: input, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func lesson(prose: String = "Some prose.", code: String = "let v = try nb.cached(\"v\") { [1.0, 2.0] }") -> String {
        "# Cache\n\n\(prose)\n\n```swift step=s\n\(code)\n```\n"
    }

    /// Runs a one-step lesson whose body reads parameter `p` and caches `v`; returns whether
    /// `v` came from the cache and the value.
    private func run(_ markdown: String, parameters: [String: String] = [:], useCache: Bool = true) throws -> (hit: Bool, value: [Double]) {
        let input = self.input!
        var value: [Double] = []
        let entry = LessonEntry(name: "cache", path: "lessons/cache.md", markdown: markdown) { nb in
            try nb.beginStep("s")
            let p = try nb.param("p", default: 2.0)
            value = try nb.cached("v", inputs: [input]) { [1.0, p] }
            try nb.endLesson()
        }
        var uses: [CacheUse] = []
        let options = ExecutionOptions(parameters: parameters, useCache: useCache, cacheRoot: folder, version: "test")
        try LessonExecution.run(entry, options: options, captureURL: nil) { event in
            if case .stepFinished(let report, _) = event { uses += report.cache }
        }
        XCTAssertEqual(uses.count, 1)
        return (uses.first?.hit ?? false, value)
    }

    /// Two runs at once that want the same entry: one computes while the other waits on
    /// the entry's lock (and says so, for `--jobs`), then loads what the first stored.
    func testConcurrentRunsComputeASharedValueOnce() throws {
        let cache = ValueCache(root: folder, lesson: "shared", enabled: true)
        let computations = Counter()
        let results = Counter()
        let waits = Counter(), resumes = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let value = try? cache.withLock(name: "features", waiting: { $0 ? waits.add() : resumes.add() }) { () -> [Double] in
                if let stored = try cache.lookup([Double].self, name: "features", key: "k").value { return stored }
                computations.add()
                Thread.sleep(forTimeInterval: 0.2)  // long enough for the others to arrive
                try cache.store([4.0, 2.0], name: "features", key: "k")
                return [4.0, 2.0]
            }
            if value == [4.0, 2.0] { results.add() }
        }
        XCTAssertEqual(computations.value, 1, "computed once")
        XCTAssertEqual(results.value, 4, "every run got the value")
        XCTAssertGreaterThanOrEqual(waits.value, 1, "a run that found the entry locked said it waits")
        XCTAssertEqual(waits.value, resumes.value, "every wait ends")
    }

    /// An entry nobody else holds is taken without a wait.
    func testUncontendedLockDoesNotWait() throws {
        let cache = ValueCache(root: folder, lesson: "shared", enabled: true)
        var calls: [Bool] = []
        let value = try cache.withLock(name: "alone", waiting: { calls.append($0) }) { 42 }
        XCTAssertEqual(value, 42)
        XCTAssertEqual(calls, [])
    }

    func testSecondRunLoadsFromTheCache() throws {
        XCTAssertFalse(try run(lesson()).hit)
        let second = try run(lesson())
        XCTAssertTrue(second.hit)
        XCTAssertEqual(second.value, [1.0, 2.0])
        // Stored as NumPy .npy, one entry for the name.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("values/cache").path)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasPrefix("v-") && files[0].hasSuffix(".npy"), files[0])
    }

    func testEditingProseKeepsTheCache() throws {
        _ = try run(lesson())
        XCTAssertTrue(try run(lesson(prose: "Rewritten prose, a new paragraph.\n\n## And a heading")).hit)
    }

    func testEditingTheStepInvalidates() throws {
        _ = try run(lesson())
        XCTAssertFalse(try run(lesson(code: "let v = try nb.cached(\"v\") { [1.0, 3.0] }")).hit)
    }

    func testChangingAnInputFileInvalidates() throws {
        _ = try run(lesson())
        try "second".write(to: input, atomically: true, encoding: .utf8)
        XCTAssertFalse(try run(lesson()).hit)
        XCTAssertTrue(try run(lesson()).hit)
    }

    func testChangingAParameterInvalidates() throws {
        _ = try run(lesson())
        // Giving the default explicitly is the same value, so the same entry.
        XCTAssertTrue(try run(lesson(), parameters: ["p": "2.0"]).hit)
        let changed = try run(lesson(), parameters: ["p": "5"])
        XCTAssertFalse(changed.hit)
        XCTAssertEqual(changed.value, [1.0, 5.0])
        XCTAssertTrue(try run(lesson(), parameters: ["p": "5"]).hit)
    }

    func testNoCacheRecomputes() throws {
        _ = try run(lesson())
        XCTAssertFalse(try run(lesson(), useCache: false).hit)
    }

    func testLeftoverTemporaryFileIsNeverTrusted() throws {
        _ = try run(lesson())
        let values = folder.appendingPathComponent("values/cache")
        let entry = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: values.path).first)
        // An interrupted write leaves only a temporary file; the entry itself is missing.
        try FileManager.default.moveItem(at: values.appendingPathComponent(entry), to: values.appendingPathComponent(".tmp-1-x.npy"))
        XCTAssertFalse(try run(lesson()).hit)
        // A truncated entry (written by something else) is recomputed, not trusted.
        try Data([0x93]).write(to: values.appendingPathComponent(entry))
        let result = try run(lesson())
        XCTAssertFalse(result.hit)
        XCTAssertEqual(result.value, [1.0, 2.0])
    }

    func testCodableValuesAreStoredAsJSON() throws {
        struct Summary: Codable, Equatable { var name: String; var count: Int }
        let entry = LessonEntry(name: "json", path: "lessons/json.md", markdown: "```swift step=s\nx\n```\n") { nb in
            try nb.beginStep("s")
            let summary: Summary = try nb.cached("summary") { Summary(name: "a", count: 3) }
            XCTAssertEqual(summary, Summary(name: "a", count: 3))
            try nb.endLesson()
        }
        let options = ExecutionOptions(cacheRoot: folder, version: "test")
        for _ in 0..<2 { try LessonExecution.run(entry, options: options, captureURL: nil) { _ in } }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("values/json").path)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasSuffix(".json"))
    }

    /// Two steps caching one name would each replace the other's entry (one entry per
    /// name) and both recompute on every run: the second step fails, naming both.
    func testASecondStepCachingTheSameNameFailsNamingBoth() throws {
        let markdown = "```swift step=first\nx\n```\n\n```swift step=second\ny\n```\n"
        let entry = LessonEntry(name: "dup", path: "lessons/dup.md", markdown: markdown) { nb in
            try nb.beginStep("first")
            _ = try nb.cached("dup") { [1.0] }
            _ = try nb.cached("dup") { [1.0] }  // the same step again finds its own entry
            try nb.beginStep("second")
            _ = try nb.cached("dup") { [2.0] }
            try nb.endLesson()
        }
        var reports: [StepReport] = []
        try LessonExecution.run(entry, options: ExecutionOptions(cacheRoot: folder, version: "test"), captureURL: nil) { event in
            if case .stepFinished(let report, _) = event { reports.append(report) }
        }
        XCTAssertEqual(reports.map(\.status), [.ok, .failed])
        XCTAssertEqual(reports.first?.cache.map(\.hit), [false, true])
        let message = try XCTUnwrap(reports.last?.error?.message)
        XCTAssertTrue(message.hasPrefix("step 'second' caches a value named 'dup', as step 'first' did: give each step's value its own name"),
                      message)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("values/dup").path)
        XCTAssertEqual(files.count, 1, "the first step's entry is kept: \(files)")
    }

    /// Arrays go straight into the cache's temporary file: NPY.write's own atomic write
    /// made a second temporary file (`.dat.nosync…`) that a kill mid-write left behind.
    /// Written in place, the file keeps its inode; an atomic write replaces it.
    func testArraysAreWrittenStraightIntoTheGivenFile() throws {
        let file = folder.appendingPathComponent(".tmp-1-x.npy")
        for save in [{ try NPYArray(float64: [1, 2]).save(to: file) }, { try [1.0, 2.0].save(to: file) }] {
            try Data("old".utf8).write(to: file)
            var before = stat(), after = stat()
            XCTAssertEqual(stat(file.path, &before), 0)
            try save()
            XCTAssertEqual(stat(file.path, &after), 0)
            XCTAssertEqual(before.st_ino, after.st_ino, "written in place")
            XCTAssertEqual(try NPY.read(contentsOf: file).doubles, [1, 2])
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), [".tmp-1-x.npy", "input.txt"])
    }

    func testVersionIsPartOfTheKey() throws {
        let a = try ValueCache.key(name: "v", stepSource: "x", inputs: [], parameters: [:], version: "1")
        let b = try ValueCache.key(name: "v", stepSource: "x", inputs: [], parameters: [:], version: "2")
        XCTAssertNotEqual(a, b)
    }
}

/// The names `cache list` shows for ValueCache's files.
final class CacheInventoryNameTests: XCTestCase {
    func testValueNamesDropTheKey() {
        XCTAssertEqual(CacheInventory.valueName("trained-si-9283c75ade4aea29e2d88461f2a2ef60.npz"), "trained-si")
        XCTAssertEqual(CacheInventory.valueName("total-dad1f9fe0eae9ad67b5e110d59748ada.npy"), "total")
        XCTAssertEqual(CacheInventory.valueName("odd-name.npy"), "odd-name", "no 32-digit key: the whole stem")
    }
}

/// `ParameterTypes`: the up-front check parses as `nb.param` will.
final class ParameterTypesTests: XCTestCase {
    /// A name given twice with different values is refused, naming both; the same value
    /// twice (a script that adds a default) is one assignment.
    func testANameGivenTwoValuesIsRefused() throws {
        XCTAssertEqual(try ParameterAssignments.parse(["seed=1", "epochs=5", "seed=1"]), ["seed": "1", "epochs": "5"])
        XCTAssertThrowsError(try ParameterAssignments.parse(["seed=1", "seed=2"])) { error in
            XCTAssertEqual("\(error)", "--param seed is given twice, as '1' and as '2': give it once")
        }
        XCTAssertThrowsError(try ParameterAssignments.parse(["seed"])) { error in
            XCTAssertTrue("\(error)".contains("write NAME=VALUE"), "\(error)")
        }
    }

    func testValuesAreCheckedAsTheirTypesParse() {
        XCTAssertEqual(ParameterTypes.accepts("-1", typeNamed: "UInt64"), false)
        XCTAssertEqual(ParameterTypes.accepts("7", typeNamed: "UInt64"), true)
        XCTAssertEqual(ParameterTypes.accepts("2", typeNamed: "Double"), true)
        XCTAssertEqual(ParameterTypes.accepts("yes", typeNamed: "Bool"), true)
        XCTAssertEqual(ParameterTypes.accepts("maybe", typeNamed: "Bool"), false)
        XCTAssertEqual(ParameterTypes.accepts("1.5", typeNamed: "Int"), false)
        XCTAssertNil(ParameterTypes.accepts("x", typeNamed: "Folder"), "an unknown type is not checked")
    }

    /// The `in: N...` bounds are read from the code, and compared as the parameter's type.
    func testLowerBoundsAreReadFromTheCodeAndComparedAsTheType() throws {
        let code = """
            let epochs = try nb.param("epochs", default: 100, in: 1...)
            let rate = try nb.param( "rate" , default: 0.5, in: 0.25... )
            let plain = try nb.param("plain", default: 3)
            let computed = try nb.param("computed", default: 3, in: minimum...)
            // let old = try nb.param("old", default: 100, in: 5...)
            let again = try nb.param("epochs", default: 100, in: 3...)  // the larger bound holds
            let lower = try nb.param("epochs", default: 100, in: 2...)
            """
        let lesson = try LessonEntry(name: "bounds", path: "lessons/bounds.md", markdown: "```swift step=s\n\(code)\n```\n") { _ in }
            .document()
        XCTAssertEqual(lesson.parameterLowerBounds, ["epochs": "3", "rate": "0.25"])
        XCTAssertEqual(ParameterTypes.isBelow("0", bound: "1", typeNamed: "Int"), true)
        XCTAssertEqual(ParameterTypes.isBelow("1", bound: "1", typeNamed: "Int"), false)
        XCTAssertEqual(ParameterTypes.isBelow("0.2", bound: "0.25", typeNamed: "Double"), true)
        XCTAssertEqual(ParameterTypes.isBelow("1", bound: "0.25", typeNamed: "Double"), false)
        XCTAssertNil(ParameterTypes.isBelow("yes", bound: "true", typeNamed: "Bool"), "no order to check")
    }

    /// A lesson whose own default is below its bound says so, instead of blaming a
    /// `--param` nobody gave; a given value is named as given.
    func testADefaultBelowItsBoundIsNotBlamedOnAParam() throws {
        let folder = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var messages: [String] = []
        let entry = LessonEntry(name: "bounded", path: "lessons/bounded.md", markdown: "```swift step=s\nx\n```\n") { nb in
            try nb.beginStep("s")
            _ = try nb.param("bounded", default: 5, in: 10...)
            try nb.endLesson()
        }
        for parameters in [[:], ["bounded": "7"]] {
            try LessonExecution.run(entry, options: ExecutionOptions(parameters: parameters, cacheRoot: folder, version: "test"), captureURL: nil) { event in
                if case .stepFinished(let report, _) = event, let error = report.error { messages.append(error.message) }
            }
        }
        XCTAssertEqual(messages, ["parameter 'bounded' must be at least 10, not 5 (the lesson's default; no --param bounded was given)",
                                  "parameter 'bounded' must be at least 10, not 7 (from --param bounded=7)"])
    }
}
