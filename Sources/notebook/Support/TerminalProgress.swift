import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class TerminalProgress: @unchecked Sendable {
    private let total: Int
    private let title: String
    private let enabled = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()
    private var done = 0
    private let start = Date()

    init(total: Int, title: String) {
        self.total = total
        self.title = title
    }

    /// Items finished so far.
    var completed: Int {
        lock.lock(); defer { lock.unlock() }
        return done
    }

    /// One more item finished.
    @Sendable func advance() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled else { return }
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = Double(done) / max(Date().timeIntervalSince(start), 1e-9)
        FileHandle.standardError.write(Data("\r\(title) [\(bar)] \(done)/\(total) \(String(format: "%.1f", rate))/s".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
