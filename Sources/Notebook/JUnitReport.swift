import Foundation

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

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters; drop them (ANSI escapes in output).
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
