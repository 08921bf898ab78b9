import Foundation
import Plots

/// `notebook test --junit FILE`: one test suite per lesson, one test case per step.
public enum JUnitReport {
    public static func xml(_ checks: [LessonCheck]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for check in checks {
            let failures = check.steps.filter { !$0.passed }.count
            let skipped = check.steps.filter { $0.step.status == .skipped }.count
            out += "  <testsuite name=\"\(escape(check.report.lesson))\" tests=\"\(check.steps.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(seconds(check.report.duration))\">\n"
            for step in check.steps {
                out += "    <testcase classname=\"\(escape(check.report.path))\" name=\"\(escape(step.step.id))\" time=\"\(seconds(step.step.duration))\""
                if let error = step.step.error {
                    out += ">\n      <failure message=\"\(escape(error.message))\">\(escape(error.description + "\n" + (error.details ?? "")))</failure>\n    </testcase>\n"
                } else if let result = step.result, !result.matches {
                    out += ">\n      <failure message=\"output differs from the expected block\">\(escape((result.explanation ?? "") + "\n" + result.diff))</failure>\n    </testcase>\n"
                } else if step.step.status == .skipped {
                    out += ">\n      <skipped message=\"\(escape(step.step.skipReason ?? "not run"))\"/>\n    </testcase>\n"
                } else {
                    out += "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func escape(_ text: String) -> String { XMLText.escaped(text) }
}
