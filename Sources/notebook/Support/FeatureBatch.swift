import Foundation
import SongEmotion

/// Extracts the recipe for many files on `jobs` threads, each pulling the next file.
enum FeatureBatch {
    struct Failure { let index: Int; let error: Error }
    struct Result {
        var rows: [[Double]?]
        /// Each file's sample rate (nil for a failed file).
        var sampleRates: [Int?]
        var failures: [Failure]
    }

    /// Rows in file order (nil for a failed file); failures sorted by file index.
    /// With `stopOnFailure`, workers stop taking new files after the first failure.
    static func run(files: [URL], extras: [FeatureExtra] = [], jobs: Int, stopOnFailure: Bool, profile: FeatureRecipe.Profile? = nil,
                    progress: @escaping @Sendable () -> Void = {}) -> Result {
        let state = BatchState(count: files.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { _ in
            while let i = state.next(stopOnFailure: stopOnFailure) {
                do {
                    let signal = try FeatureRecipe.decode(files[i], profile: profile)
                    let row = try FeatureRecipe.extract(signal, path: files[i].path, extras: extras, profile: profile)
                    state.store(row, sampleRate: signal.sampleRate, at: i)
                } catch {
                    state.fail(Failure(index: i, error: error))
                }
                progress()
            }
        }
        return state.result()
    }

    private final class BatchState: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private let count: Int
        private var rows: [[Double]?]
        private var sampleRates: [Int?]
        private var failures: [Failure] = []

        init(count: Int) {
            self.count = count
            rows = Array(repeating: nil, count: count)
            sampleRates = Array(repeating: nil, count: count)
        }

        func next(stopOnFailure: Bool) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextIndex < count, !(stopOnFailure && !failures.isEmpty) else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }

        func store(_ row: [Double], sampleRate: Int, at i: Int) {
            lock.lock(); rows[i] = row; sampleRates[i] = sampleRate; lock.unlock()
        }
        func fail(_ f: Failure) { lock.lock(); failures.append(f); lock.unlock() }

        func result() -> Result {
            lock.lock(); defer { lock.unlock() }
            return Result(rows: rows, sampleRates: sampleRates, failures: failures.sorted { $0.index < $1.index })
        }
    }
}
