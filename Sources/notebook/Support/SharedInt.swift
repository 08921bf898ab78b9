import Foundation

/// An Int written and read from several threads: a count of failures, the epoch under way.
final class SharedInt: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0

    func increment() { lock.lock(); stored += 1; lock.unlock() }
    func set(_ value: Int) { lock.lock(); stored = value; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return stored }
}
