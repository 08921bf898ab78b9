import ArgumentParser
import Audio
import Foundation
import NumPy
import SongEmotion

/// `notebook bench features`: extracts the whole corpus, timing it against a floor
/// (decode plus one STFT per file, measured in the same run), and compares every value
/// with the tutorial's reference `x.npy`.
struct BenchFeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Time the 386-value recipe over the corpus and check it against librosa's x.npy.",
        usage: UsageText.wrapped(["notebook bench features", "[--data <DIR>]", "[--reference <reference>]", "[--jobs <jobs>]",
                                  "[--limit <limit>]", "[--runs <runs>]"]),
        discussion: """
            Prints files/s, total seconds, peak memory (getrusage), the decode+STFT floor (the \
            fastest of its passes: one before the recipe and one after each run), \
            where the time goes per step, and per feature group the max and 99th-percentile \
            (over files) of the relative difference needed for |ours - ref| <= rtol*|ref| + \
            1e-6*max|ref of the group in that recording|. With --runs N the recipe runs N \
            times (one floor pass after each) and each run's seconds are printed; the time, \
            rate and ratio are the median run's (the best beside them), the CPU per step \
            the mean of a run, peak memory over all runs, parity that of the first run, and \
            every run must give the first run's values bit for bit.
            """
    )

    @Option(help: ArgumentHelp("The corpus folder, or part of it (default: $RAVDESS_SONG_DIR, else $XDG_CACHE_HOME/ravdess-song or ~/.cache/ravdess-song).",
                               valueName: "DIR"))
    var data: String?

    @Option(help: "Folder holding the reference x.npy (default: $SEED_FEATURES_DIR, else ../shared/reference/seed-features-librosa-0.8.1).")
    var reference: String?

    @Option(parsing: .unconditional, help: "Threads (default: all cores).")
    var jobs: Int?

    @Option(parsing: .unconditional, help: "Only the first N files (each is compared with its own x.npy row, found by its name).")
    var limit: Int?

    @Option(parsing: .unconditional, help: "Run the recipe N times and report the median and best run: a shared machine's speed moves between runs.")
    var runs: Int = 1

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if runs < 1 { throw ValidationError("--runs must be at least 1, got \(runs)") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
        // Only the default folder may be missing (parity is then skipped): a --reference
        // given that holds no x.npy is a mistake, found before the extraction.
        if let reference {
            let url = URL(fileURLWithPath: reference).appendingPathComponent("x.npy")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("--reference \(reference): \(url.path) not found")
            }
        }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let dataDir = try CorpusLocator(environment: env).locate(option: data).directory.path
        let listed = try AudioFileList.expand([dataDir])
        let files = limit.map { Array(listed.prefix(max($0, 0))) } ?? listed
        guard !files.isEmpty else { throw CommandFailure("\(dataDir): no audio files") }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        print("bench features: \(files.count) files from \(dataDir), \(jobs) thread(s), load average \(ProcessMeasures.loadAverage())")

        // The floor, timed before the recipe and after each run: a 2-3 s measurement moves
        // with the machine's other load far more than the recipe's 20 s, and the fastest
        // pass is the floor's own cost (the ratio then errs on the recipe's side).
        let floorFailures = FailedFiles()
        var floors = [Self.timeFloor(files, jobs: jobs, failures: floorFailures)]
        let profile = FeatureRecipe.Profile()
        var seconds = [Double]()
        var result: FeatureBatch.Result?
        for run in 1...runs {
            let start = Date()
            let thisRun = FeatureBatch.run(files: files, jobs: jobs, stopOnFailure: false, profile: profile)
            seconds.append(Date().timeIntervalSince(start))
            floors.append(Self.timeFloor(files, jobs: jobs, failures: floorFailures))
            if runs > 1 { print(String(format: "run %d of %d: %.2f s", run, runs, seconds[run - 1])) }
            if let first = result {
                try Self.requireSameValues(thisRun, run: run, as: first, files: files)
            } else {
                result = thisRun
            }
        }
        guard let result else { return }
        let floorSeconds = floors.min() ?? 0
        let ordered = seconds.sorted()
        let median = (ordered[(ordered.count - 1) / 2] + ordered[ordered.count / 2]) / 2, best = ordered[0]

        let peakMB = ProcessMeasures.peakRSSMegabytes()

        // Figures per file count the files analysed: a file that fails to decode costs
        // next to nothing and would flatter them.
        let analysed = files.count - result.failures.count
        guard analysed > 0 else { throw CommandFailure("Nothing measured: " + Self.failureReport(result.failures, of: files.count)) }
        let counted = analysed == files.count ? "" : " (over the \(analysed) files analysed)"
        let which = runs > 1 ? String(format: " (median of %d runs; best %.2f s)", runs, best) : ""
        print(String(format: "recipe: %.2f s total, %.1f files/s, %.1f ms/file/thread%@%@", median,
                     Double(analysed) / median, 1000 * median * Double(jobs) / Double(analysed), counted as NSString,
                     which as NSString))
        if runs > 1 {
            print(String(format: "floor (decode + one STFT): %.2f s (the fastest of %d passes: %@) -> recipe is %.1fx the floor (best run %.1fx)",
                         floorSeconds, floors.count, floors.map { String(format: "%.2f", $0) }.joined(separator: ", ") as NSString,
                         median / max(floorSeconds, 1e-9), best / max(floorSeconds, 1e-9)))
        } else {
            print(String(format: "floor (decode + one STFT): %.2f s (%.2f s before the recipe, %.2f s after) -> recipe is %.1fx the floor",
                         floorSeconds, floors[0], floors[1], median / max(floorSeconds, 1e-9)))
        }
        print(String(format: "peak memory (max RSS): %.0f MB", peakMB))
        Self.printProfile(profile, runs: runs, files: analysed)
        if floorFailures.count > 0 { print("floor: \(floorFailures.count) file(s) could not be decoded and transformed; its passes left them out") }
        try reportParity(files: files, rows: result.rows, env: env)
        guard result.failures.isEmpty else {
            throw CommandFailure(Self.failureReport(result.failures, of: files.count) + "\nThe figures above leave them out.")
        }
    }

    /// CPU time per step, and under the harmonic and tonnetz steps their inner stages
    /// (medians, phase, istft; tuning, resample, filters, responses) and the rest.
    private static func printProfile(_ profile: FeatureRecipe.Profile, runs: Int, files: Int) {
        let totals = profile.totals
        let steps = totals.filter { !$0.name.contains("/") }
        let stepTotal = steps.reduce(0) { $0 + $1.seconds }
        let per = runs > 1 ? ", per run" : ""
        print(String(format: "CPU time per step (thread CPU, all threads%@): %.2f s", per as NSString, stepTotal / Double(runs)))
        func line(_ indent: String, _ name: String, _ s: Double) {
            print(indent + name.padding(toLength: 14 - indent.count, withPad: " ", startingAt: 0)
                  + String(format: "%7.2f s  %5.1f %%  %6.2f ms/file", s / Double(runs), 100 * s / max(stepTotal, 1e-9),
                           1000 * s / Double(files * runs)))
        }
        for (step, s) in steps {
            line("  ", step, s)
            let stages = totals.filter { $0.name.hasPrefix(step + "/") }
            guard !stages.isEmpty else { continue }
            for (name, t) in stages { line("    ", String(name.dropFirst(step.count + 1)), t) }
            line("    ", "(rest)", max(0, s - stages.reduce(0) { $0 + $1.seconds }))
        }
    }

    /// Fails unless run `run` gave every file the first run's values, bit for bit, and
    /// failed the same files: threads share nothing that could change a value.
    private static func requireSameValues(_ this: FeatureBatch.Result, run: Int, as first: FeatureBatch.Result,
                                          files: [URL]) throws {
        for (i, file) in files.enumerated() {
            switch (first.rows[i], this.rows[i]) {
            case let (a?, b?) where a.map(\.bitPattern) != b.map(\.bitPattern):
                throw CommandFailure("run \(run) gave other values than run 1 for \(file.path)")
            case (nil, _?): throw CommandFailure("run \(run) analysed \(file.path), which run 1 could not")
            case (_?, nil): throw CommandFailure("run \(run) could not analyse \(file.path), which run 1 did")
            default: break
            }
        }
    }

    /// The files that failed, the first five with their errors (which name them).
    private static func failureReport(_ failures: [FeatureBatch.Failure], of count: Int) -> String {
        let more = failures.count > 5 ? "\n  ... and \(failures.count - 5) more" : ""
        return "\(failures.count) of \(count) file(s) could not be analysed:\n"
            + failures.prefix(5).map { "  \($0.error)" }.joined(separator: "\n") + more
    }

    /// Seconds to decode every file and take one magnitude STFT of it, on `jobs` threads
    /// as the recipe runs; the files that fail go into `failures`.
    private static func timeFloor(_ files: [URL], jobs: Int, failures: FailedFiles) -> Double {
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var i = worker
            while i < files.count {
                do {
                    let s = try AudioFile.read(files[i])
                    _ = try MagnitudeSpectrogram(y: s.samples, sampleRate: Double(s.sampleRate))
                } catch { failures.insert(i) }
                i += jobs
            }
        }
        return Date().timeIntervalSince(start)
    }

    /// x.npy's row for each file: the recording's place in the corpus's sorted listing (the
    /// project manifest's recordings, sorted), found by its `Actor_NN/name` without the
    /// extension; nil for a file that is not a corpus recording. So `--data` may point at
    /// any part of the corpus and each file is still compared with its own row.
    private static func referenceRows(of files: [URL]) -> [Int?] {
        let recordings = CorpusManifest.project.entries.map(\.recording).sorted()
        let rowOf = Dictionary(uniqueKeysWithValues: recordings.enumerated().map { ($1, $0) })
        return files.map { rowOf[$0.deletingLastPathComponent().lastPathComponent + "/" + $0.deletingPathExtension().lastPathComponent] }
    }

    private func reportParity(files: [URL], rows: [[Double]?], env: [String: String]) throws {
        let refDir = reference ?? env["SEED_FEATURES_DIR"] ?? "../shared/reference/seed-features-librosa-0.8.1"
        let url = URL(fileURLWithPath: refDir).appendingPathComponent("x.npy")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("parity: \(url.path) not found; skipped (give --reference)")
            return
        }
        let x = try NPY.read(contentsOf: url)
        let referenceRows = Self.referenceRows(of: files)
        guard x.shape.count == 2, x.shape[1] == FeatureRecipe.count, x.shape[0] > (referenceRows.compactMap { $0 }.max() ?? -1) else {
            throw CommandFailure("\(url.path): expected the corpus's 1012 x \(FeatureRecipe.count) features, got \(x.shape)")
        }
        // Files that failed have no row to compare and are reported as failures, not here.
        let outside = zip(rows, referenceRows).filter { $0.0 != nil && $0.1 == nil }.count
        if outside > 0 { print("parity: \(outside) file(s) are not corpus recordings and are not compared") }
        let ref = x.doubles
        print("parity vs \(url.path) (rtol needed per recording; floor 1e-6 x group max):")
        print("  group      max        p99        files > 1e-4   worst file")
        for group in FeatureRecipe.groups {
            guard let cols = FeatureRecipe.columns(of: group.name) else { continue }
            var needs = [(Double, Int)]()
            for (row, referenceRow) in zip(rows, referenceRows) {
                guard let row, let referenceRow else { continue }
                let start = referenceRow * FeatureRecipe.count
                let idx = Array(cols.means) + Array(cols.stds)
                let scale = idx.reduce(0.0) { max($0, abs(ref[start + $1])) }
                var need = 0.0
                for c in idx {
                    let r = ref[start + c]
                    let excess = abs(row[c] - r) - 1e-6 * scale
                    if excess > 0 { need = max(need, r == 0 ? .infinity : excess / abs(r)) }
                }
                needs.append((need, referenceRow))
            }
            let sorted = needs.sorted { $0.0 < $1.0 }
            guard let worst = sorted.last else { continue }
            let p99 = sorted[min(sorted.count - 1, Int((0.99 * Double(sorted.count)).rounded(.up)) - 1)].0
            let over = sorted.filter { $0.0 > 1e-4 }.count
            // The worst recording's x.npy row, when any differs beyond the floor.
            print("  " + group.name.padding(toLength: 9, withPad: " ", startingAt: 0)
                  + String(format: " %9.2e  %9.2e  %6d         ", worst.0, p99, over)
                  + (worst.0 > 0 ? "row \(worst.1)" : "-"))
        }
    }
}

/// The files (by index) that a floor pass could not analyse, from several threads and
/// passes: each is counted once.
private final class FailedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var indices = Set<Int>()

    func insert(_ index: Int) { lock.lock(); indices.insert(index); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return indices.count }
}
