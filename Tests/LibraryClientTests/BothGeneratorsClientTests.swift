import Learn
import SongEmotion
import XCTest

/// Code that uses Learn and SongEmotion together, as a lesson does, names Learn's
/// generator (the one `Layer.build` takes) and SongEmotion's (the one splits use) without
/// their modules: this file does not compile if the two share a name again.
final class BothGeneratorsClientTests: XCTestCase {
    func testEachGeneratorHasItsOwnName() {
        var weights = SeededGenerator(seed: 3)
        var rows = SplitMix64(seed: 3)
        XCTAssertNotEqual(weights.next(), rows.next(), "two algorithms, two streams")
        XCTAssertEqual(rows.permutation(of: 10).sorted(), Array(0..<10))
        let split = try? Split.speakerDependent(count: 10, testFraction: 0.2, seed: 3)
        XCTAssertEqual(split?.test.count, 2)
    }
}
