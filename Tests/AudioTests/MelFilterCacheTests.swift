@testable import Audio
import TestSupport
import XCTest

/// The mel filter banks are cached by their arguments; a sweep over them keeps only the
/// most recently used few, not one bank per value tried.
final class MelFilterCacheTests: XCTestCase {
    func testASweepOverNMelsKeepsOnlyTheLastFewBanks() throws {
        let S = Matrix(rows: 257, columns: 3, repeating: 1)
        for nMels in 1...40 { _ = try melspectrogram(S: S, sampleRate: 16000, nMels: nMels) }
        let held = MelFilterCache.banks.keys
        XCTAssertLessThanOrEqual(held.count, MelFilterCache.banks.capacity)
        XCTAssertTrue(held.contains { $0.nMels == 40 && $0.nFFT == 512 }, "the bank just used stays")
        XCTAssertFalse(held.contains { $0.nMels == 1 && $0.nFFT == 512 }, "the first of the sweep is gone")
    }

    func testTheBankUsedLongestAgoMakesRoom() {
        let cache = LeastRecentlyUsedCache<Int, Int>(capacity: 3)
        var made: [Int] = []
        func value(_ key: Int) -> Int { cache.value(for: key) { made.append(key); return key * 10 } }
        XCTAssertEqual([1, 2, 3].map(value), [10, 20, 30])
        XCTAssertEqual(value(1), 10)  // 1 is now the most recent; 2 the oldest
        XCTAssertEqual(value(4), 40)
        XCTAssertEqual(cache.keys, [1, 3, 4])
        XCTAssertEqual(value(2), 20)
        XCTAssertEqual(made, [1, 2, 3, 4, 2], "a hit builds nothing; an evicted key is built again")
    }

    func testThreadsSharingTheCacheGetTheirOwnKeysValues() {
        let cache = LeastRecentlyUsedCache<Int, [Int]>(capacity: 4)
        let wrong = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<500 {
                let key = (thread + i) % 11
                if cache.value(for: key, orMake: { [key, key * key] }) != [key, key * key] { wrong.add() }
            }
        }
        XCTAssertEqual(wrong.value, 0)
        XCTAssertLessThanOrEqual(cache.keys.count, 4)
    }
}
