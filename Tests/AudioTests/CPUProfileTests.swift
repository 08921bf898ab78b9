@testable import Audio
import Foundation
import XCTest

/// `CPUProfile`: parts timed with `time`, the library's stages reached from them under
/// "part/stage", nothing recorded for a stage outside a timed part, and each thread's
/// stages going to the part that thread is timing.
final class CPUProfileTests: XCTestCase {
    /// Busy work the optimiser cannot drop, so that a stage has CPU time to record.
    private func spin(_ iterations: Int) -> Double {
        var x = 1.0
        for i in 0..<iterations { x = x * 1.000_000_1 + Double(i & 7) * 1e-9 }
        return x
    }

    func testStagesAreRecordedUnderThePartThatReachedThem() {
        let profile = CPUProfile()
        let value = profile.time("tonnetz") { () -> Double in
            let a = stage("resample") { spin(200_000) }
            let b = stage("responses") { spin(100_000) }
            let c = stage("resample") { spin(200_000) }
            return a + b + c
        }
        XCTAssertGreaterThan(value, 0)
        XCTAssertEqual(profile.totals.map(\.name), ["tonnetz/resample", "tonnetz/responses", "tonnetz"],
                       "stages in first-seen order, repeated ones summed, the part when it ends")
        let seconds = Dictionary(uniqueKeysWithValues: profile.totals.map { ($0.name, $0.seconds) })
        XCTAssertGreaterThan(seconds["tonnetz/resample"] ?? 0, 0)
        XCTAssertGreaterThanOrEqual(seconds["tonnetz"] ?? 0,
                                    (seconds["tonnetz/resample"] ?? 0) + (seconds["tonnetz/responses"] ?? 0),
                                    "a part's time includes its stages'")
    }

    func testAStageOutsideATimedPartRecordsNothing() {
        let profile = CPUProfile()
        _ = stage("resample") { spin(1000) }
        profile.time("stft") { _ = spin(1000) }
        _ = stage("phase") { spin(1000) }
        XCTAssertEqual(profile.totals.map(\.name), ["stft"])
    }

    /// Two threads timing different parts at once: each stage lands under its own
    /// thread's part (the binding is per thread, as Dispatch's workers need).
    func testEachThreadsStagesGoToItsOwnPart() {
        let profile = CPUProfile()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let part = i == 0 ? "harmonic" : "tonnetz"
            for _ in 0..<50 {
                profile.time(part) { _ = stage(i == 0 ? "medians" : "tuning") { spin(2000) } }
            }
        }
        XCTAssertEqual(Set(profile.totals.map(\.name)), ["harmonic", "harmonic/medians", "tonnetz", "tonnetz/tuning"])
    }

    /// The harmonic part of a real signal goes through its three stages.
    func testHarmonicReportsItsStages() throws {
        let y = (0..<8192).map { Float(sin(Double($0) * 0.05)) * 0.5 }
        let profile = CPUProfile()
        _ = try profile.time("harmonic") { try harmonic(y) }
        XCTAssertEqual(profile.totals.map(\.name), ["harmonic/medians", "harmonic/phase", "harmonic/istft", "harmonic"])
    }
}
