import Foundation
import LessonFormat

/// The terminal report of `notebook run` and `notebook test`: one line per step with its
/// status and time, then what it printed and showed, indented under it.
public enum TerminalReport {
    /// The line that opens a lesson.
    public static func header(_ lesson: Lesson, style: TerminalStyle) -> String {
        style.bold("▶ \(lesson.name)") + (lesson.title.map { " — \($0)" } ?? "") + style.dim("  (\(lesson.path))") + "\n"
    }

    /// The line shown while a step runs, above its live output.
    public static func running(_ id: String, style: TerminalStyle) -> String {
        style.dim("  ▸ \(id)") + "\n"
    }

    /// A step's status line followed by its outputs (and its error, for a failed step).
    public static func step(_ step: StepReport, style: TerminalStyle, showOutputs: Bool = true) -> String {
        let time = style.dim(String(format: "%7.2fs", step.duration))
        var out: String
        switch step.status {
        case .ok:
            let cache = step.cache.isEmpty ? "" : style.dim("  cache: " + step.cache.map { "\($0.name) \($0.hit ? "hit" : "computed")" }.joined(separator: ", "))
            out = "  \(style.green("✓")) \(step.id) \(time)\(cache)\n"
        case .failed:
            out = "  \(style.red("✗")) \(step.id) \(time)\n"
        case .skipped:
            out = "  \(style.yellow("-")) \(step.id) " + style.dim(step.skipReason ?? "skipped") + "\n"
        }
        if showOutputs { out += outputs(step.outputs, indent: "      ", style: style) }
        if let error = step.error {
            out += "      " + style.red("\(error.location): error: \(error.message)") + "\n"
        }
        return out
    }

    /// Output items as text, each line indented.
    public static func outputs(_ items: [OutputItem], indent: String, style: TerminalStyle) -> String {
        var out = ""
        for item in items {
            let text: String
            switch item {
            case .text(let printed): text = printed
            case .value(let shown, _): text = shown.hasSuffix("\n") ? shown : shown + "\n"
            case .table(let table): text = table.rendered()
            case .plot(let plot): text = PlotRendering.ascii(plot, width: style.width - indent.count)
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out += indent + line + "\n"
            }
        }
        return out
    }

    /// The closing line, e.g. `3 passed, 1 failed`.
    public static func summary(passed: Int, failed: Int) -> String {
        "\(passed) passed, \(failed) failed"
    }
}
