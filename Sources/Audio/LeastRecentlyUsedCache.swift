import Foundation

/// A lock-guarded cache that keeps at most `capacity` values, dropping the one used
/// longest ago to make room: the filter banks and FFTW plans are keyed by their
/// arguments, and a program that tries many of them (a parameter sweep) would otherwise
/// keep every one it ever built. A dropped value lives on while a caller still holds it.
/// A hit costs a lookup and a counter update; the search for the oldest entry runs only
/// when a new value is added to a full cache.
final class LeastRecentlyUsedCache<Key: Hashable, Value>: @unchecked Sendable {
    let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: (value: Value, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity >= 1, "a cache holds at least one value")
        self.capacity = capacity
    }

    /// The value for `key`, made by `make` (under the lock, so that two threads asking
    /// for one new key build it once) when it is not cached.
    func value(for key: Key, orMake make: () throws -> Value) rethrows -> Value {
        lock.lock(); defer { lock.unlock() }
        clock += 1
        if let hit = entries[key] {
            entries[key] = (hit.value, clock)
            return hit.value
        }
        let value = try make()
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[key] = (value, clock)
        return value
    }

    /// The keys held, for tests.
    var keys: Set<Key> {
        lock.lock(); defer { lock.unlock() }
        return Set(entries.keys)
    }
}
