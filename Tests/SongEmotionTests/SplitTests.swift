import Foundation
import NumPy
import SongEmotion
import TestSupport
import XCTest

final class SplitTests: XCTestCase {
    /// The tutorial's speaker-independent split: actors 1-20 train, 21-24 test. Its
    /// y_train/y_test (seed features) are the oracle for which rows go where.
    func testSpeakerIndependentSplitIsTheTutorials() throws {
        let recordings = try Recording.list(in: ReferencePaths.corpus())
        let split = try Split.speakerIndependent(recordings)
        XCTAssertEqual(split.train.count, 836)
        XCTAssertEqual(split.test.count, 176)
        XCTAssertTrue(split.train.allSatisfy { recordings[$0].actor <= 20 })
        XCTAssertTrue(split.test.allSatisfy { recordings[$0].actor >= 21 })
        let seed = try ReferencePaths.seedFeatures()
        let yTrain = try NPY.read(contentsOf: seed.appendingPathComponent("y_train.npy")).integers().map { Int($0) }
        let yTest = try NPY.read(contentsOf: seed.appendingPathComponent("y_test.npy")).integers().map { Int($0) }
        XCTAssertEqual(split.train.map { recordings[$0].label }, yTrain)
        XCTAssertEqual(split.test.map { recordings[$0].label }, yTest)
    }

    func testSpeakerIndependentActorListsAreConfigurable() throws {
        let actors = [1, 2, 3, 4, 1, 2, 3, 4, 5]
        let split = try Split.speakerIndependent(actors: actors, trainActors: [1, 3], testActors: [4])
        XCTAssertEqual(split.train, [0, 2, 4, 6])
        XCTAssertEqual(split.test, [3, 7])
        XCTAssertThrowsError(try Split.speakerIndependent(actors: actors, trainActors: [1, 2], testActors: [2, 3])) {
            XCTAssertEqual($0 as? SplitError, .overlappingActors([2]))
        }
        XCTAssertThrowsError(try Split.speakerIndependent(actors: actors, trainActors: [1], testActors: [9]))
    }

    /// Sizes as scikit-learn's train_test_split(test_size=0.1): test = ceil(0.1 n).
    func testSpeakerDependentSizesPartitionAndSeed() throws {
        let a = try Split.speakerDependent(count: 1012, seed: 42)
        XCTAssertEqual(a.test.count, 102)
        XCTAssertEqual(a.train.count, 910)
        XCTAssertEqual(Set(a.train + a.test), Set(0..<1012))
        XCTAssertEqual(a.train.count + a.test.count, 1012, "no index twice")
        XCTAssertEqual(try Split.speakerDependent(count: 1012, seed: 42), a, "same seed, same split")
        XCTAssertNotEqual(Set(try Split.speakerDependent(count: 1012, seed: 43).test), Set(a.test))
        XCTAssertEqual(try Split.speakerDependent(count: 11, seed: 1).test.count, 2)  // ceil(1.1)
        XCTAssertThrowsError(try Split.speakerDependent(count: 10, testFraction: 1.0, seed: 1))
        XCTAssertThrowsError(try Split.speakerDependent(count: 1, seed: 1))
    }

    /// SplitMix64's published outputs for seed 0 (Vigna's splitmix64.c).
    func testGeneratorIsSplitMix64() {
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(generator.next(), 0x06C4_5D18_8009_454F)
    }

    /// Every permutation of 3 items turns up about equally often (no modulo bias,
    /// no stuck positions): 6000 shuffles, each of 6 orders within 1000 +- 150 (> 5 sigma).
    func testPermutationsAreUniform() {
        var generator = SplitMix64(seed: 7)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<6000 { counts[generator.permutation(of: 3), default: 0] += 1 }
        XCTAssertEqual(counts.count, 6)
        for (order, n) in counts { XCTAssertTrue((850...1150).contains(n), "\(order): \(n)") }
    }
}
