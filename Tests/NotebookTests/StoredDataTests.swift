import XCTest
import LessonFormat
import Learn
import LessonSupport
import NumPy
import TestSupport
@testable import Notebook

/// What the runner reads back from its own files when they are not what it wrote: cache
/// entries cut short, empty, of another type, a folder, unreadable, in a folder it cannot
/// write; stored runs empty, of an older format, a folder, unreadable. A cache entry that
/// does not read is a miss and computed again (that is what a user wants of a cache);
/// anything else is an error naming the file. Never a trap, never a value read wrongly.
final class StoredDataTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try TestEnvironment.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Cache entries

    /// Runs a one-step lesson caching `[1.5, 2.25]` as `v`; returns the step's report and
    /// how many times the value was computed.
    private func runCaching(cacheRoot: URL? = nil) throws -> (step: StepReport, computed: Int) {
        var computed = 0
        let entry = LessonEntry(name: "stored", path: "lessons/stored.md", markdown: "```swift step=s\nx\n```\n") { nb in
            try nb.beginStep("s")
            let value: [Double] = try nb.cached("v") { computed += 1; return [1.5, 2.25] }
            XCTAssertEqual(value, [1.5, 2.25], "never another value")
            try nb.endLesson()
        }
        var steps: [StepReport] = []
        try LessonExecution.run(entry, options: ExecutionOptions(cacheRoot: cacheRoot ?? folder, version: "test"), captureURL: nil) { event in
            if case .stepFinished(let report, _) = event { steps.append(report) }
        }
        return (try XCTUnwrap(steps.first), computed)
    }

    /// The entry `runCaching` stores.
    private func entryFile() throws -> URL {
        let values = folder.appendingPathComponent("values/stored")
        let names = try FileManager.default.contentsOfDirectory(atPath: values.path).filter { !ValueCache.isTemporary($0) }
        XCTAssertEqual(names.count, 1, "\(names)")
        return values.appendingPathComponent(try XCTUnwrap(names.first))
    }

    /// An entry cut short (a machine that stopped mid-write; a killed run leaves only a
    /// `.tmp-` file, as ValueCacheTests checks) or empty is a miss: computed again and
    /// replaced, so the next run finds it whole.
    func testACacheEntryCutShortOrEmptyIsComputedAgainAndReplaced() throws {
        XCTAssertEqual(try runCaching().computed, 1)
        let entry = try entryFile()
        let whole = try Data(contentsOf: entry)
        for damaged in [whole.prefix(whole.count - 4), whole.prefix(whole.count / 2), Data()] {
            try damaged.write(to: entry)
            let run = try runCaching()
            XCTAssertEqual(run.step.status, .ok)
            XCTAssertEqual(run.computed, 1, "a damaged entry of \(damaged.count) bytes is computed again")
            XCTAssertEqual(run.step.cache.map(\.hit), [false])
            XCTAssertEqual(try Data(contentsOf: entry), whole, "and replaced")
            XCTAssertEqual(try runCaching().computed, 0)
        }
    }

    /// An entry that is there but does not read is computed again, and the step's report
    /// says so, naming the entry and why, as the terminal shows it (`lesson:step`): it was
    /// done without a word, which hid a cache damaged run after run. Cut short, garbage,
    /// empty. A run stored whole, or before the reason was recorded, has no such field.
    func testAnEntryThatDoesNotReadIsNamedWithWhyWhenComputedAgain() throws {
        XCTAssertEqual(try runCaching().computed, 1)
        let entry = try entryFile()
        let whole = try Data(contentsOf: entry)
        let file = "values/stored/\(entry.lastPathComponent)"
        let damages = [(whole.prefix(whole.count - 4), "the data is truncated: the header promises 16 bytes, the file has 12"),
                       (Data("garbage\n".utf8), "not a NumPy .npy file (the magic string \\x93NUMPY is missing)"),
                       (Data(), "the file is empty")]
        for (damaged, reason) in damages {
            try damaged.write(to: entry)
            let run = try runCaching()
            XCTAssertEqual(run.computed, 1)
            XCTAssertEqual(run.step.cache, [CacheUse(name: "v", hit: false, file: file, entryNotUsed: reason)])
            let lines = TerminalReport.step(run.step, lesson: "stored", style: TerminalStyle(width: 80, color: false))
            XCTAssertTrue(lines.contains("\n      note: stored:s: cache entry \(file) could not be used, so 'v' was computed "
                                         + "again and stored: \(reason)\n"), lines)
            let again = try runCaching()
            XCTAssertEqual(again.step.cache, [CacheUse(name: "v", hit: true, file: file)])
            XCTAssertFalse(TerminalReport.step(again.step, style: TerminalStyle()).contains("note:"))
        }
        let stored = String(decoding: try ReportStore.encode(CacheUse(name: "v", hit: false, file: file)), as: UTF8.self)
        XCTAssertFalse(stored.contains("entryNotUsed"), "no reason, no field: \(stored)")
        XCTAssertEqual(try ReportStore.decoder().decode(CacheUse.self, from: Data(#"{"name": "v", "hit": false}"#.utf8)),
                       CacheUse(name: "v", hit: false))
    }

    /// The key does not name the value's type, so an entry may hold another element type
    /// or shape than the step now asks for (the step's code unchanged, a helper's return
    /// type changed). Read through `floats` or `doubles` it came back rounded or flattened;
    /// it is now a miss.
    func testACacheEntryOfAnotherTypeOrShapeIsAMiss() throws {
        let cache = ValueCache(root: folder, lesson: "typed", enabled: true)
        try cache.store([0.1, 1e-50], name: "v", key: "k")
        XCTAssertEqual(try cache.lookup([Double].self, name: "v", key: "k").value, [0.1, 1e-50])
        XCTAssertNil(try cache.lookup([Float].self, name: "v", key: "k").value, "float64 read as [Float] would round 0.1 and lose 1e-50")
        XCTAssertNil(try cache.lookup([Int].self, name: "v", key: "k").value)
        try cache.store(NPYArray(float64: [1, 2, 3, 4], shape: [2, 2]), name: "m", key: "k")
        XCTAssertNil(try cache.lookup([Double].self, name: "m", key: "k").value, "a matrix is not a flat array")
        XCTAssertEqual(try cache.lookup(NPYArray.self, name: "m", key: "k").value?.shape, [2, 2])
        try cache.store([3, 4] as [Int], name: "i", key: "k")
        XCTAssertNil(try cache.lookup([Float].self, name: "i", key: "k").value)
        XCTAssertEqual(try cache.lookup([Int64].self, name: "i", key: "k").value, [3, 4], "Int and Int64 are both int64")
    }

    /// A JSON entry holds one value in an array; another count is not what was written.
    func testAJSONEntryOfAnotherCountIsAMiss() throws {
        let file = folder.appendingPathComponent("entry.json")
        try Data("[1, 2]".utf8).write(to: file)
        XCTAssertThrowsError(try JSONStored<Int>.load(from: file))
        try Data("[]".utf8).write(to: file)
        XCTAssertThrowsError(try JSONStored<Int>.load(from: file))
        try Data("[7]".utf8).write(to: file)
        XCTAssertEqual(try JSONStored<Int>.load(from: file).value, 7)
        // Through the cache, each a miss that says why.
        let cache = ValueCache(root: folder, lesson: "json", enabled: true)
        let entry = cache.url(name: "n", key: "k", fileExtension: "json")
        try FileManager.default.createDirectory(at: entry.deletingLastPathComponent(), withIntermediateDirectories: true)
        for (text, reason) in [("[1, 2]", "it holds 2 values, not one"), ("garbage", "not JSON"), ("[\"seven\"]", "[0] is not Int")] {
            try Data(text.utf8).write(to: entry)
            XCTAssertEqual(try cache.lookup(JSONStored<Int>.self, name: "n", key: "k").unusableReason, reason, text)
        }
    }

    /// An entry that is a folder cannot be replaced: the step fails before computing,
    /// naming it (it failed after the computation, which can take an hour).
    func testACacheEntryThatIsAFolderFailsTheStepBeforeComputing() throws {
        _ = try runCaching()
        let entry = try entryFile()
        try FileManager.default.removeItem(at: entry)
        try FileManager.default.createDirectory(at: entry, withIntermediateDirectories: false)
        let run = try runCaching()
        XCTAssertEqual(run.step.status, .failed)
        XCTAssertEqual(run.computed, 0)
        let message = try XCTUnwrap(run.step.error?.message)
        XCTAssertTrue(message.contains(entry.path) && message.contains("is a folder"), message)
    }

    /// An entry this user cannot read is a miss; the entry is replaced (the folder is
    /// writable). Root reads any file, so this runs as another user only.
    func testAnUnreadableCacheEntryIsComputedAgain() throws {
        _ = try runCaching()
        let entry = try entryFile()
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: entry.path)
        try XCTSkipIf(FileManager.default.isReadableFile(atPath: entry.path), "this user reads any file (root)")
        let run = try runCaching()
        XCTAssertEqual(run.step.status, .ok)
        XCTAssertEqual(run.computed, 1)
        XCTAssertTrue(FileManager.default.isReadableFile(atPath: entry.path), "replaced")
    }

    /// A cache folder on a path this user cannot write: the step fails, naming the folder,
    /// rather than computing a value it cannot keep or trapping.
    func testACacheFolderThatCannotBeWrittenIsAnErrorNamingIt() throws {
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: cache.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cache.path) }
        try XCTSkipIf(FileManager.default.isWritableFile(atPath: cache.path), "this user writes any folder (root)")
        let run = try runCaching(cacheRoot: cache)
        XCTAssertEqual(run.step.status, .failed)
        XCTAssertEqual(run.computed, 0)
        let message = try XCTUnwrap(run.step.error?.message)
        XCTAssertTrue(message.contains(cache.path) && message.contains("Permission denied"), message)
    }

    /// Stores go through a temporary file renamed into place: none is left, and one that
    /// cannot be renamed onto its entry (a folder there) is removed.
    func testStoresLeaveNoTemporaryFile() throws {
        let cache = ValueCache(root: folder, lesson: "atomic", enabled: true)
        try cache.store([1.0], name: "v", key: "k")
        let values = folder.appendingPathComponent("values/atomic")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: values.path).filter(ValueCache.isTemporary), [])
        let other = cache.url(name: "w", key: "k", fileExtension: "npy")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: false)
        XCTAssertThrowsError(try cache.store([1.0], name: "w", key: "k")) { error in
            XCTAssertTrue("\(error)".contains(other.path), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: values.path).filter(ValueCache.isTemporary), [])
    }

    // MARK: Stored runs

    private func report(lesson: String = "demo") -> LessonReport {
        LessonReport(lesson: lesson, path: "lessons/\(lesson).md", title: "Demo", startedAt: Date(timeIntervalSince1970: 1_700_000_000),
                     duration: 1, parameters: [:],
                     steps: [StepReport(id: "a", title: nil, line: 3, status: .ok, outputs: [.text("1\n")])],
                     results: [], version: "test")
    }

    /// The error `ReportStore.load` gives for a runs/demo.json holding `data`.
    private func loadError(_ data: Data?) throws -> StoredRunError {
        let file = ReportStore.url(for: "demo", cacheRoot: folder)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data { try data.write(to: file) }
        do {
            _ = try ReportStore.load("demo", cacheRoot: folder)
        } catch let error as StoredRunError {
            XCTAssertEqual(error.path, file.path)
            XCTAssertTrue(error.description.hasPrefix(file.path + " "), error.description)
            return error
        }
        struct NoError: Error {}
        XCTFail("ReportStore.load read \(file.path) without an error")  // a failure, not a skip
        throw NoError()
    }

    func testAStoredRunSavesAndLoadsLeavingNoTemporaryFile() throws {
        try ReportStore.save(report(), cacheRoot: folder)
        XCTAssertEqual(try ReportStore.load("demo", cacheRoot: folder), report())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("runs").path), ["demo.json"])
        XCTAssertNil(try ReportStore.load("other", cacheRoot: folder))
    }

    /// A zero-byte or cut-short run (a machine that stopped as it was written) is named
    /// and said to be so, not dumped as a DecodingError.
    func testAnEmptyOrCutStoredRunIsAnErrorNamingIt() throws {
        XCTAssertEqual(try loadError(Data()).reason, "is empty")
        let whole = try ReportStore.encode(report())
        XCTAssertEqual(try loadError(whole.prefix(whole.count / 2)).reason,
                       "is not a stored run this notebook can read (not JSON): an older notebook wrote it, or it is damaged")
    }

    /// A run of an older format: what is missing or different, and where.
    func testAStoredRunOfAnOlderFormatSaysWhatDiffers() throws {
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: ReportStore.encode(report())) as? [String: Any])
        json["version"] = nil
        XCTAssertTrue(try loadError(JSONSerialization.data(withJSONObject: json)).reason.contains("(no 'version')"))
        var steps = try XCTUnwrap(json["steps"] as? [[String: Any]])
        json["version"] = "test"
        steps[0]["status"] = "passed"
        json["steps"] = steps
        let reason = try loadError(JSONSerialization.data(withJSONObject: json)).reason
        XCTAssertTrue(reason.contains("steps[0].status: "), reason)
        steps[0]["status"] = "ok"
        steps[0]["line"] = "3"
        json["steps"] = steps
        XCTAssertTrue(try loadError(JSONSerialization.data(withJSONObject: json)).reason.contains("(steps[0].line is not Int)"))
    }

    /// A folder where the run should be, or a file this user cannot read: the system's reason.
    func testAStoredRunThatIsAFolderOrUnreadableIsAnErrorNamingIt() throws {
        let file = ReportStore.url(for: "demo", cacheRoot: folder)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
        XCTAssertEqual(try loadError(nil).reason, "cannot be read: Is a directory")
        XCTAssertThrowsError(try ReportStore.save(report(), cacheRoot: folder)) { error in
            XCTAssertTrue("\(error)".contains(file.path), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path), ["demo.json"],
                       "no temporary file is left")
        try FileManager.default.removeItem(at: file)
        try ReportStore.save(report(), cacheRoot: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        if !FileManager.default.isReadableFile(atPath: file.path) {
            XCTAssertEqual(try loadError(nil).reason, "cannot be read: Permission denied")
        }
        // Through the command, as a user that cannot read it (nobody, when the tests run as root).
        let listed = try TestEnvironment.notebookUnprivileged(["cache", "list", "--cache-dir", folder.path])
        XCTAssertTrue(listed.output.contains("runs/demo.json: unreadable stored run: it cannot be read: Permission denied"),
                      listed.output)
    }

    /// An entry the running user cannot read is a miss through the command too: the lesson
    /// computes it again and replaces it. Run as nobody when the tests run as root.
    func testAnUnreadableCacheEntryIsComputedAgainByTheCommand() throws {
        let cache = folder.appendingPathComponent("cache")
        let first = try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path])
        XCTAssertTrue(first.output.contains("cache: total computed"), first.output)
        let values = cache.appendingPathComponent("values/demo")
        let entries = try FileManager.default.contentsOfDirectory(atPath: values.path).filter { $0.hasPrefix("total-") }
        let entry = values.appendingPathComponent(try XCTUnwrap(entries.first, "\(entries)"))
        // Everything writable by the other user (folders, the lock file), so it can lock
        // the entry and store the value again; then the entry unreadable.
        for case let path as String in FileManager.default.enumerator(atPath: cache.path)! + [""] {
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cache.appendingPathComponent(path).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: entry.path)
        let again = try TestEnvironment.notebookUnprivileged(["run", "demo", "--cache-dir", cache.path])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("cache: total computed"), "read as a miss and computed again:\n\(again.output)")
        XCTAssertTrue(again.output.contains("      note: demo:plot: cache entry values/demo/\(entry.lastPathComponent) could not be "
                                            + "used, so 'total' was computed again and stored: cannot read: Permission denied\n"),
                      again.output)
    }

    /// `cache list` reads every run: a damaged one is listed with its reason, and a
    /// temporary file a stopped write left among the runs is counted, not read as a run.
    func testTheInventoryListsDamagedRunsAndCountsTemporaryOnes() throws {
        try ReportStore.save(report(), cacheRoot: folder)
        let runs = folder.appendingPathComponent("runs")
        try Data().write(to: runs.appendingPathComponent("sd_fc.json"))
        try Data("{\"lesson\":".utf8).write(to: runs.appendingPathComponent(".tmp-1-x.json"))
        let inventory = try CacheInventory(root: folder)
        XCTAssertEqual(inventory.runs.map(\.lesson), ["demo"])
        XCTAssertEqual(inventory.unreadableRuns, [.init(file: "runs/sd_fc.json", reason: "is empty")])
        XCTAssertEqual(inventory.temporaryFiles, 1)
        XCTAssertEqual(inventory.temporaryBytes, 10)
    }

    // MARK: A lesson process's files

    /// The runner cuts a crashed step's output from the capture file at the offset its
    /// event gave. A negative one (a damaged events file) read the memory before the
    /// file's bytes into the report, or trapped: Data does not check a slice's lower bound.
    func testACaptureOffsetOutsideTheFileGivesNoText() throws {
        let capture = folder.appendingPathComponent("output.txt")
        try Data("abc\n".utf8).write(to: capture)
        XCTAssertEqual(LessonRunner.text(of: capture, from: 1), "bc\n")
        XCTAssertEqual(LessonRunner.text(of: capture, from: 4), "")
        for offset in [-2, -100, -100_000_000_000, 5, Int.max, Int.min] {
            XCTAssertEqual(LessonRunner.text(of: capture, from: offset), "", "offset \(offset)")
        }
    }

    // MARK: Trained models

    /// A cached model (`TrainedModel`, the lessons' `.npz`) is read only as it was written:
    /// a float64 weight would be rounded unseen, and sd_fc replays `accuracy[epoch]` for
    /// every epoch of `loss`, so a shorter curve trapped the lesson. Both are refused (the
    /// cache then trains again).
    func testATrainedModelIsReadOnlyAsItWasWritten() throws {
        let file = folder.appendingPathComponent("trained.npz")
        func write(kernel: NPYArray, accuracy: [Float]) throws {
            try NPZ.write([("dense/kernel", kernel), ("history/loss", try NPYArray(float32: [0.9, 0.5, 0.25])),
                           ("history/accuracy", try NPYArray(float32: accuracy)), ("history/seconds", try NPYArray(float64: [1, 1, 1]))],
                          to: file)
        }
        try write(kernel: NPYArray(float32: [1, 2, 3, 4], shape: [2, 2]), accuracy: [0.1, 0.5, 0.75])
        let model = try TrainedModel.load(from: file)
        XCTAssertEqual(model.epochs, 3)
        XCTAssertEqual(model.accuracy, [0.1, 0.5, 0.75])
        XCTAssertEqual(model.weights.map(\.name), ["dense/kernel"])
        try write(kernel: NPYArray(float32: [1, 2, 3, 4], shape: [2, 2]), accuracy: [0.1, 0.5])
        XCTAssertThrowsError(try TrainedModel.load(from: file)) { error in
            XCTAssertTrue("\(error)".contains("history/accuracy is <f4 shaped [2], not <f4 of 3 epochs"), "\(error)")
        }
        try write(kernel: NPYArray(float64: [0.1, 2, 3, 4], shape: [2, 2]), accuracy: [0.1, 0.5, 0.75])
        XCTAssertThrowsError(try TrainedModel.load(from: file)) { error in
            XCTAssertTrue("\(error)".contains("weight dense/kernel is <f8, not float32"), "\(error)")
        }
    }

    /// A model trained on speaker-normalised features says so in its entry (and only then
    /// has the extra array, so other entries keep their bytes); the mark is not a weight,
    /// and anything but int64 [1] holding 1 under its name is refused.
    func testASpeakerNormalizedModelIsMarked() throws {
        let net = try Sequential(inputShape: [3], layers: [Dense(2, activation: .softmax)], seed: 1)
        let history = try net.fit(try Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 1, 0]), [0, 1],
                                  options: FitOptions(epochs: 1, batchSize: 2, seed: 0))
        let plain = folder.appendingPathComponent("plain.npz"), marked = folder.appendingPathComponent("marked.npz")
        try TrainedModel(net, history: history).save(to: plain)
        try TrainedModel(net, history: history, speakerNormalized: true).save(to: marked)
        XCTAssertFalse(try TrainedModel.load(from: plain).speakerNormalized)
        XCTAssertEqual(try NPZ.read(contentsOf: plain).names.filter { $0.hasPrefix("inputs/") }, [])
        let loaded = try TrainedModel.load(from: marked)
        XCTAssertTrue(loaded.speakerNormalized)
        XCTAssertEqual(loaded.weights.map(\.name), try TrainedModel.load(from: plain).weights.map(\.name))
        let arrays = try NPZ.read(contentsOf: marked)
        let odd = try arrays.names.map { name in
            (name, name == "inputs/speaker_normalized" ? try NPYArray(int64: [2]) : try arrays.array(named: name))
        }
        try NPZ.write(odd, to: marked)
        XCTAssertThrowsError(try TrainedModel.load(from: marked)) { error in
            XCTAssertTrue("\(error)".contains("inputs/speaker_normalized is <i8 shaped [1], not int64 [1] holding 1"), "\(error)")
        }
    }
}
