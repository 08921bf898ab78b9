import Foundation

/// Output a child process writes, collected by a reading thread and read by the test's.
public final class LockedText: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()

    public init() {}

    public func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }

    public var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}
