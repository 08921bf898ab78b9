/// How pages sum up a run: one line (file, date, time, step counts) and the named results.
enum RunSummary {
    static func text(_ report: LessonReport?, path: String, stepCount: Int) -> String {
        guard let report else { return "\(path) · not run yet: run `notebook site` or `notebook run` to fill this page" }
        return [path, "ran " + PageDate.text(report.startedAt), "run time " + DurationText.text(report.duration),
                stepCounts(report)].joined(separator: " · ")
    }

    /// `7 steps: 6 ok, 1 failed`.
    static func stepCounts(_ report: LessonReport) -> String {
        let counts: [(StepStatus, String)] = [(.ok, "ok"), (.failed, "failed"), (.skipped, "skipped")]
        let parts = counts.compactMap { status, word -> String? in
            let count = report.steps.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(word)"
        }
        let total = report.steps.count
        return "\(total) step\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// The named results as a definition list of small boxes.
    static func resultsHTML(_ results: [NamedResult]) -> String {
        guard !results.isEmpty else { return "" }
        var out = "<dl class=\"results\" aria-label=\"Results\">"
        for result in results {
            out += "<div><dt>" + HTMLText.escaped(label(result)) + "</dt><dd>" + HTMLText.escaped(value(result)) + "</dd></div>"
        }
        return out + "</dl>\n"
    }

    /// A result's name for a reader: `accuracy_random_split` reads "accuracy random split".
    static func label(_ result: NamedResult) -> String {
        result.name.replacingOccurrences(of: "_", with: " ")
    }

    /// A number to four significant digits (0.9412, 1012), as a headline wants it; the
    /// stored run keeps every digit.
    static func value(_ result: NamedResult) -> String {
        guard case .number(let number) = result.value else { return result.value.description }
        return String(format: "%.4g", number)
    }
}
