import NumPy
import TestSupport
import XCTest

/// `notebook features` through the built binary: what a file it cannot read does to a run.
final class FeaturesCommandTests: TemporaryFolderTestCase {
    func testAnUnreadableFileStopsTheRunUnlessSkippedAndTheRestIsKept() throws {
        let corpus = try ReferencePaths.corpus()
        let good = corpus.appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        let bad = folder.appendingPathComponent("03-02-02-01-01-01-21.wav")  // a RAVDESS name, text inside
        try Data("not audio".utf8).write(to: bad)
        let x = folder.appendingPathComponent("x.npy"), y = folder.appendingPathComponent("y.npy")

        let stopped = try TestEnvironment.notebook(["features", good.path, bad.path, "--out", x.path, "--labels", y.path])
        XCTAssertNotEqual(stopped.status, 0)
        XCTAssertTrue(stopped.output.contains(bad.path), stopped.output)
        XCTAssertTrue(stopped.output.contains("No output written; use --skip-bad"), stopped.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: x.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: y.path))

        let skipped = try TestEnvironment.notebook(["features", bad.path, good.path, "--out", x.path, "--labels", y.path,
                                                    "--skip-bad"])
        XCTAssertEqual(skipped.status, 0, skipped.output)
        XCTAssertTrue(skipped.output.contains("skipped \(bad.path)"), skipped.output)
        XCTAssertTrue(skipped.output.contains("wrote 1 x 386 features to \(x.path) and 1 labels to \(y.path); 1 file(s) skipped"),
                      skipped.output)
        let features = try NPY.read(contentsOf: x)
        XCTAssertEqual(features.shape, [1, 386])
        XCTAssertTrue(features.doubles.allSatisfy(\.isFinite))
        XCTAssertEqual(try NPY.read(contentsOf: y).integers(), [0], "the good file is neutral (code 01)")

