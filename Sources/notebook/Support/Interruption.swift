import Foundation
import Notebook

/// What an interrupted command leaves behind, said before it exits: without this a Ctrl-C
/// ends a long extraction silently, and the user cannot tell whether anything was written.
enum Interruption {
    /// Runs `body`; a SIGINT meanwhile writes `notice()` to standard error and exits at
    /// once with status 130 (the shell's code for death by SIGINT). Only for work whose
    /// results are written after `body` returns, so that stopping mid-way loses nothing.
    static func reported<T>(by notice: @escaping @Sendable () -> String, during body: () throws -> T) rethrows -> T {
        try handlingInterrupts({
            FileHandle.standardError.write(Data("\n\(notice())\n".utf8))
            _exit(130)  // not exit(): the worker threads are still running
        }, during: body)
    }

    /// Runs `body`; a first SIGINT meanwhile requests `stop` (for `body` to wind down and
    /// say what it stopped), a second exits at once with status 130.
    static func requesting<T>(_ stop: StopRequest, during body: () throws -> T) rethrows -> T {
        try handlingInterrupts({
            if stop.isRequested { _exit(130) }
            stop.request()
        }, during: body)
    }

    /// Runs `body` with SIGINT handled by `handler` on a queue of its own (the global
    /// queue's threads may all be busy with the work), then restores the default.
    private static func handlingInterrupts<T>(_ handler: @escaping @Sendable () -> Void, during body: () throws -> T) rethrows -> T {
        signal(SIGINT, SIG_IGN)  // delivered to the source instead
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "interruption"))
        source.setEventHandler(handler: handler)
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try body()
    }
}
