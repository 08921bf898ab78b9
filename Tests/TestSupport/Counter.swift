import Foundation

/// A count that several threads add to (progress callbacks, concurrent workers).
public final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    public init() {}

    public func add() { lock.lock(); count += 1; lock.unlock() }

    public var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
