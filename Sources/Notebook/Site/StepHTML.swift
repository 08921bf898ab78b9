import Foundation
import LessonFormat
import Plots

/// One step on a lesson page: a header line (ID, status, time, cached values, lesson line),
/// a note on each cache entry that could not be used, its highlighted code, then what it
/// printed and showed — text escaped, tables as HTML tables, plots as inline SVG — and,
/// for a failed step, the error with its file and line.
enum StepHTML {
    /// Natural size of plots on a page and in notebooks. Pages show them up to 720 px wide
    /// and shrink them to a phone's width; 600 px keeps their labels readable at both.
    static let plotWidth = 600, plotHeight = 360

    /// The fragment identifier of a step's block.
    static func anchor(_ id: String) -> String { "step-" + id }

    static func html(step: Step, report: StepReport?, lessonPath: String) -> String {
        let status = report?.status
        // Setup code stays out of the page unless it failed (then the reader needs to see why).
        if step.hidden && status != .failed { return "" }
        let statusClass = status?.rawValue ?? "not-run"
        var out = "<section class=\"step \(statusClass)\" id=\"\(HTMLText.escaped(anchor(step.id)))\">\n"
        out += header(step: step, report: report, lessonPath: lessonPath)
        if let report { out += unusedCacheEntries(report) }
        if !step.hidden {
            out += "<pre class=\"code\"><code>" + SwiftHighlighter.html(step.code) + "</code></pre>\n"
        }
        if let report {
            if !report.outputs.isEmpty {
                out += "<div class=\"outputs\">\n"
                for item in report.outputs { out += output(item) }
                out += "</div>\n"
            }
            if let error = report.error { out += errorHTML(error) }
            if report.status == .skipped {
                out += "<p class=\"note\">" + HTMLText.escaped(report.skipReason ?? "not run") + "</p>\n"
            }
        } else {
            out += "<p class=\"note\">This step has no output: the lesson has not been run since it was added.</p>\n"
        }
        return out + "</section>\n"
    }

    private static func header(step: Step, report: StepReport?, lessonPath: String) -> String {
        var parts = ["<span class=\"step-id\">" + HTMLText.escaped(step.id) + "</span>"]
        switch report?.status {
        case .ok?: parts.append("<span class=\"badge ok\">✓ ok</span>")
        case .failed?: parts.append("<span class=\"badge failed\">✗ failed</span>")
        case .skipped?: parts.append("<span class=\"badge skipped\">– skipped</span>")
        case nil: parts.append("<span class=\"badge skipped\">not run</span>")
        }
        if let report, report.status != .skipped {
            parts.append("<span class=\"time\" title=\"run time of this step\">" + DurationText.text(report.duration) + "</span>")
        }
        if let report, !report.cache.isEmpty {
            let uses = report.cache.map { HTMLText.escaped($0.name) + ($0.hit ? " from cache" : " computed") }
            parts.append("<span class=\"cache\">" + uses.joined(separator: ", ") + "</span>")
        }
        if step.hidden { parts.append("<span class=\"cache\">hidden setup step</span>") }
        parts.append("<span class=\"where\">" + HTMLText.escaped("\(lessonPath):\(step.fenceLine)") + "</span>")
        return "<div class=\"step-head\">" + parts.joined(separator: " ") + "</div>\n"
    }

    /// A note for each value whose cache entry was there but could not be used, as the
    /// terminal gives it: the header says only "computed", and a cache damaged run after
    /// run should not go unseen on the page either.
    private static func unusedCacheEntries(_ report: StepReport) -> String {
        report.cache.flatMap(\.notes).map { "<p class=\"note\">Note: " + HTMLText.escaped($0) + "</p>\n" }.joined()
    }

    static func output(_ item: OutputItem) -> String {
        switch item.shortenedForPages {
        case .text(let text):
            return "<pre class=\"out\">" + HTMLText.escaped(TerminalText.cleaned(text)) + "</pre>\n"
        case .value(let text, let type):
            return "<pre class=\"out value\" title=\"" + HTMLText.escaped(type) + "\">"
                + HTMLText.escaped(TerminalText.cleaned(text)) + "</pre>\n"
        case .table(let table):
            return tableHTML(table)
        case .plot(let plot):
            return "<figure class=\"plot\">\n" + plot.svg(width: plotWidth, height: plotHeight) + "</figure>\n"
        }
    }

    /// A table with numeric columns right-aligned (as in the terminal), in a box that
    /// scrolls sideways on a narrow screen instead of widening the page.
    static func tableHTML(_ table: Table) -> String {
        let columns = max(table.headers.count, table.rows.map(\.count).max() ?? 0)
        func cell(_ row: [String], _ column: Int) -> String { column < row.count ? row[column] : "" }
        let numeric = (0..<columns).map { column in
            !table.rows.isEmpty && table.rows.allSatisfy {
                let text = cell($0, column).trimmingCharacters(in: .whitespaces)
                return text.isEmpty || Double(text) != nil
            }
        }
        func attributes(_ column: Int) -> String { numeric[column] ? " class=\"num\"" : "" }
        var out = "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for column in 0..<columns {
            out += "<th\(attributes(column))>" + HTMLText.escaped(cell(table.headers, column)) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for column in 0..<columns {
                out += "<td\(attributes(column))>" + HTMLText.escaped(cell(row, column)) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    static func errorHTML(_ error: StepError) -> String {
        var out = "<div class=\"error\" role=\"alert\">\n<p><strong>"
        out += error.crashed ? "Crashed" : "Error"
        out += "</strong> at <code>" + HTMLText.escaped(error.location.description) + "</code>: "
        out += HTMLText.escaped(error.message) + "</p>\n"
        if let details = error.details, !details.isEmpty {
            out += "<details><summary>details</summary><pre>" + HTMLText.escaped(TerminalText.cleaned(details)) + "</pre></details>\n"
        }
        return out + "</div>\n"
    }
}
