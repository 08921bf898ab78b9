import XCTest
import Notebook
import TestSupport

/// The runner end to end, through the built `notebook` binary and the demo lesson: capture,
/// failures (thrown and crashing) with their lesson lines, skipped steps, exit status,
/// expected-output checks and `--update`.
final class LessonRunnerTests: TemporaryFolderTestCase {
    /// `notebook run demo` with `arguments`; returns the exit status, output and JSON report.
    private func runDemo(_ arguments: [String]) throws -> (status: Int32, output: String, report: LessonReport) {
        let json = folder.appendingPathComponent("report.json")
        let result = try TestEnvironment.notebook(["run", "demo", "--cache-dir", folder.appendingPathComponent("cache").path,
                                                   "--json", json.path] + arguments)
        let reports = try ReportStore.decoder().decode([LessonReport].self, from: Data(contentsOf: json))
        XCTAssertEqual(reports.count, 1)
        return (result.status, result.output, try XCTUnwrap(reports.first))
    }

    /// `--jobs 2` runs two lessons at once and prints each report whole, in lesson order:
    /// the step lines read as two sequential runs, not interleaved. (si_cnn, its saved
    /// features not found, fails in its first step, well before demo ends: still second.)
    func testJobsRunLessonsAtOnceAndPrintEachReportWhole() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let noFeatures = ["--param", "features=" + folder.appendingPathComponent("no-features").path]
        let demo = try TestEnvironment.notebook(["test", "demo"] + cache)
        let cnn = try TestEnvironment.notebook(["test", "si_cnn"] + noFeatures + cache)
        let both = try TestEnvironment.notebook(["test", "demo", "si_cnn", "--jobs", "2"] + noFeatures + cache)
        XCTAssertEqual(both.status, 1, both.output)
        XCTAssertTrue(both.output.hasPrefix("running 2 lessons, up to 2 at a time: demo, si_cnn\n"), both.output)
        XCTAssertTrue(both.output.hasSuffix("1 passed, 1 failed\n"), both.output)
        XCTAssertGreaterThan(stepNames(demo.output).count, 3)
        XCTAssertEqual(stepNames(both.output), stepNames(demo.output) + stepNames(cnn.output), both.output)
        let zero = try TestEnvironment.notebook(["test", "demo", "--jobs", "0"] + cache)
        XCTAssertNotEqual(zero.status, 0)
        XCTAssertTrue(zero.output.contains("--jobs must be at least 1"), zero.output)
        // `step` follows one lesson: it has no --jobs to offer.
        let step = try TestEnvironment.notebook(["step", "demo", "--jobs", "2"] + cache)
        XCTAssertNotEqual(step.status, 0)
        XCTAssertTrue(step.output.contains("Unknown option '--jobs'"), step.output)
    }

    /// Without `--jobs`, `test` runs one lesson per processor core at a time and `run`
    /// one lesson after another (it is read as it goes).
    func testTestRunsALessonPerCoreByDefaultAndRunOneAtATime() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let noFeatures = ["--param", "features=" + folder.appendingPathComponent("no-features").path]
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let tested = try TestEnvironment.notebook(["test", "demo", "si_cnn"] + noFeatures + cache)
        XCTAssertTrue(tested.output.hasSuffix("1 passed, 1 failed\n"), tested.output)
        if cores > 1 {
            XCTAssertTrue(tested.output.hasPrefix("running 2 lessons, up to \(cores) at a time: demo, si_cnn\n"),
                          tested.output)
        } else {
            XCTAssertFalse(tested.output.hasPrefix("running"), tested.output)
        }
        let ran = try TestEnvironment.notebook(["run", "demo", "si_cnn", "--quiet"] + noFeatures + cache)
        XCTAssertEqual(ran.status, 1, ran.output)
        XCTAssertFalse(ran.output.hasPrefix("running"), ran.output)
        XCTAssertTrue(ran.output.contains("▶ demo"), ran.output)
    }

    /// A negative --step-timeout reaches its range check (it was taken for a missing
    /// value), and a --param that is not NAME=VALUE is a command line that does not
    /// parse: status 64, as README.md says, where a value the lesson refuses gives 1.
    func testNegativeTimeoutAndMalformedParamAreUsageErrors() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let timeout = try TestEnvironment.notebook(["run", "demo", "--step-timeout", "-5"] + cache)
        XCTAssertEqual(timeout.status, 64, timeout.output)
        XCTAssertTrue(timeout.output.contains("--step-timeout must be a positive number of seconds, got -5.0"), timeout.output)
        for command in ["run", "test"] {
            let malformed = try TestEnvironment.notebook([command, "demo", "--param", "scale"] + cache)
            XCTAssertEqual(malformed.status, 64, malformed.output)
            XCTAssertTrue(malformed.output.contains("--param 'scale': write NAME=VALUE"), malformed.output)
        }
        let refused = try TestEnvironment.notebook(["run", "demo", "--param", "scale=abc"] + cache)
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("cache").path), "nothing ran")
    }

    /// A failed run replaces the stored one (the last run is kept), and when that one had
    /// succeeded the command says so: site and predict --lesson read the stored run.
    func testAFailedRunReplacingACompleteOneSaysSo() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let first = try TestEnvironment.notebook(["run", "demo", "--quiet"] + cache)
        XCTAssertEqual(first.status, 0, first.output)
        XCTAssertFalse(first.output.contains("note: this failed run"), first.output)
        let failed = try TestEnvironment.notebook(["run", "demo", "--quiet", "--param", "fault=throw"] + cache)
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.output.contains("note: this failed run of demo replaces its stored run of "), failed.output)
        XCTAssertTrue(failed.output.contains(", which succeeded; site, export and predict --lesson read the stored run"),
                      failed.output)
        // Once the stored run has failed, another failure replaces no complete run.
        let again = try TestEnvironment.notebook(["run", "demo", "--quiet", "--param", "fault=throw"] + cache)
        XCTAssertEqual(again.status, 1, again.output)
        XCTAssertFalse(again.output.contains("note: this failed run"), again.output)
    }

    /// `notebook step` in a 60-column terminal (util-linux `script` gives it one): the
    /// code box is as wide as the terminal though COLUMNS is not exported, an unknown
    /// answer asks again instead of running the step, q stops.
    func testStepFollowsTheTerminalWidthAndAsksAgainOnAnUnknownAnswer() throws {
        let (status, text) = try stepDemo([], answers: ["foo\n", "q\n"])
        XCTAssertEqual(status, 0, text)
        let rule = String(repeating: "─", count: 60)
        XCTAssertTrue(text.split(separator: "\n").contains { $0 == rule }, text)
        XCTAssertTrue(text.contains("'foo'? Enter alone runs the step; q quits."), text)
        XCTAssertTrue(text.contains("Stopped."), text)
        XCTAssertFalse(text.contains("✓"), "no step ran: \(text)")
    }

    /// Enter after an unknown answer wipes both prompts, the answer and the reply (four
    /// rows, three above the cursor's), not the last prompt alone.
    func testStepWipesEveryPromptOnceTheStepRuns() throws {
        let (status, text) = try stepDemo([], answers: ["foo\n", "\n", "q\n"])
        XCTAssertEqual(status, 0, text)
        let reply = try XCTUnwrap(text.range(of: "'foo'? Enter alone runs the step; q quits.\n"), text)
        let report = try XCTUnwrap(text.range(of: "✓ hello"), text)
        XCTAssertTrue(text[reply.upperBound..<report.lowerBound].contains("\u{1B}[3A\u{1B}[J"), text)
    }

    /// The prose after the last step follows it as every step's prose follows the step
    /// before: after one blank line, not two.
    func testStepShowsTheClosingProseAfterOneBlankLine() throws {
        let (status, text) = try stepDemo([], answers: Array(repeating: "\n", count: 10))
        XCTAssertEqual(status, 0, text)
        XCTAssertNotNil(text.firstMatch(of: try Regex("✓ last +[0-9.]+s\n\nWhat next\n")), text)
        XCTAssertNotNil(text.firstMatch(of: try Regex("✓ hello +[0-9.]+s\n\n[^\n]")), text)
    }

    /// A lesson named twice runs once: two copies at once would both store runs/demo.json,
    /// and `test` would count the lesson twice.
    func testALessonNamedTwiceRunsOnce() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let single = try TestEnvironment.notebook(["run", "demo", "--quiet"] + cache)
        let twice = try TestEnvironment.notebook(["run", "demo", "demo", "--quiet", "--jobs", "2"] + cache)
        XCTAssertEqual(twice.status, 0, twice.output)
        XCTAssertFalse(twice.output.contains("running 2 lessons"), twice.output)
        XCTAssertEqual(stepNames(twice.output), stepNames(single.output), twice.output)
        let tested = try TestEnvironment.notebook(["test", "demo", "lessons/demo.md"] + cache)
        XCTAssertTrue(tested.output.hasSuffix("1 passed, 0 failed\n"), tested.output)
    }

    /// Without a terminal, `step` says so on stderr (stdout may be a file being kept as
    /// the lesson's output), and the `run` it suggests keeps the options given.
    func testStepWithoutATerminalSuggestsTheSameRunOnStderr() throws {
        let cache = folder.appendingPathComponent("my cache").path
        let process = Process()
        process.executableURL = try TestEnvironment.notebookBinary()
        process.arguments = ["step", "demo", "--param", "scale=2", "--no-cache", "--cache-dir", cache]
        process.currentDirectoryURL = TestEnvironment.packageRoot
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2, said)
        XCTAssertEqual(printed, "")
        XCTAssertTrue(said.contains("notebook step needs a terminal"), said)
        XCTAssertTrue(said.contains("run the whole lesson with: notebook run demo --param scale=2 --no-cache --cache-dir '\(cache)'\n"),
                      said)
    }

    /// A step calling exit() ends `step` with status 1, naming the step, not silently
    /// with status 0 (the lesson runs in `step`'s own process).
    func testStepSaysWhichStepCalledExit() throws {
        let (status, text) = try stepDemo(["--param", "fault=exit"], answers: Array(repeating: "\n", count: 10))
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("Stopped in step 'fault': the step ended the process (exit() in the step"), text)
        // A lesson that ends normally is not taken for one that called exit().
        let (whole, all) = try stepDemo([], answers: Array(repeating: "\n", count: 10))
        XCTAssertEqual(whole, 0, all)
        XCTAssertFalse(all.contains("ended the process"), all)
    }

    /// A failed step ends `step` with what did not run and how to go on.
    func testStepSaysWhatAFailedStepLeftUnrun() throws {
        let (status, text) = try stepDemo(["--param", "fault=throw"], answers: Array(repeating: "\n", count: 10))
        XCTAssertEqual(status, 1, text)
        let lines = text.split(separator: "\n")
        let ending = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Stopped: step 'fault' failed.") }, text)
        XCTAssertEqual(lines[ending...].prefix(3).joined(separator: " "),
                       "Stopped: step 'fault' failed. The 1 step after it did not run. Once the cause is fixed, "
                       + "`notebook step demo` starts again, reusing the values already cached.", "wrapped at 60 columns: \(text)")
        XCTAssertTrue(lines[ending...].prefix(3).allSatisfy { $0.count <= 60 }, text)
        XCTAssertFalse(text.contains("End of the lesson."), text)
    }

    /// On a terminal too short for a step's prose and code, they come a screen at a time
    /// (the first screen is the lesson's title and opening prose, which had scrolled out of
    /// sight), the prompts for more are wiped as the step's are, and q at one stops.
    func testStepShowsTextTallerThanTheTerminalAScreenAtATime() throws {
        let (status, text) = try stepDemo([], answers: Array(repeating: "\n", count: 40), rows: 12)
        XCTAssertEqual(status, 0, text)
        let more = try XCTUnwrap(text.range(of: "Enter: more (1 of "), text)
        let firstScreen = text[..<more.lowerBound]
        XCTAssertTrue(firstScreen.contains("▶ demo"), text)
        XCTAssertLessThanOrEqual(firstScreen.split(separator: "\n", omittingEmptySubsequences: false).count, 12, text)
        // Each prompt for more, its Enter echoed, is wiped before the next screen.
        let prompts = text.matches(of: #/Enter: more \(\d+ of \d+ screens\)/#).count
        XCTAssertGreaterThan(prompts, 1, text)
        XCTAssertEqual(text.matches(of: #/Enter: more \(\d+ of \d+ screens\)   q Enter: quit \n\x{1B}\[1A\x{1B}\[J/#).count,
                       prompts, text)
        XCTAssertEqual(text.matches(of: #/✓ [a-z]/#).count, 6, "every step ran: \(text)")
        XCTAssertTrue(text.contains("What next"), "the closing prose is shown: \(text)")
        // The same on a tall terminal: no screens.
        let (tallStatus, tall) = try stepDemo([], answers: Array(repeating: "\n", count: 40), rows: 200)
        XCTAssertEqual(tallStatus, 0, tall)
        XCTAssertFalse(tall.contains("Enter: more"), tall)
        XCTAssertEqual(tall.matches(of: #/✓ [a-z]/#).count, 6, tall)
        // q at a prompt for more stops before the step.
        let (quit, stopped) = try stepDemo([], answers: ["q\n"], rows: 12)
        XCTAssertEqual(quit, 0, stopped)
        XCTAssertEqual(stopped.matches(of: #/✓ [a-z]/#).count, 0, stopped)
        XCTAssertTrue(stopped.contains("Stopped."), stopped)
    }

    /// Keys pressed while a step runs are dropped, so they cannot run the next step
    /// before its prose is read: Enter typed three times at the first prompt runs one
    /// step, and the reader is asked again.
    func testStepDropsKeysPressedWhileAStepRuns() throws {
        let (status, text) = try stepDemo([], answers: ["\n\n\n", "q\n"])
        XCTAssertEqual(status, 0, text)
        XCTAssertEqual(text.matches(of: #/✓ [a-z]/#).count, 1, "one Enter ran a step; the two typed with it were dropped: \(text)")
        XCTAssertTrue(text.contains("Stopped."), text)
    }

    /// Ctrl-C while a step's progress is drawn wipes the line before the notice: the
    /// terminal's echoed `^C` was left over the progress (`^C▸ fault: 3 of 60 seconds`).
    func testCtrlCInAStepWipesItsProgressBeforeTheNotice() throws {
        let (status, text) = try stepDemo(["--param", "fault=hang"], answers: Array(repeating: "\n", count: 5),
                                          interruptOnSeeing: "▸ fault: ")
        XCTAssertEqual(status, 128 + SIGINT, text)
        let notice = try XCTUnwrap(text.range(of: "Interrupted in step 'fault'."), text)
        let lastDraw = try XCTUnwrap(text.range(of: "▸ fault: ", options: .backwards, range: text.startIndex..<notice.lowerBound), text)
        XCTAssertNotNil(text.range(of: "\u{1B}[K", range: lastDraw.upperBound..<notice.lowerBound),
                        "the line is wiped between the last draw and the notice: \(text)")
    }

    /// `notebook step demo` on a 60-column terminal (through script(1)), without colour,
    /// `rows` high (0: a height the terminal does not say, so nothing is paged).
    /// Each answer is typed when the next prompt (to run a step, or for the next screen)
    /// appears; after the last, the input ends, or first, with `interruptOnSeeing`,
    /// Ctrl-C is typed once that text appears.
    private func stepDemo(_ arguments: [String], answers: [String], rows: Int = 0,
                          interruptOnSeeing marker: String? = nil) throws -> (status: Int32, text: String) {
        let binary = try TestEnvironment.notebookBinary().path
        let cache = folder.appendingPathComponent("cache").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let extra = arguments.map { "'\($0)'" }.joined(separator: " ")
        process.arguments = TestEnvironment.scriptArguments("stty rows \(rows) cols 60; exec '\(binary)' step demo \(extra) --cache-dir '\(cache)'")
        process.currentDirectoryURL = TestEnvironment.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let received = LockedText()
        // A thread of its own reads the output to its end, so nothing arrives after it is done.
        let reader = output.fileHandleForReading, readAll = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while case let chunk = reader.availableData, !chunk.isEmpty { received.append(chunk) }
            readAll.signal()
        }
        try process.run()
        func prompts(_ text: String) -> Int {
            ["Enter: run this step", "Enter: more"].reduce(0) { $0 + text.components(separatedBy: $1).count - 1 }
        }
        var answered = 0
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, answered < answers.count, Date() < deadline {
            if prompts(received.text) > answered {
                try input.fileHandleForWriting.write(contentsOf: Data(answers[answered].utf8))
                answered += 1
            } else {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        if let marker {
            while process.isRunning, !received.text.contains(marker), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            try input.fileHandleForWriting.write(contentsOf: Data("\u{03}".utf8))
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        readAll.wait()
        return (process.terminationStatus, received.text.replacingOccurrences(of: "\r", with: ""))
    }

    /// The step of each status line (a mark, then the step name), in order.
    private func stepNames(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count >= 2, ["✓", "✗", "–", "-", "○", "·"].contains(String(words[0])) else { return nil }
            return String(words[1])
        }
    }

    /// A step's progress (the demo's plot step counts its squares) is drawn on a terminal
    /// while the step runs and wiped before the step's report; a log gets none of it, and
    /// neither does the step's output.
    func testProgressIsDrawnOnATerminalAndWipedBeforeTheStepsReport() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let terminal = try TestEnvironment.notebookOnTerminal(["run", "demo"] + cache)
        XCTAssertEqual(terminal.status, 0, terminal.output)
        let drawn = try XCTUnwrap(terminal.output.range(of: "\r\u{1B}[K  ▸ plot: 0 of 5 squares"), terminal.output)
        let report = try XCTUnwrap(terminal.output.range(of: "✓ plot"), terminal.output)
        XCTAssertLessThan(drawn.upperBound, report.lowerBound, terminal.output)
        // Wiped before the report (a slow machine may draw "3 of 5" in between: each draw
        // wipes first, so the last wipe before the report must leave no progress behind).
        let lastWipe = try XCTUnwrap(terminal.output.range(of: "\r\u{1B}[K", options: .backwards,
                                                           range: drawn.upperBound..<report.lowerBound), terminal.output)
        XCTAssertFalse(terminal.output[lastWipe.upperBound..<report.lowerBound].contains("▸"), terminal.output)
        let (status, log, stored) = try runDemo(["--no-cache"])
        XCTAssertEqual(status, 0, log)
        XCTAssertFalse(log.contains("▸"), log)
        let plot = try XCTUnwrap(stored.steps.first { $0.id == "plot" })
        XCTAssertEqual(plot.outputs.first, .text("computing the running total\n"))
    }

    func testCapturesPrintsAndShownValuesInOrder() throws {
        let (status, output, report) = try runDemo([])
        XCTAssertEqual(status, 0)
        // The terminal report shows each step's status line, then its text and values in order.
        XCTAssertTrue(output.contains("  ✓ hello "), output)
        XCTAssertTrue(output.contains("s\n      Hello from a step\n      3\n      lessons are Markdown\n  ✓ table "), output)
        XCTAssertEqual(report.steps.map(\.status), Array(repeating: .ok, count: 6))
        let hello = report.steps[0]
        XCTAssertEqual(hello.outputs, [.text("Hello from a step\n"), .value(text: "3", type: "Int"), .text("lessons are Markdown\n")])
        XCTAssertEqual(hello.line, 11)
        XCTAssertEqual(report.results.first?.name, "mean")
        XCTAssertEqual(report.results.first?.value, .number(11))
        XCTAssertEqual(report.parameters["scale"], "1.0")
        guard case .plot(let plot)? = report.steps[3].outputs.last else { return XCTFail("the plot step shows a plot") }
        XCTAssertEqual(plot.title, "Running total of squares")
        // The last run is kept for renderers.
        let stored = try ReportStore.load("demo", cacheRoot: folder.appendingPathComponent("cache"))
        XCTAssertEqual(stored?.steps.map(\.id), report.steps.map(\.id))
    }

    func testThrowingStepFailsWithItsLineAndLaterStepsAreSkipped() throws {
        let (status, output, report) = try runDemo(["--param", "fault=throw"])
        XCTAssertEqual(status, 1)
        let fault = try XCTUnwrap(report.steps.first { $0.id == "fault" })
        XCTAssertEqual(fault.status, .failed)
        XCTAssertEqual(fault.error?.message, "the demo step failed on purpose")
        XCTAssertEqual(fault.error?.location.file, "lessons/demo.md")
        XCTAssertEqual(fault.error?.location.line, fault.line + 1)
        XCTAssertEqual(fault.error?.crashed, false)
        XCTAssertEqual(fault.outputs, [.text("fault: throw\n")])
        let last = try XCTUnwrap(report.steps.last)
        XCTAssertEqual(last.status, .skipped)
        XCTAssertEqual(last.skipReason, "not run: step 'fault' failed")
        XCTAssertTrue(output.contains("lessons/demo.md:\(fault.line + 1):1: error: the demo step failed on purpose"), output)
    }

    /// A step that hangs past --step-timeout fails, named, with what it printed; its
    /// process is stopped and the later steps do not run.
    func testAStepPastTheTimeoutFailsAndItsProcessIsStopped() throws {
        let started = Date()
        let (status, output, report) = try runDemo(["--param", "fault=hang", "--step-timeout", "1.5"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the 60 s hang was cut short")
        XCTAssertEqual(status, 1, output)
        let fault = try XCTUnwrap(report.steps.first { $0.id == "fault" })
        XCTAssertEqual(fault.status, .failed)
        XCTAssertEqual(fault.error?.message, "timed out: the step ran for more than 1.5 s (--step-timeout), so its process was stopped")
        XCTAssertEqual(fault.error?.location.line, fault.line + 1)
        XCTAssertEqual(fault.outputs, [.text("fault: hang\n")])
        XCTAssertEqual(report.steps.last?.skipReason, "not run: step 'fault' failed")
        XCTAssertEqual(report.steps.prefix(4).map(\.status), [.ok, .ok, .ok, .ok], "earlier steps within the limit")
        XCTAssertEqual(TestEnvironment.lessonChildren(containing: folder.path), [], "no lesson process left running")
        let refused = try TestEnvironment.notebook(["test", "demo", "--step-timeout", "0"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("--step-timeout must be a positive number of seconds, got 0.0"), refused.output)
    }

    func testCrashIsThatStepsFailureAtTheFatalErrorLine() throws {
        let (status, output, report) = try runDemo(["--param", "fault=crash"])
        XCTAssertEqual(status, 1)
        // The terminal shows the message at the lesson line, not the runtime's backtrace.
        XCTAssertFalse(output.contains("Backtracing"), output)
        XCTAssertTrue(output.contains("  ✗ fault "), output)
        XCTAssertTrue(output.contains("s\n      fault: crash\n"), output)
        let fault = try XCTUnwrap(report.steps.first { $0.id == "fault" })
        XCTAssertEqual(fault.status, .failed)
        XCTAssertEqual(fault.error?.crashed, true)
        XCTAssertEqual(fault.error?.message, "Fatal error: the demo step crashed on purpose")
        // The line of the fatalError call in lessons/demo.md.
        let lessonLines = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("lessons/demo.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let crashLine = try XCTUnwrap(lessonLines.firstIndex { $0.contains("fatalError(") }) + 1
        XCTAssertEqual(fault.error?.location, .init(file: "lessons/demo.md", line: crashLine, column: 1))
        // What the step printed before dying is kept.
        XCTAssertEqual(fault.outputs, [.text("fault: crash\n")])
        XCTAssertEqual(report.steps.last?.status, .skipped)
        // Earlier steps are reported normally.
        XCTAssertEqual(report.steps.prefix(4).map(\.status), [.ok, .ok, .ok, .ok])
    }

    /// A check the compiler put in the code (here an overflow) reports the runtime's own
    /// words and the lesson line, as `fatalError` does.
    func testARuntimeCheckFailureNamesItsMessageAndLine() throws {
        let (status, output, report) = try runDemo(["--param", "fault=overflow"])
        XCTAssertEqual(status, 1)
        XCTAssertFalse(output.contains("Backtracing"), output)
        let fault = try XCTUnwrap(report.steps.first { $0.id == "fault" })
        XCTAssertEqual(fault.error?.crashed, true)
        XCTAssertEqual(fault.error?.message, "Swift runtime failure: arithmetic overflow")
        let lessonLines = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("lessons/demo.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let overflowLine = try XCTUnwrap(lessonLines.firstIndex { $0.contains("Int.max - 7") }) + 1
        XCTAssertEqual(fault.error?.location.line, overflowLine)
        XCTAssertEqual(fault.outputs, [.text("fault: overflow\n")])
    }

    /// A step that ends its process with `exit(0)` fails, and the message says the step
    /// ended it: "exited with status 0" alone read like success.
    func testAStepThatCallsExitFailsSayingSo() throws {
        let (status, _, report) = try runDemo(["--param", "fault=exit"])
        XCTAssertEqual(status, 1)
        let fault = try XCTUnwrap(report.steps.first { $0.id == "fault" })
        XCTAssertEqual(fault.status, .failed)
        let message = try XCTUnwrap(fault.error?.message)
        XCTAssertTrue(message.contains("exited with status 0 during the step: the step ended the process (exit() in the step"), message)
        XCTAssertTrue(message.contains("exit()"), message)
        XCTAssertEqual(report.steps.last?.status, .skipped)
    }

    /// Lesson parameters are checked against what the lessons read before anything runs:
    /// a typo is an error, not 100 epochs with the default; a negative seed is refused.
    func testParametersNoLessonReadsAreRefused() throws {
        let cache = folder.appendingPathComponent("cache").path
        let typo = try TestEnvironment.notebook(["run", "demo", "--param", "scales=2", "--cache-dir", cache])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.output.contains("--param scales: lesson demo does not read it; parameters: fault, scale"), typo.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "nothing ran")
        let two = try TestEnvironment.notebook(["test", "demo", "si_cnn", "--param", "epoch=2", "--cache-dir", cache])
        XCTAssertTrue(two.output.contains("--param epoch: no lesson of demo, si_cnn reads it; parameters: epochs, fault, features, scale, seed"),
                      two.output)
        let negative = try TestEnvironment.notebook(["run", "si_cnn", "--param", "seed=-1", "--param", "epochs=1", "--cache-dir", cache])
        XCTAssertNotEqual(negative.status, 0)
        XCTAssertTrue(negative.output.contains("--param seed=-1: lesson si_cnn reads seed as UInt64, and '-1' is not one"),
                      negative.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "nothing ran")
    }

    /// A parameter of the right type below the bound the lesson declares (`in: 1...`) is
    /// refused before any step runs (sd_fc extracted features for 44 s before its training
    /// step said so), instead of training nothing and printing a loss of nan.
    func testAParameterBelowItsBoundIsRefusedBeforeTheRun() throws {
        let cache = folder.appendingPathComponent("cache").path
        let zero = try TestEnvironment.notebook(["run", "si_cnn", "--param", "epochs=0", "--cache-dir", cache])
        XCTAssertEqual(zero.status, 1, zero.output)
        XCTAssertTrue(zero.output.contains("--param epochs=0: lesson si_cnn needs epochs to be at least 1"), zero.output)
        XCTAssertFalse(zero.output.contains("✗"), zero.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "nothing ran")
    }

    /// A run that cannot be stored (here `runs` is a file) is an error naming the file,
    /// though every step passed: site, export and predict read the stored run.
    func testARunThatCannotBeStoredFailsTheCommand() throws {
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: cache.appendingPathComponent("runs"))
        for command in ["run", "test"] {
            let result = try TestEnvironment.notebook([command, "demo", "--cache-dir", cache.path])
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.output.contains("demo: could not store its run as \(cache.path)/runs/demo.json: "
                                                 + "\(cache.path)/runs is a file, not a folder"), result.output)
            XCTAssertFalse(result.output.contains("NSCocoaErrorDomain"), result.output)
            XCTAssertFalse(result.output.contains("✗"), "every step passed: \(result.output)")
        }
    }

    /// A cache folder that cannot be made or written is refused before anything runs, not
    /// blamed on the first step that caches a value; a value that cannot be stored is kept
    /// (the run goes on) and its note names the file and the system's reason, not
    /// Foundation's error dump.
    func testAnUnwritableCacheIsRefusedUpFront() throws {
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let under = file.appendingPathComponent("cache").path
        for command in [["run", "demo"], ["test", "demo"]] {
            let result = try TestEnvironment.notebook(command + ["--cache-dir", under])
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.output.contains("--cache-dir \(under): \(file.path) is a file, so the folder cannot be created"),
                          result.output)
        }
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("values"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: cache.appendingPathComponent("values/demo"))
        // The value is computed, kept and used; the step says it could not be stored.
        let blocked = try TestEnvironment.notebook(["run", "demo", "--cache-dir", cache.path])
        XCTAssertEqual(blocked.status, 0, blocked.output)
        XCTAssertTrue(blocked.output.contains("'total' was computed but could not be stored in the cache, so the next run "
                                              + "computes it again: could not create the folder \(cache.path)/values/demo: File exists"),
                      blocked.output)
        XCTAssertFalse(blocked.output.contains("NSCocoaErrorDomain"), blocked.output)
        XCTAssertTrue(try TestEnvironment.notebook(["test", "demo", "--cache-dir", cache.path]).status == 0,
                      "the lesson's outputs are those of a run whose cache works")

        // A read-only folder. Root writes anywhere, so as root the command runs as nobody.
        let readOnly = folder.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly.appendingPathComponent("runs"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: readOnly.appendingPathComponent("runs/demo.json"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: readOnly.path) }
        for command in [["run", "demo"], ["cache", "clear", "demo"]] {
            let result = try TestEnvironment.notebookUnprivileged(command + ["--cache-dir", readOnly.path])
            XCTAssertEqual(result.status, 1, result.output)
            XCTAssertTrue(result.output.contains("--cache-dir \(readOnly.path): cannot write in \(readOnly.path) (Permission denied)"),
                          result.output)
        }
    }

    /// Reports never overwrite a lesson file or go into the cache; --update finds the files
    /// it would rewrite before running anything.
    func testReportsGoNeitherOntoLessonsNorIntoTheCache() throws {
        let cache = folder.appendingPathComponent("cache").path
        for (command, flag) in [("run", "--json"), ("test", "--junit")] {
            let onto = try TestEnvironment.notebook([command, "demo", "--cache-dir", cache, flag, "lessons/demo.md"])
            XCTAssertNotEqual(onto.status, 0)
            XCTAssertTrue(onto.output.contains("\(flag) lessons/demo.md is a lesson file; writing there would overwrite it"), onto.output)
            let into = try TestEnvironment.notebook([command, "demo", "--cache-dir", cache, flag, cache + "/runs/demo.json"])
            XCTAssertTrue(into.output.contains("is inside the cache folder (\(cache)); give a path outside it"), into.output)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "nothing ran")
        let missing = folder.appendingPathComponent("no-lessons").path
        let update = try TestEnvironment.notebook(["test", "demo", "--update", "--lessons-dir", missing, "--cache-dir", cache])
        XCTAssertTrue(update.output.contains("--update: \(missing)/demo.md does not exist; give --lessons-dir"), update.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "nothing ran")
    }

    /// Ctrl-C in a step: the run stops, says where, stores no run and keeps the values
    /// the finished steps cached; in a parallel run, every lesson under way says so (si_cnn
    /// trains for minutes: three seconds in, it is in some step).
    func testAnInterruptedRunSaysWhereItStoppedAndKeepsTheCache() throws {
        let cache = folder.appendingPathComponent("cache")
        for (jobs, lessons) in [("1", #/Interrupted: demo stopped in step 'fault'\. The interrupted run was not stored/#),
                                ("2", #/Interrupted: demo stopped in step 'fault'; si_cnn stopped in step '[a-z_]+'\. The interrupted runs were not stored/#)] {
            let names = jobs == "1" ? ["demo"] : ["demo", "si_cnn"]
            let (status, output) = try TestEnvironment.notebookInterrupted(
                ["run"] + names + ["--param", "fault=hang", "--jobs", jobs, "--cache-dir", cache.path], after: 3)
            XCTAssertEqual(status, 130, output)
            XCTAssertNotNil(output.firstMatch(of: lessons), output)
            XCTAssertNil(try? ReportStore.load("demo", cacheRoot: cache), "no stored run")
            let values = try FileManager.default.subpathsOfDirectory(atPath: cache.appendingPathComponent("values").path)
            XCTAssertFalse(values.isEmpty, "the 'total' step's cached value is kept")
        }
    }

    /// One Ctrl-C delivered twice at once (`timeout` signals the process and then its
    /// group) is one request: the run winds down and says where it stopped, rather than
    /// taking the second as "stop at once" and exiting without a word.
    func testASignalDeliveredTwiceAtOnceIsOneRequest() throws {
        let cache = folder.appendingPathComponent("cache-twice")
        func interrupt(gaps: [Double]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = try TestEnvironment.notebookBinary()
            process.arguments = ["run", "demo", "--param", "fault=hang", "--cache-dir", cache.path]
            process.currentDirectoryURL = TestEnvironment.packageRoot
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            Thread.sleep(forTimeInterval: 3)
            for gap in gaps {
                kill(process.processIdentifier, SIGINT)
                Thread.sleep(forTimeInterval: gap)
            }
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        let doubled = try interrupt(gaps: [0.001, 0.001])
        XCTAssertEqual(doubled.status, 130, doubled.output)
        XCTAssertTrue(doubled.output.contains("Interrupted: demo stopped in step 'fault'."), doubled.output)
        XCTAssertFalse(doubled.output.contains("Interrupted again"), doubled.output)
        XCTAssertEqual(TestEnvironment.lessonChildren(containing: cache.path), [], "no lesson process left running")
    }

    /// SIGTERM (kill, timeout) and SIGHUP (a closed terminal) stop a run as Ctrl-C does,
    /// with the shell's status for each; the lesson's process goes with it.
    func testTerminationAndHangupStopTheRunAndItsLessonProcess() throws {
        let cache = folder.appendingPathComponent("cache-signals")
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
            let (ended, output) = try TestEnvironment.notebookInterrupted(
                ["run", "demo", "--param", "fault=hang", "--cache-dir", cache.path], after: 3, signal: signal)
            XCTAssertEqual(ended, status, output)
            XCTAssertTrue(output.contains("Interrupted: demo stopped in step 'fault'."), output)
            XCTAssertEqual(TestEnvironment.lessonChildren(containing: cache.path), [], "no lesson process left running")
        }
    }

    /// A parent killed outright (SIGKILL, which it cannot pass on) does not leave its
    /// lesson's process running: the orphan notices and ends.
    func testALessonProcessEndsWhenItsParentIsKilled() throws {
        // Mid-lesson, and just as the lesson's process starts (before it could look at
        // its parent itself: the parent gives its id).
        for delay in [3, 0.03, 0.04, 0.05, 0.08] {
            let cache = folder.appendingPathComponent("cache-orphan-\(delay)")
            let (ended, _) = try TestEnvironment.notebookInterrupted(
                ["run", "demo", "--param", "fault=hang", "--cache-dir", cache.path], after: delay, signal: SIGKILL)
            XCTAssertNil(ended, "killed by the signal")
            var left = TestEnvironment.lessonChildren(containing: cache.path)
            for _ in 0..<30 where !left.isEmpty {
                Thread.sleep(forTimeInterval: 0.1)
                left = TestEnvironment.lessonChildren(containing: cache.path)
            }
            XCTAssertEqual(left, [], "the orphaned lesson process ended within three seconds (killed after \(delay) s)")
            for pid in left { kill(pid, SIGKILL) }
        }
    }

    func testUntilStopsAfterTheStep() throws {
        let (status, _, report) = try runDemo(["--until", "table"])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(report.steps.map(\.status), [.ok, .ok, .skipped, .skipped, .skipped, .skipped])
        XCTAssertEqual(report.steps[2].skipReason, "not run: stopped after --until table")
    }

    /// A value of the wrong type is refused before the lesson runs (no steps, no stored
    /// run replaced), the type taken from the lesson's code.
    func testBadParameterIsRefusedBeforeTheRun() throws {
        let cache = folder.appendingPathComponent("cache").path
        let result = try TestEnvironment.notebook(["run", "demo", "--param", "scale=big", "--cache-dir", cache])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("--param scale=big: lesson demo reads scale as Double, and 'big' is not one"),
                      result.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "nothing ran")
    }

    func testExpectedMismatchFailsWithADiffAndTolerancepasses() throws {
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path]
        let junit = folder.appendingPathComponent("junit.xml")
        let mismatch = try TestEnvironment.notebook(["test", "demo", "--param", "scale=2", "--junit", junit.path] + cache)
        XCTAssertEqual(mismatch.status, 1)
        XCTAssertTrue(mismatch.output.contains("lessons/demo.md:"), mismatch.output)
        XCTAssertTrue(mismatch.output.contains("step 'mean': output differs from the expected block"), mismatch.output)
        XCTAssertTrue(mismatch.output.contains("22 is not close to 11"), mismatch.output)
        // The step's own line says so, not ✓; the steps that match keep theirs.
        let meanLine = mismatch.output.split(separator: "\n").first { $0.hasPrefix("  ✗ mean ") }
        XCTAssertTrue(meanLine?.hasSuffix("s  output differs from the expected block") == true, mismatch.output)
        XCTAssertTrue(mismatch.output.contains("  ✓ hello "), mismatch.output)
        XCTAssertTrue(mismatch.output.contains("-mean = 11.0\n+mean = 22.0000\n third = 0.3333333333333333\n"), mismatch.output)
        XCTAssertTrue(mismatch.output.hasSuffix("0 passed, 1 failed\n"), mismatch.output)
        // JUnit: one case per step, the mismatching one failed with the explanation.
        let xml = try String(contentsOf: junit, encoding: .utf8)
        XCTAssertTrue(xml.contains("<testsuite name=\"demo\" tests=\"6\" failures=\"1\" skipped=\"0\""), xml)
        XCTAssertTrue(xml.contains("<testcase classname=\"lessons/demo.md\" name=\"mean\""), xml)
        XCTAssertTrue(xml.contains("<failure message=\"output differs from the expected block\">line 61: 22 is not close to 11"), xml)
        // 11 * 1.0005 = 11.0055 is within rtol=0.001 of 11.0.
        let close = try TestEnvironment.notebook(["test", "demo", "--param", "scale=1.0005"] + cache)
        XCTAssertEqual(close.status, 0, close.output)
        XCTAssertTrue(close.output.hasSuffix("1 passed, 0 failed\n"), close.output)
    }

    func testUpdateRoundTripsByteForByteAndRewritesOnlyWhatChanged() throws {
        let lessons = folder.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let original = try Data(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("lessons/demo.md"))
        let copy = lessons.appendingPathComponent("demo.md")
        try original.write(to: copy)
        let cache = ["--cache-dir", folder.appendingPathComponent("cache").path, "--lessons-dir", lessons.path]

        let unchanged = try TestEnvironment.notebook(["test", "demo", "--update"] + cache)
        XCTAssertEqual(unchanged.status, 0, unchanged.output)
        XCTAssertTrue(unchanged.output.hasSuffix("1 passed, 0 failed; no lesson file needed updating\n"), unchanged.output)
        XCTAssertEqual(try Data(contentsOf: copy), original)

        // With --param, --update refuses unless forced: the blocks would hold that run's figures.
        let refused = try TestEnvironment.notebook(["test", "demo", "--update", "--param", "scale=2"] + cache)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("drop --param (or add --force to write that run's figures)"), refused.output)
        XCTAssertEqual(try Data(contentsOf: copy), original)

        // Interrupted, --update changes no file and says so.
        let (status, output) = try TestEnvironment.notebookInterrupted(
            ["test", "demo", "--update", "--force", "--param", "scale=2", "--param", "fault=hang"] + cache, after: 3)
        XCTAssertEqual(status, 130, output)
        XCTAssertTrue(output.contains("--update: no lesson file was changed."), output)
        XCTAssertEqual(try Data(contentsOf: copy), original)

        let updated = try TestEnvironment.notebook(["test", "demo", "--update", "--force", "--param", "scale=2"] + cache)
        XCTAssertEqual(updated.status, 0, updated.output)
        XCTAssertTrue(updated.output.hasSuffix("0 passed, 1 failed; 1 lesson file(s) updated, so their differences are now expected\n"),
                      updated.output)
        let text = try String(contentsOf: copy, encoding: .utf8)
        let before = String(decoding: original, as: UTF8.self)
        let expected = before.replacingOccurrences(of: "...\nmean = 11.0\nthird = 0.33 ± 0.01\n",
                                                   with: "...\nmean = 22.0000\nthird = 0.3333333333333333 ± 0.01\n")
        XCTAssertEqual(text, expected)

        // A file saved by a Windows editor keeps its byte order mark and CRLF line ends.
        let windows = { (text: String) in Data([0xEF, 0xBB, 0xBF]) + Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        try windows(before).write(to: copy)
        let updatedWindows = try TestEnvironment.notebook(["test", "demo", "--update", "--force", "--param", "scale=2"] + cache)
        XCTAssertEqual(updatedWindows.status, 0, updatedWindows.output)
        XCTAssertEqual(try Data(contentsOf: copy), windows(expected))
    }
}
