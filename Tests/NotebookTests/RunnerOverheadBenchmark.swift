import XCTest
@testable import Notebook

/// Prints the runner's own cost per step (no timing assertions): a lesson of many steps
/// that each print one line, run through the child-process code path (output captured to a
/// file, each step's report written as a JSON-line event).
final class RunnerOverheadBenchmark: XCTestCase {
    func testOverheadPerStep() throws {
        let folder = try TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 1000
        let markdown = (0..<count).map { "```swift step=s\($0)\nprint(\($0))\n```\n" }.joined(separator: "\n")
        let entry = LessonEntry(name: "overhead", path: "lessons/overhead.md", markdown: markdown) { nb in
            for index in 0..<count {
                try nb.beginStep("s\(index)")
                print(index)
            }
            try nb.endLesson()
        }
        let options = ExecutionOptions(cacheRoot: folder, version: "bench")
        let events = folder.appendingPathComponent("events.jsonl")
        let start = Date()
        let status = LessonChild.run(entry, options: options, eventsURL: events, captureURL: folder.appendingPathComponent("out.txt"))
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(status, 0)
        // Every step's line was captured under that step.
        let lines = try String(contentsOf: events, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("\"stepFinished\"") }.count, count)
        XCTAssertTrue(lines.contains { $0.contains("\"id\":\"s999\"") && $0.contains("999\\n") })
        print(String(format: "runner overhead: %.1f µs per step (%d steps, capture + JSON event, in %.3f s)",
                     seconds / Double(count) * 1e6, count, seconds))
    }
}
