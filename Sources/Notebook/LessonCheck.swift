import Foundation
import LessonFormat

/// The outcome of `notebook test` for one lesson: the run, and each expected block
/// compared with its step's output.
public struct LessonCheck: Sendable {
    public struct StepCheck: Sendable {
        public var step: StepReport
        /// The block, when the step has one and is checked (not `no-check`).
        public var expected: ExpectedBlock?
        /// The comparison, when the step ran and has a checked block.
        public var result: ExpectedOutputCheck.Result?

        /// Whether this step counts as passed: it did not fail and its output matches.
        public var passed: Bool { step.status != .failed && (result?.matches ?? true) }
    }

    public var report: LessonReport
    public var steps: [StepCheck]

    /// Checks every step of `report` against the expected blocks in `lesson`.
    public init(lesson: Lesson, report: LessonReport) {
        self.report = report
        steps = report.steps.map { Self.check($0, in: lesson) }
    }

    /// One step's output against its expected block in `lesson` (as soon as it finishes).
    public static func check(_ step: StepReport, in lesson: Lesson) -> StepCheck {
        guard let source = lesson.step(step.id), let block = source.expected, !source.noCheck else {
            return StepCheck(step: step, expected: nil, result: nil)
        }
        guard step.status == .ok else { return StepCheck(step: step, expected: block, result: nil) }
        return StepCheck(step: step, expected: block, result: ExpectedOutputCheck.check(block, actual: step.checkedText))
    }

    /// True when no step failed and every checked output matched.
    public var passed: Bool { steps.allSatisfy(\.passed) }

    /// The failing blocks with the output that would replace them (`--update`).
    public var updates: [(block: ExpectedBlock, actual: String)] {
        steps.compactMap { check in
            guard let block = check.expected, let result = check.result, !result.matches else { return nil }
            return (block, check.step.checkedText)
        }
    }

    /// Human-readable failures, each starting with `file:line:`.
    public var failureMessages: [String] {
        steps.compactMap { check in
            if let error = check.step.error { return "\(error.location): step '\(check.step.id)' failed: \(error.message)" }
            guard let block = check.expected, let result = check.result, !result.matches else { return nil }
            return "\(report.path):\(block.fenceLine): step '\(check.step.id)': output differs from the expected block\n  \(result.explanation ?? "")\n\(result.diff)"
        }
    }
}
