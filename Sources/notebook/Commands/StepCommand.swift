import ArgumentParser
import Foundation
import LessonFormat
import Notebook
import SongEmotion

/// `notebook step`: follow a lesson in a terminal, one step at a time.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Follow a lesson step by step: read the prose and code, press Enter to run it.",
        usage: UsageText.wrapped(["notebook step", "<lesson>", "[--param <name=value> ...]", "[--no-cache]",
                                  "[--cache-dir <dir>]", "[--data <DIR>]"]),
        discussion: """
            Needs a terminal. The lesson runs in this process with its output going straight to \
            the terminal, so progress appears live; `hidden` steps run without stopping. Prose \
            and code taller than the terminal come a screen at a time: Enter shows the next.
            """
    )

    @Argument(help: "The lesson to follow.")
    var lesson: String

    @OptionGroup var runOptions: LessonRunOptions

    func run() throws {
        guard let entry = try LessonSelection.entries(named: [lesson], all: false).first else { return }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            // An error, so on stderr (stdout may be a file the user reads as the lesson's output).
            FileHandle.standardError.write(text: "notebook step needs a terminal: it waits for Enter before each step.\n"
                                           + "Without one, run the whole lesson with: \(runCommandLine(for: entry.name))\n")
            throw ExitCode(2)
        }
        // The lesson runs in this process. If it crashes, the runtime's report should be short
        // (the crashed thread's top frames, which name the lesson line) and must not stop at
        // its interactive prompt. The setting is read at startup, so restart with it.
        if ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil {
            setenv("SWIFT_BACKTRACE", "enable=yes,interactive=no,threads=crashed,registers=none,images=none,limit=3,top=0", 1)
            execv(LessonRunner.currentExecutable().path, CommandLine.unsafeArgv)
        }
        let document = try entry.document()
        let style = TerminalStyle.forStandardOutput()
        let options = try runOptions.executionOptions(for: [entry])
        var failedStep: String?
        var stepNumber = 0
        // The header goes out with the first step's prose, a screen at a time with it.
        var unshown: String? = TerminalReport.header(document, style: style)
        let position = StepPosition.shared
        // Progress events come from the step's own threads (the corpus features are
        // extracted on every core) while its text goes straight to the terminal.
        let progressLine = ProgressLine(returnsToStart: true)
        // The lesson runs in this process, so a step calling exit() would end `step` at
        // once, silently and with status 0; say which step did it, and fail.
        atexit { StepPosition.shared.reportExitDuringStep() }
        try Interruption.reported(by: { progressLine.wipeWithoutWaiting(); return position.interruptionNotice }) {
            try LessonExecution.run(entry, options: options, captureURL: nil, gate: { step in
                stepNumber += 1
                position.move(to: step.id, running: false)
                if step.hidden {
                    if let header = unshown.take(), !Self.showPaged(header, style: style) { return false }
                    position.move(to: step.id, running: true)
                    return true
                }
                // Keys pressed while the previous step ran (an impatient Enter during
                // training) would otherwise run this step before its prose is read.
                if stepNumber > 1 { tcflush(STDIN_FILENO, TCIFLUSH) }
                let prose = ProseRenderer.render(step.proseBefore, style: style)
                let shown = [unshown.take(), prose.isEmpty ? nil : prose,
                             codeBox(step, number: stepNumber, of: document.steps.count, style: style)]
                let runs = Self.showPaged(shown.compactMap { $0 }.joined(separator: "\n"), style: style)
                    && Self.ask("Enter: run this step   q Enter: quit", style: style, insisting: true)
                position.move(to: step.id, running: runs)
                return runs
            }, emit: { event in
                if case let .progress(step, done, total, unit, _) = event {
                    // Without the note: the step's own lines (training's epochs) are printed
                    // here as they come, over the progress line, which must stay shorter.
                    progressLine.show(TerminalReport.progress(step: step, done: done, total: total, unit: unit,
                                                              style: style))
                    return
                }
                progressLine.clear()
                // The header is due before anything else, as when a step fails before its gate
                // (a lesson whose compiled code no longer matches its file).
                if let header = unshown.take() { print(header) }
                switch event {
                case .shown(let item, _):
                    print(TerminalReport.outputs([item], indent: "", style: style), terminator: "")
                case .stepFinished(let report, _):
                    position.finished(report.id)
                    if report.status == .failed { failedStep = report.id }
                    print(TerminalReport.step(report, lesson: document.name, style: style, showOutputs: false))
                case .waiting(let entry):
                    print(TerminalReport.waiting(for: entry, style: style), terminator: "")
                case .lessonFinished(let reason):
                    if reason == nil, failedStep == nil {
                        let closing = ProseRenderer.render(document.closingProse, style: style)
                        // The last step's report already ends with a blank line, as before
                        // the prose of every other step.
                        if !closing.isEmpty {
                            tcflush(STDIN_FILENO, TCIFLUSH)  // keys pressed during the last step
                            _ = Self.showPaged(closing, style: style)
                        }
                    }
                    print(style.dim(TerminalReport.wrapped(reason.map { "Stopped." + ($0.contains("reader") ? "" : " \($0)") }
                                                           ?? failedStep.map { Self.failureEnding(step: $0, in: document) }
                                                           ?? "End of the lesson.", style: style)))
                default:
                    break
                }
                fflush(stdout)
            })
        }
        if failedStep != nil { throw ExitCode(1) }
    }

    /// `notebook run LESSON` with this command's --param, --no-cache, --cache-dir and --data, so
    /// that the suggested run is the one asked for; arguments quoted for a POSIX shell.
    func runCommandLine(for lesson: String) -> String {
        var arguments = ["notebook", "run", lesson] + runOptions.parameters.flatMap { ["--param", $0] }
        if runOptions.noCache { arguments.append("--no-cache") }
        if runOptions.cacheDir != ".cache" { arguments += ["--cache-dir", runOptions.cacheDir] }  // the default
        if let data = runOptions.data { arguments += ["--data", data] }
        return arguments.map(ShellWord.quoted).joined(separator: " ")
    }

    /// The last line after a step failed: what was not run, and how to go on.
    static func failureEnding(step: String, in document: Lesson) -> String {
        let later = document.steps.count - 1 - (document.steps.firstIndex { $0.id == step } ?? document.steps.count - 1)
        let notRun = later == 0 ? "It was the last step." : "The \(later) step\(later == 1 ? "" : "s") after it did not run."
        return "Stopped: step '\(step)' failed. \(notRun) Once the cause is fixed, `notebook step \(document.name)` "
            + "starts again, reusing the values already cached."
    }

    /// The step's code with its lesson line numbers, under a rule naming the step.
    private func codeBox(_ step: Step, number: Int, of total: Int, style: TerminalStyle) -> String {
        let title = "── step \(number)/\(total): \(step.id) "
        var out = style.dim(title + String(repeating: "─", count: max(0, style.width - title.count))) + "\n"
        var lines = step.code.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let width = String(step.codeLine + lines.count).count
        let room = max(20, style.width - width - 3)
        for (offset, line) in lines.enumerated() {
            let number = String(step.codeLine + offset)
            let pieces = CodeWrapping.wrap(String(line), width: room)
            out += style.dim(String(repeating: " ", count: width - number.count) + number + " │ ") + pieces[0] + "\n"
            for piece in pieces.dropFirst() {
                out += style.dim(String(repeating: " ", count: width) + " ┆ ") + piece + "\n"
            }
        }
        return out + style.dim(String(repeating: "─", count: style.width))
    }

    /// Prints `text`, a screen at a time when it is taller than the terminal (less the
    /// rows of the prompt that follows each screen): the reader presses Enter for the
    /// next screen. False when the reader quits instead. All at once where the terminal
    /// does not say how tall it is.
    private static func showPaged(_ text: String, style: TerminalStyle) -> Bool {
        guard let rows = TerminalStyle.terminalRows(), rows >= 3 else {
            print(text)
            return true
        }
        let columns = max(1, TerminalStyle.terminalColumns() ?? style.width)
        func more(_ number: Int, of count: Int) -> String { "Enter: more (\(number) of \(count) screens)   q Enter: quit" }
        // Room for the prompt under each screen: more than a row on a narrow terminal.
        let promptRows = TerminalPages.rows(of: Substring(more(10, of: 10) + " "), columns: columns)
        let pages = TerminalPages.pages(text, height: max(1, rows - promptRows), columns: columns)
        for (number, page) in pages.enumerated() {
            print(page)
            if number < pages.count - 1, !ask(more(number + 1, of: pages.count), style: style, insisting: false) {
                return false
            }
        }
        return true
    }

    /// Shows `prompt` and reads a line: Enter answers yes; q (quit, exit) or end of input
    /// no. Anything else asks again when `insisting` (rather than run a step the reader
    /// did not ask for), else is taken as Enter.
    private static func ask(_ prompt: String, style: TerminalStyle, insisting: Bool) -> Bool {
        // Terminal rows printed since the first prompt, before the current one, at the
        // terminal's own width (the style's is clamped, and may come from COLUMNS).
        var earlierRows = 0
        let columns = max(1, TerminalStyle.terminalColumns() ?? style.width)
        func rows(_ text: String) -> Int { max(1, (text.count + columns - 1) / columns) }
        while true {
            print(style.dim(prompt) + " ", terminator: "")
            fflush(stdout)
            guard let answer = readLine() else { print(); return false }  // what follows starts a line
            switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
            case "q", "quit", "exit": return false
            case let other where other.isEmpty || !insisting:
                // On a terminal the prompts, their answers echoed, are wiped: a lesson's
                // transcript read back had them between every step's code and output.
                if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
                    print("\u{1B}[\(earlierRows + rows(prompt + " " + answer))A\r\u{1B}[J", terminator: "")
                }
                return true
            default:
                let retry = "'\(answer)'? Enter alone runs the step; q quits."
                print(retry)
                earlierRows += rows(prompt + " " + answer) + rows(retry)
            }
        }
    }
}

