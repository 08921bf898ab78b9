import Foundation

/// A line of a terminal redrawn in place: a running step's progress (`StepProgress`), or
/// the status line of lessons run in parallel. It is wiped before the runner prints
/// anything else (not before what a step in `notebook step` prints itself: see
/// `returnsToStart`). Nothing is drawn when standard output is not a terminal (a log
/// gets the reports alone).
final class ProgressLine: @unchecked Sendable {
    private let live: Bool
    /// Whether the cursor goes back to the start of the line after drawing. `notebook
    /// step` prints a step's own text straight to the terminal, where the line cannot
    /// be wiped first: that text then starts at the left edge, over the progress, instead
    /// of after it.
    private let returnsToStart: Bool
    private let lock = NSLock()
    /// Back to the line's start, and erase it.
    private static let erase = "\r\u{1B}[K"
    private var shown = false

    init(returnsToStart: Bool = false, live: Bool = isatty(STDOUT_FILENO) == 1) {
        self.returnsToStart = returnsToStart
        self.live = live
    }

    /// Draws `text` on the line, or wipes it when `text` is nil (the work is done:
    /// `TerminalReport.progress` gives nil then).
    func show(_ text: String?) {
        lock.lock(); defer { lock.unlock() }
        guard live else { return }
        guard let text else { wipe(); return }
        print(Self.erase + text + (returnsToStart ? "\r" : ""), terminator: "")
        fflush(stdout)
        shown = true
    }

    /// Wipes the line if something is drawn on it (before other output).
    func clear() {
        lock.lock(); defer { lock.unlock() }
        wipe()
    }

    /// Wipes the line before an interruption's notice, which goes to standard error: the
    /// terminal has echoed `^C` over the progress, and the notice would start below that.
    /// Skipped rather than waited for when another thread is drawing (it may be blocked
    /// in a write, and the process must still exit).
    func wipeWithoutWaiting() {
        guard lock.try() else { return }
        defer { lock.unlock() }
        guard shown else { return }
        _ = Self.erase.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
        shown = false
    }

    private func wipe() {
        guard shown else { return }
        print(Self.erase, terminator: "")
        fflush(stdout)
        shown = false
    }
}
