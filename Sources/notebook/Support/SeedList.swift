import ArgumentParser

/// `train --seeds 0-4` or `--seeds 0,3,7`: the seeds to train one after another, for the
/// mean and range of a model's figures. Ranges and single seeds mix: `0-2,9`.
struct SeedList: Equatable {
    let seeds: [UInt64]

    init(_ seeds: [UInt64]) { self.seeds = seeds }

    /// The most seeds one list may name: a typo such as `0-1000000` would otherwise train for days.
    static let limit = 1000

    /// - Throws: `ValidationError` naming the part that is not a seed or range, or is a
    ///   reversed range (ArgumentParser puts "The value ... is invalid for '--seeds <list>'"
    ///   before it).
    static func parse(_ text: String) throws -> SeedList {
        var seeds: [UInt64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = UInt64(bounds[0]), let last = bounds.count == 2 ? UInt64(bounds[1]) : first else {
                throw ValidationError("'\(part)' is not a seed (0, 1, ...) or a range of seeds such as 0-4")
            }
            // A range written high to low is a range all the same: say which way it goes.
            guard first <= last else { throw ValidationError("\(part) is a reversed range; write \(last)-\(first)") }
            guard last - first < UInt64(limit - seeds.count) else {
                throw ValidationError("it names more than \(limit) seeds")
            }
            seeds += Array(first...last)
        }
        guard Set(seeds).count == seeds.count else {
            throw ValidationError("it names a seed twice")
        }
        return SeedList(seeds)
    }
}
