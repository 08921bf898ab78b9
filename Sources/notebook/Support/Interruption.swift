import Foundation
import Notebook

/// What an interrupted command leaves behind, said before it exits: without this a Ctrl-C
/// ends a long extraction silently, and the user cannot tell whether anything was written.
///
/// Ctrl-C (SIGINT), a closed terminal (SIGHUP), `kill`/`timeout` (SIGTERM) and Ctrl-\\
/// (SIGQUIT) are all handled alike: each would otherwise end the process at once, leaving
/// a lesson's child process running without its parent, and SIGQUIT would have the Swift
/// runtime report a crash.
enum Interruption {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Runs `body`; a signal meanwhile writes `notice()` to standard error and exits at
    /// once with status 128 + the signal (130 for Ctrl-C, as the shell reports a death by
    /// it). Only for work whose results are written after `body` returns, so that stopping
    /// mid-way loses nothing. What was printed before the signal is flushed first (a row
    /// of results in a file or pipe would otherwise die in the buffer).
    ///
    /// Once per process: libdispatch on Linux delivers nothing to a second signal source
    /// for a signal once the first is cancelled, so a loop goes inside `body`.
    static func reported<T>(by notice: @escaping @Sendable () -> String, during body: () throws -> T) rethrows -> T {
        try handlingInterrupts({ signal in
            // Exit even if the writes below block (standard output and error may be one
            // full pipe whose reader has stopped reading). A thread of its own: the global
            // queue's may all be busy with the work.
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 1)
                _exit(128 + signal)
            }
            // Only when no other thread holds standard output (one blocked in a write
            // does): waiting for its lock could wait forever.
            if ftrylockfile(stdout) == 0 {
                fflush(stdout)
                funlockfile(stdout)
            }
            FileHandle.standardError.write(Data("\n\(notice())\n".utf8))
            _exit(128 + signal)  // not exit(): the worker threads are still running
        }, during: body)
    }

    /// Runs `body`; a first signal meanwhile requests `stop` (for `body` to wind down and
    /// say what it stopped), a second exits at once, saying so. A repeat within a quarter
    /// of a second is the first one delivered twice (to the process and to its group, as
    /// `timeout` sends it), not a second request.
    static func requesting<T>(_ stop: StopRequest, during body: () throws -> T) rethrows -> T {
        try handlingInterrupts({ signal in
            if stop.isRequested {
                if stop.wasRequested(within: 0.25) { return }
                FileHandle.standardError.write(Data("\nInterrupted again: stopped at once, without waiting for the lesson to wind down.\n".utf8))
                _exit(stop.exitStatus)
            }
            stop.request(signal: signal)
        }, during: body)
    }

    /// Runs `body` with the signals handled by `handler` on a queue of its own (the global
    /// queue's threads may all be busy with the work), then restores what was there. A
    /// signal the process was started ignoring stays ignored: `nohup notebook test --all`
    /// must survive the terminal closing, and a shell's background job its Ctrl-C.
    private static func handlingInterrupts<T>(_ handler: @escaping @Sendable (Int32) -> Void, during body: () throws -> T) rethrows -> T {
        let queue = DispatchQueue(label: "interruption")
        var handled: [(signal: Int32, saved: sigaction, source: DispatchSourceSignal)] = []
        for number in signals {
            // The whole disposition, flags included: the Swift runtime's crash reporter
            // (SIGQUIT's handler) needs its SA_SIGINFO and alternate stack back.
            var saved = sigaction()
            sigaction(number, nil, &saved)
            let previous = signal(number, SIG_IGN)  // delivered to the source instead
            if isIgnore(previous) { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            handled.append((number, saved, source))
        }
        defer {
            for var entry in handled {
                entry.source.cancel()
                sigaction(entry.signal, &entry.saved, nil)
            }
        }
        return try body()
    }

    /// A C signal handler (Glibc's `sighandler_t`, Darwin's `sig_t`).
    private typealias SignalHandler = @convention(c) (Int32) -> Void

    private static func isIgnore(_ handler: SignalHandler?) -> Bool {
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
