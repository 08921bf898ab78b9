/// A train/test split as index arrays into a recording list (or the rows of a feature
/// matrix in the same order).
public struct Split: Equatable, Sendable {
    public let train: [Int]
    public let test: [Int]

    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }

    /// Speaker-dependent split: a seeded random partition in which every actor may appear
    /// on both sides. The sizes follow scikit-learn's `train_test_split(test_size:)`:
    /// `test = ceil(testFraction * count)`, so 1012 recordings give 910/102.
    /// Like scikit-learn, both index lists are in the shuffled order (test first taken
    /// from the permutation), so the same seed gives the same lists in the same order.
    /// - Throws: `SplitError` if `testFraction` is not strictly between 0 and 1, or if
    ///   either side would be empty.
    public static func speakerDependent(count: Int, testFraction: Double = 0.1, seed: UInt64) throws -> Split {
        guard testFraction > 0, testFraction < 1 else {
            throw SplitError.badTestFraction(testFraction)
        }
        let testCount = Int((testFraction * Double(count)).rounded(.up))
        guard count >= 2, testCount >= 1, testCount < count else {
            throw SplitError.tooFewRecordings(count: count, testFraction: testFraction)
        }
        var generator = SplitMix64(seed: seed)
        let order = generator.permutation(of: count)
        return Split(train: Array(order[testCount...]), test: Array(order[..<testCount]))
    }

    /// Speaker-independent split: the recordings of `trainActors` train, those of
    /// `testActors` test, so no voice is heard on both sides. The defaults are the
    /// tutorial's: actors 1-20 train, 21-24 test (836/176 recordings; actor 18 sang
    /// nothing). Indices ascend. Recordings of actors in neither list are left out.
    /// - Throws: `SplitError.overlappingActors` if an actor is in both lists,
    ///   `SplitError.emptySide` if a side has no recordings.
    public static func speakerIndependent(_ recordings: [Recording],
                                          trainActors: Set<Int> = Set(1...20),
                                          testActors: Set<Int> = Set(21...24)) throws -> Split {
        try speakerIndependent(actors: recordings.map(\.actor), trainActors: trainActors, testActors: testActors)
    }

    /// As `speakerIndependent(_:trainActors:testActors:)`, from each row's actor number.
    public static func speakerIndependent(actors: [Int],
                                          trainActors: Set<Int> = Set(1...20),
                                          testActors: Set<Int> = Set(21...24)) throws -> Split {
        let shared = trainActors.intersection(testActors)
        guard shared.isEmpty else { throw SplitError.overlappingActors(shared.sorted()) }
        let train = actors.indices.filter { trainActors.contains(actors[$0]) }
        let test = actors.indices.filter { testActors.contains(actors[$0]) }
        if train.isEmpty { throw SplitError.emptySide("train", actors: trainActors.sorted()) }
        if test.isEmpty { throw SplitError.emptySide("test", actors: testActors.sorted()) }
        return Split(train: train, test: test)
    }
}

/// Why a split could not be made.
public enum SplitError: Error, Equatable, CustomStringConvertible {
    case badTestFraction(Double)
    case tooFewRecordings(count: Int, testFraction: Double)
    case overlappingActors([Int])
    case emptySide(String, actors: [Int])

    public var description: String {
        switch self {
        case .badTestFraction(let f):
            return "test fraction \(f) must be strictly between 0 and 1"
        case .tooFewRecordings(let n, let f):
            return "cannot split \(n) recordings with test fraction \(f): one side would be empty"
        case .overlappingActors(let actors):
            return "actors \(actors.map(String.init).joined(separator: ", ")) are in both the train and the test list"
        case .emptySide(let side, let actors):
            return "no recordings for the \(side) side (actors \(actors.map(String.init).joined(separator: ", ")))"
        }
    }
}
