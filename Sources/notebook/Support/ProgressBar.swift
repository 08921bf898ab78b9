import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error: count/total, percentage, rate and ETA,
/// redrawn in place at most ten times a second. When standard error is not a terminal
/// (a log, CI), nothing is drawn while working and `finish` writes one plain line
/// (unless told not to).
/// Safe to update from several threads.
final class ProgressBar: @unchecked Sendable {
    enum Unit {
        case items(String)  // e.g. "files"
        case bytes
    }

    private let label: String
    private let unit: Unit
    private var total: Int64?
    private let isTerminal: Bool
    /// Whether `finish` writes its summary line when standard error is not a terminal.
    private let summarisesInLogs: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var count: Int64 = 0
    private let lock = NSLock()

    /// - Parameter total: nil when unknown (then only count and rate are shown).
    init(_ label: String, total: Int64?, unit: Unit = .items("files"),
         isTerminal: Bool = isatty(STDERR_FILENO) == 1, summarisesInLogs: Bool = true) {
        self.label = label
        self.total = total
        self.unit = unit
        self.isTerminal = isTerminal
        self.summarisesInLogs = summarisesInLogs
    }

    /// Records progress; `total` updates an estimate learned late (e.g. a download's size).
    func update(_ count: Int64, total: Int64? = nil) {
        lock.lock()
        defer { lock.unlock() }
        self.count = count
        if let total { self.total = total }
        draw()
    }

    /// One more item done (files extracted on several threads).
    @Sendable func advance() {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        draw()
    }

    /// Items (or bytes) done so far.
    var completed: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// Redraws the line on a terminal, at most ten times a second and at the end.
    /// Called with the lock held.
    private func draw() {
        guard isTerminal else { return }
        let now = Date()
        let done = self.total.map { count >= $0 } ?? false
        guard done || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        write("\r" + line(now: now) + "\u{1B}[K")
    }

    /// Ends the bar: on a terminal, the last state and a newline; otherwise one summary line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard isTerminal || summarisesInLogs else { return }
        write((isTerminal ? "\r" : "") + line(now: Date(), final: true) + (isTerminal ? "\u{1B}[K\n" : "\n"))
    }

    private func line(now: Date, final: Bool = false) -> String {
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(count) / elapsed : 0
        var parts = [label]
        if let total, total > 0 {
            let fraction = min(1, Double(count) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            parts.append("\(amount(count))/\(amount(total))")
            parts.append(String(format: "%3.0f%%", fraction * 100))
        } else {
            parts.append(amount(count))
        }
        parts.append(rateText(rate))
        if final {
            parts.append(String(format: "in %.1f s", elapsed))
        } else if let total, rate > 0, count < total, Double(total - count) / rate < Self.longestETA {
            parts.append("ETA " + clock(Double(total - count) / rate))
        }
        return parts.joined(separator: "  ")
    }

    private func amount(_ n: Int64) -> String {
        switch unit {
        case .items: return String(n)
        case .bytes: return String(format: "%.1f MB", Double(n) / 1e6)
        }
    }

    private func rateText(_ rate: Double) -> String {
        switch unit {
        case .items(let name): return "\(Int(rate.rounded())) \(name)/s"
        case .bytes: return String(format: "%.1f MB/s", rate / 1e6)
        }
    }

    /// 100 days. A longer estimate says only that the total is bogus or the link stalled,
    /// and one from a server's total near Int64.max would not fit in an Int for `clock`.
    private static let longestETA: Double = 100 * 24 * 3600

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