/// Where `notebook step` is, for the message a Ctrl-C leaves and for a step calling exit():
/// at a step's prompt, in its code or after it (set on the main thread, read by the signal
/// handler's queue).
private final class StepPosition: @unchecked Sendable {
    /// The one `step` follows (`atexit` takes no context to hand it one).
    static let shared = StepPosition()

    private let lock = NSLock()
    private var step: String?
    private var running = false
    private var finished = false

    func move(to step: String, running: Bool) {
        lock.lock(); self.step = step; self.running = running; finished = false; lock.unlock()
    }

    /// `step`'s code has returned (or thrown).
    func finished(_ step: String) {
        lock.lock(); self.step = step; running = false; finished = true; lock.unlock()
    }

    var interruptionNotice: String {
        lock.lock(); defer { lock.unlock() }
        guard let step else { return "Stopped." }
        let kept = "`notebook step` stores no run; the values cached by the steps that finished are kept."
        let place = finished ? "Stopped after step '\(step)'. "
            : running ? "Interrupted in step '\(step)'. " : "Stopped before step '\(step)'. "
        return place + kept
    }

    /// For `atexit`: the process is ending while a step's code runs, so that code called
    /// exit(). Says so on standard error and ends with status 1 instead.
    func reportExitDuringStep() {
        lock.lock()
        let step = running ? self.step : nil
        lock.unlock()
        guard let step else { return }
        fflush(stdout)
        FileHandle.standardError.write(Data("\nStopped in step '\(step)': \(LessonRunner.stepEndedProcess).\n".utf8))
        _exit(1)
    }
}
