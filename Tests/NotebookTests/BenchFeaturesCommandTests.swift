import Foundation
import TestSupport
import XCTest

/// `notebook bench features` through the built binary: it fails when it measured nothing
/// or could not compare what it was asked to.
final class BenchFeaturesCommandTests: TemporaryFolderTestCase {
    /// A file that does not decode is a failure named as such, not "not a corpus
    /// recording", and with nothing analysed there are no timings to report.
    func testFilesThatFailToDecodeAreAnError() throws {
        let corpus = folder.appendingPathComponent("Actor_01")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let bad = corpus.appendingPathComponent("03-02-01-01-01-01-01.flac")
        try Data("not audio\n".utf8).write(to: bad)
        let result = try TestEnvironment.notebook(["bench", "features", "--data", corpus.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("Nothing measured: 1 of 1 file(s) could not be analysed:"), result.output)
        XCTAssertTrue(result.output.contains(bad.path), result.output)
        XCTAssertFalse(result.output.contains("files/s"), result.output)
        XCTAssertFalse(result.output.contains("not corpus recordings"), result.output)
    }

    /// Only the default reference folder may be missing; one given is checked up front.
    func testAMissingReferenceGivenIsAnError() throws {
        let missing = folder.appendingPathComponent("nonexist")
        let result = try TestEnvironment.notebook(["bench", "features", "--reference", missing.path])
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("--reference \(missing.path): \(missing.path)/x.npy not found"), result.output)
        XCTAssertFalse(result.output.contains("bench features:"), "refused before the extraction: \(result.output)")
    }

    /// --runs repeats the recipe and prints each run; the time is the median run's (the
    /// mean of the middle two for an even count), the best is the fastest run, the floor
    /// the fastest of its passes; the default prints one run as before.
    func testRunsAreRepeatedAndSummarised() throws {
        let actor = try ReferencePaths.corpus().appendingPathComponent("Actor_21").path
        func bench(_ extra: [String]) throws -> String {
            let result = try TestEnvironment.notebook(["bench", "features", "--data", actor, "--limit", "1", "--jobs", "1"] + extra)
            XCTAssertEqual(result.status, 0, "every run gives the first run's values: \(result.output)")
            return result.output
        }
        /// The numbers after `prefix` on the output's line starting with it (up to `end`).
        func numbers(_ output: String, after prefix: String, upTo end: String = "\n") -> [Double] {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
            let rest = line.dropFirst(prefix.count).prefix { String($0) != end }
            return rest.split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        }
        for count in [3, 2] {
            let output = try bench(["--runs", "\(count)"])
            let runs = (1...count).compactMap { numbers(output, after: "run \($0) of \(count): ").first }
            XCTAssertEqual(runs.count, count, output)
            let ordered = runs.sorted()
            let median = (ordered[(count - 1) / 2] + ordered[count / 2]) / 2
            let recipe = numbers(output, after: "recipe: ")
            XCTAssertEqual(recipe.first ?? -1, median, accuracy: 0.0051, "the median run: \(output)")
            XCTAssertTrue(output.contains(String(format: "(median of %d runs; best %.2f s)", count, ordered[0])), output)
            let floor = numbers(output, after: "floor (decode + one STFT): ", upTo: ")")
            XCTAssertEqual(floor.count, 3 + count, "the floor, the pass count and each pass: \(output)")
            XCTAssertEqual(floor.first, floor.dropFirst(2).min(), "the fastest pass: \(output)")
            XCTAssertTrue(output.contains("CPU time per step (thread CPU, all threads, per run)"), output)
        }
        let single = try bench([])
        XCTAssertTrue(single.contains(" s before the recipe, "), single)
        XCTAssertFalse(single.contains(" of 1: "), single)
        XCTAssertFalse(single.contains("(median of"), single)
        // The harmonic and tonnetz steps are broken into their stages, which with the
        // rest add up to the step (to the printed rounding).
        let lines = single.split(separator: "\n").map(String.init)
        for (step, stages) in [("harmonic", ["medians", "phase", "istft"]),
                               ("tonnetz", ["tuning", "resample", "filters", "responses"])] {
            guard let at = lines.firstIndex(where: { $0.hasPrefix("  \(step) ") }) else {
                XCTFail("no \(step) step: \(single)"); continue
            }
            let below = lines[(at + 1)...].prefix { $0.hasPrefix("    ") }
            XCTAssertEqual(below.map { $0.split(separator: " ")[0] }, (stages + ["(rest)"]).map { Substring($0) }, single)
            let stepMs = numbers(lines[at], after: "  \(step) ").last ?? -1
            let partsMs = below.compactMap { $0.split(separator: " ").dropLast().last.flatMap { Double($0) } }
            XCTAssertEqual(partsMs.reduce(0, +), stepMs, accuracy: 0.005 * Double(partsMs.count + 1), single)
        }

        for (option, value) in [("--runs", "0"), ("--runs", "-1"), ("--limit", "-2")] {
            let refused = try TestEnvironment.notebook(["bench", "features", "--data", actor, option, value])
            XCTAssertEqual(refused.status, 64, refused.output)
            XCTAssertTrue(refused.output.contains("\(option) must be at least 1, got \(value)"), refused.output)
            XCTAssertFalse(refused.output.contains("bench features:"), "refused before the extraction: \(refused.output)")
        }
    }
}
