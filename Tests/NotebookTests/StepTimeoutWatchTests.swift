import Foundation
import XCTest
@testable import Notebook

/// `--step-timeout`'s clock: per step, stopped while the step waits for another process's
/// cached value, then SIGTERM, then SIGKILL two seconds later.
final class StepTimeoutWatchTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_000)
    private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    func testEachStepHasItsOwnClockAndAStuckProcessIsKilled() {
        var watch = StepTimeoutWatch(limit: 10)
        XCTAssertEqual(watch.check(running: "a", now: at(0)), .none)
        XCTAssertEqual(watch.check(running: "a", now: at(9)), .none)
        XCTAssertEqual(watch.check(running: "b", now: at(9.5)), .none, "a new step starts its own clock")
        XCTAssertEqual(watch.check(running: "b", now: at(19)), .none)
        XCTAssertEqual(watch.check(running: "b", now: at(19.6)), .terminate)
        XCTAssertEqual(watch.stopped?.step, "b")
        XCTAssertEqual(watch.check(running: "b", now: at(21)), .none)
        XCTAssertEqual(watch.check(running: "b", now: at(21.7)), .kill)
    }

    func testWaitingForAnotherProcessesCachedValueDoesNotCount() {
        var watch = StepTimeoutWatch(limit: 10)
        XCTAssertEqual(watch.check(running: "features", now: at(0)), .none)
        watch.note(.waiting(entry: "corpus-features"), now: at(1))
        XCTAssertEqual(watch.check(running: "features", now: at(60)), .none, "waiting")
        watch.note(.resumed, now: at(61))
        XCTAssertEqual(watch.check(running: "features", now: at(70)), .none, "9 s of its own")
        XCTAssertEqual(watch.check(running: "features", now: at(71.5)), .terminate)
    }

    func testNoLimitNeverStops() {
        var watch = StepTimeoutWatch(limit: nil)
        XCTAssertEqual(watch.check(running: "a", now: at(0)), .none)
        XCTAssertEqual(watch.check(running: "a", now: at(1e6)), .none)
    }
}