        // Nothing left: an error rather than an empty array, and the earlier output kept.
        let nothing = try TestEnvironment.notebook(["features", bad.path, "--out", x.path, "--skip-bad"])
        XCTAssertNotEqual(nothing.status, 0)
        XCTAssertTrue(nothing.output.contains("skipped \(bad.path)"), nothing.output)
        XCTAssertTrue(nothing.output.contains("No file left to write; no output written."), nothing.output)
        XCTAssertEqual(try NPY.read(contentsOf: x).shape, [1, 386])
    }

    /// --extra appends its groups after the 386 columns, which keep their values;
    /// --columns names every column.
    func testExtraGroupsFollowThe386AndColumnsNamesThemAll() throws {
        let recording = try ReferencePaths.corpus().appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        let plain = folder.appendingPathComponent("plain.npy"), extended = folder.appendingPathComponent("extended.npy")
        let names = folder.appendingPathComponent("columns.txt")
        let first = try TestEnvironment.notebook(["features", recording.path, "--out", plain.path])
        XCTAssertEqual(first.status, 0, first.output)
        let run = try TestEnvironment.notebook(["features", recording.path, "--out", extended.path,
                                                "--extra", "mfcc_delta,rms", "--columns", names.path])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("wrote 1 x 468 features to \(extended.path)"), run.output)
        XCTAssertTrue(run.output.contains("the 468 column names written to \(names.path)"), run.output)
        let x = try NPY.read(contentsOf: extended)
        XCTAssertEqual(x.shape, [1, 386 + 2 * 41])
        XCTAssertEqual(Array(x.doubles.prefix(386)), try NPY.read(contentsOf: plain).doubles)
        let lines = try String(contentsOf: names, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 468)
        XCTAssertEqual([lines[0], lines[385], lines[386], lines[426], lines[427], lines[467]],
                       ["mfcc_mean_0", "tonnetz_std_5", "mfcc_delta_mean_0", "rms_mean_0", "mfcc_delta_std_0", "rms_std_0"])

        let unknown = try TestEnvironment.notebook(["features", recording.path, "--out", extended.path, "--extra", "rms,centroid"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.output.contains("unknown extra feature \"centroid\"; known: rms, zero_crossing_rate"), unknown.output)
    }

    /// A folder is walked as the corpus is: macOS's hidden `._name.wav` companions and
    /// other hidden entries are not audio and are left out; a linked folder is followed.
    func testAFolderSkipsHiddenFilesAndFollowsLinkedFolders() throws {
        let corpus = try ReferencePaths.corpus()
        let recording = corpus.appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        let input = folder.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("Mac OS X resource fork".utf8).write(to: input.appendingPathComponent("._03-02-01-01-01-01-21.flac"))
        try FileManager.default.createSymbolicLink(at: input.appendingPathComponent("Actor_21"),
                                                   withDestinationURL: recording.deletingLastPathComponent())
        let x = folder.appendingPathComponent("x.npy")
        let run = try TestEnvironment.notebook(["features", input.path, "--out", x.path])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(try NPY.read(contentsOf: x).shape, [44, 386], "actor 21's 44 recordings through the link, nothing else")
    }

    /// A recording reached twice, through its folder and by name or by another spelling
    /// of its path, is one row: twice, it would weigh double in its singer's statistics.
    func testAFileNamedTwiceIsAnalysedOnce() throws {
        let actor = try ReferencePaths.corpus().appendingPathComponent("Actor_21")
        let name = "03-02-01-01-01-01-21.flac"
        let x = folder.appendingPathComponent("x.npy"), files = folder.appendingPathComponent("files.txt")
        let run = try TestEnvironment.notebook(["features", actor.appendingPathComponent(name).path, actor.path,
                                                actor.path + "/../Actor_21/" + name, "--out", x.path, "--files", files.path])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("note: 2 file(s) named more than once (\(actor.path)/\(name), ...) are analysed once"),
                      run.output)
        XCTAssertEqual(try NPY.read(contentsOf: x).shape, [44, 386])
        let rows = try String(contentsOf: files, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.first.map(String.init), actor.appendingPathComponent(name).path, "kept where it first came")
        XCTAssertEqual(Set(rows).count, 44)

        // A hard link is the same file under another name, which no path comparison sees.
        let linked = folder.appendingPathComponent("linked")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: actor.appendingPathComponent(name), to: linked.appendingPathComponent(name))
        try FileManager.default.linkItem(at: linked.appendingPathComponent(name), to: linked.appendingPathComponent("again.flac"))
        let hard = try TestEnvironment.notebook(["features", linked.path, "--out", x.path])
        XCTAssertEqual(hard.status, 0, hard.output)
        XCTAssertTrue(hard.output.contains("note: 1 file(s) named more than once (\(linked.path)/again.flac) are analysed once"),
                      hard.output)
        XCTAssertEqual(try NPY.read(contentsOf: x).shape, [1, 386])
    }

    /// --labels reads names as the corpus listing does: an actor 99, a one-digit field or
    /// a speech recording's name is refused, naming the file and the field, before any
    /// audio is read.
    func testLabelsComeOnlyFromValidSongNames() throws {
        let x = folder.appendingPathComponent("x.npy"), y = folder.appendingPathComponent("y.npy")
        for (name, complaint) in [("03-02-01-01-01-01-99.wav", "actor '99'"),
                                  ("03-02-1-1-1-1-1.wav", "emotion '1' is not a two-digit number"),
                                  ("03-01-08-01-01-01-01.wav", "vocal channel '01' means speech")] {
            let file = folder.appendingPathComponent(name)
            try Data("not audio".utf8).write(to: file)
            let run = try TestEnvironment.notebook(["features", file.path, "--out", x.path, "--labels", y.path])
            XCTAssertNotEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("\(file.path): \(complaint)"), run.output)
            XCTAssertTrue(run.output.contains("--labels reads each label from a RAVDESS file name"), run.output)
            XCTAssertFalse(run.output.contains("decoding"), "names are checked before audio: \(run.output)")
        }
    }

    /// With --labels --skip-bad, a file whose name gives no label is left out before any
    /// audio is read: skipped, and counted, once even when it is not audio either.
    func testAFileWithoutALabelIsSkippedOnceAndNotDecoded() throws {
        let good = try ReferencePaths.corpus().appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac")
        let bad = folder.appendingPathComponent("song.wav")  // no RAVDESS name, and text inside
        try Data("not audio".utf8).write(to: bad)
        let x = folder.appendingPathComponent("x.npy"), y = folder.appendingPathComponent("y.npy")
        let run = try TestEnvironment.notebook(["features", good.path, bad.path, "--out", x.path, "--labels", y.path, "--skip-bad"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(run.output.components(separatedBy: "skipped \(bad.path)").count - 1, 1, run.output)
        XCTAssertFalse(run.output.contains("decoding"), "a file without a label is not decoded: \(run.output)")
        XCTAssertTrue(run.output.contains("wrote 1 x 386 features to \(x.path) and 1 labels to \(y.path); 1 file(s) skipped"),
                      run.output)
    }

    /// --files writes each row's recording, which is what train --files needs to tell
    /// the rows' actors for the speaker-independent split.
    func testFilesListsEachRowsRecordingForTrain() throws {
        let corpus = try ReferencePaths.corpus()
        let recordings = ["Actor_01/03-02-01-01-01-01-01.flac", "Actor_01/03-02-02-01-01-01-01.flac",
                          "Actor_21/03-02-01-01-01-01-21.flac", "Actor_21/03-02-02-01-01-01-21.flac"]
            .map { corpus.appendingPathComponent($0).path }
        let x = folder.appendingPathComponent("x.npy"), y = folder.appendingPathComponent("y.npy")
        let list = folder.appendingPathComponent("rows.txt")
        let run = try TestEnvironment.notebook(["features"] + recordings + ["--out", x.path, "--labels", y.path, "--files", list.path])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("each row's recording path written to \(list.path) (for train --files)"), run.output)
        XCTAssertEqual(try String(contentsOf: list, encoding: .utf8), recordings.map { $0 + "\n" }.joined())
        let trained = try TestEnvironment.notebook(["train", "--model", "si_lstm", "--features", x.path, "--files", list.path,
                                                    "--epochs", "1", "--quiet"])
        XCTAssertEqual(trained.status, 0, trained.output)
        XCTAssertTrue(trained.output.contains("si split: 2 training rows, 2 test rows"), trained.output)
        let without = try TestEnvironment.notebook(["train", "--model", "si_lstm", "--features", x.path, "--epochs", "1"])
        XCTAssertNotEqual(without.status, 0)
        XCTAssertTrue(without.output.contains("(notebook features --files writes the recording of each row)"), without.output)
    }

    /// Ctrl-C mid-way: the command says how far it got and that nothing was written, and
    /// an earlier output file is left as it was.
    func testAnInterruptedRunSaysSoAndLeavesTheOutputAlone() throws {
        let corpus = try ReferencePaths.corpus()
        let x = folder.appendingPathComponent("x.npy")
        let earlier = Data("an earlier run's output".utf8)
        try earlier.write(to: x)
        // One job: the whole corpus then takes half a minute or more, so the interruption
        // lands mid-way.
        let (status, output) = try TestEnvironment.notebookInterrupted(
            ["features", corpus.path, "--out", x.path, "--jobs", "1"], after: 2)
        XCTAssertEqual(status, 130, output)
        XCTAssertNotNil(output.firstMatch(of: #/Interrupted after [0-9]+ of 1012 files\. No output written\./#), output)
        XCTAssertEqual(try Data(contentsOf: x), earlier)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["x.npy"], "no temporary file left")
    }

    /// Outputs are checked before any audio is read: none may be an input or another
    /// output, and its folder must exist. When one of two outputs cannot be written, the
    /// other is not written either.
    func testOutputsThatWouldOverwriteOrCannotBeWrittenAreRefusedAndWriteNothing() throws {
        let corpus = try ReferencePaths.corpus()
        let recording = folder.appendingPathComponent("03-02-01-01-01-01-21.flac")
        try FileManager.default.copyItem(at: corpus.appendingPathComponent("Actor_21/03-02-01-01-01-01-21.flac"), to: recording)
        let original = try Data(contentsOf: recording)
        let x = folder.appendingPathComponent("x.npy")
        func refused(_ arguments: [String], _ message: String) throws {
            let result = try TestEnvironment.notebook(["features", folder.path] + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.output.contains(message), result.output)
        }
        try refused(["--out", recording.path], "--out \(recording.path) is an input recording; writing there would overwrite it")
        // One file by two names: through a symbolic link to its folder.
        let outputs = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outputs) }
        try FileManager.default.createDirectory(at: outputs.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: outputs.appendingPathComponent("link"),
                                                   withDestinationURL: outputs.appendingPathComponent("real"))
        try refused(["--out", outputs.appendingPathComponent("real/x.npy").path,
                     "--labels", outputs.appendingPathComponent("link/x.npy").path],
                    "--out and --labels are the same file")
        try refused(["--out", folder.appendingPathComponent("missing/x.npy").path],
                    "the folder \(folder.appendingPathComponent("missing").path) does not exist")
        try refused(["--out", folder.path], "--out \(folder.path) is a folder; give a file name")
        try refused(["--out", recording.appendingPathComponent("x.npy").path],
                    "--out \(recording.appendingPathComponent("x.npy").path): \(recording.path) is a file, not a folder")
        try refused(["--out", ""], "--out is empty; give a file name")
        #if os(Linux)
        // /proc takes no new files, for root too (whom access() lets through): refused up
        // front by a file created and removed there, not after the extraction.
        try refused(["--out", x.path, "--labels", "/proc/y.npy"], "--labels /proc/y.npy: cannot write in /proc (")  // a user: Permission denied
        #endif
        XCTAssertEqual(try Data(contentsOf: recording), original)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [recording.lastPathComponent],
                       "no output and no temporary file")
    }
}
