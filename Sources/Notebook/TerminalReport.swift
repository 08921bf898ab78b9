import Foundation
import LessonFormat

/// The terminal report of `notebook run` and `notebook test`: one line per step with its
/// status and time, then what it printed and showed, indented under it.
public enum TerminalReport {
    /// The line that opens a lesson.
    /// A title that starts with the lesson's name (`sd_lstm: an LSTM on ...`) follows it
    /// directly instead of repeating it.
    public static func header(_ lesson: Lesson, style: TerminalStyle) -> String {
        let title: String
        switch lesson.title {
        case let t? where t.hasPrefix(lesson.name + ":"): title = String(t.dropFirst(lesson.name.count))
        case let t?: title = " — \(t)"
        case nil: title = ""
        }
        let line = "▶ \(lesson.name)" + title
        // The file's path after the title, or under it when both do not fit the width.
        let path = "(\(lesson.path))"
        let separator = line.count + 2 + path.count <= style.width ? "  " : "\n  "
        return style.bold("▶ \(lesson.name)") + title + style.dim(separator + path) + "\n"
    }

    /// The line shown when a step waits for a value another notebook process is
    /// computing in the same cache (a wait that would otherwise look like a hang).
    public static func waiting(for name: String, style: TerminalStyle) -> String {
        style.dim("  waiting: another notebook process is computing the cached value '\(name)' in this cache folder; "
                  + "the step goes on once it is stored") + "\n"
    }

    /// The transient line a terminal shows while a long step runs ("  ▸ extract: 412 of
    /// 1012 recordings", then the note if any), without a newline: it is redrawn in place
    /// and wiped before the step's report. Cut to the width, since a line that wraps
    /// cannot be redrawn. Nil once the work is done: there is nothing left to show.
    public static func progress(step: String, done: Int, total: Int, unit: String, note: String? = nil,
                                style: TerminalStyle) -> String? {
        guard done < total else { return nil }
        let line = "  ▸ \(step): \(done) of \(total) \(unit)" + (note.map { "   " + $0 } ?? "")
        return style.dim(String(line.prefix(style.width - 1)))
    }

    /// The same progress, shorter, for the status line of lessons run in parallel
    /// ("extract 412/1012"); nil once the work is done.
    public static func briefProgress(step: String, done: Int, total: Int) -> String? {
        done < total ? "\(step) \(done)/\(total)" : nil
    }

    /// A step's status line followed by its outputs (and its error, for a failed step).
    /// `idWidth` (the lesson's longest step ID) lines the times up in a column; a step
    /// that ran but whose `outputDiffers` from its expected block (`notebook test`) is ✗.
    /// `lesson` names the lesson in the notes on cache entries that could not be used.
    public static func step(_ step: StepReport, lesson: String? = nil, style: TerminalStyle, showOutputs: Bool = true,
                            idWidth: Int = 0, outputDiffers: Bool = false) -> String {
        let time = style.dim(String(format: "%7.2fs", step.duration))
        let id = step.id.padding(toLength: max(idWidth, step.id.count), withPad: " ", startingAt: 0)
        var out: String
        switch step.status {
        case .ok:
            let cache = step.cache.isEmpty ? "" : style.dim("  cache: " + step.cache.map { "\($0.name) \($0.hit ? "hit" : "computed")" }.joined(separator: ", "))
            let mark = outputDiffers ? style.red("✗") : style.green("✓")
            let differs = outputDiffers ? "  " + style.red("output differs from the expected block") : ""
            out = "  \(mark) \(id) \(time)\(cache)\(differs)\n"
        case .failed:
            out = "  \(style.red("✗")) \(id) \(time)\n"
        case .skipped:
            out = "  \(style.yellow("-")) \(step.id) " + style.dim(step.skipReason ?? "skipped") + "\n"
        }
        out += cacheNotes(step, lesson: lesson, style: style)
        if showOutputs { out += outputs(step.outputs, indent: "      ", style: style) }
        if let error = step.error {
            out += style.red(wrapped("\(error.location): error: \(error.message)", indent: "      ", style: style)) + "\n"
        }
        return out
    }

    /// A line for each value whose cache entry was there but could not be used (cut
    /// short, damaged, unreadable), or that could not be stored, naming the step, the
    /// entry and why. Nothing is lost, the value is computed again (and the step goes on
    /// with it), but a cache failing run after run (a full or failing disk) should not go
    /// unseen. Shown with or without the outputs.
    static func cacheNotes(_ step: StepReport, lesson: String?, style: TerminalStyle) -> String {
        step.cache.flatMap(\.notes).map { note in
            let place = (lesson.map { "\($0):" } ?? "") + step.id
            return style.yellow(wrapped("note: \(place): " + note, indent: "      ", style: style)) + "\n"
        }.joined()
    }

    /// `text` after `indent`, and on a terminal each of its lines that is too long wrapped
    /// at word boundaries to the width, continuing under the same indent and the line's
    /// own leading spaces (the terminal would cut words in two; lines that fit, such as
    /// aligned expected/actual lines, are kept as they are). Elsewhere each line whole after
    /// the indent, so logs keep a message whole for searching, and its later lines (the
    /// ways to get the recordings, say) still sit under the step they belong to.
    public static func wrapped(_ text: String, indent: String = "", style: TerminalStyle) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let room = style.width - indent.count
            guard style.wrapsLines, line.count > room else { return indent + line }
            let leading = String(line.prefix { $0 == " " })
            return ProseRenderer.wrap(String(line.dropFirst(leading.count)), width: max(20, room - leading.count))
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { indent + leading + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Several steps' lines, with three or more skipped in a row for the same reason (every
    /// step after `--until`, or after a failure) folded into one line naming the first and
    /// the last.
    public static func steps(_ steps: [StepReport], lesson: String? = nil, style: TerminalStyle, showOutputs: Bool = true,
                             idWidth: Int = 0) -> String {
        var out = "", i = 0
        while i < steps.count {
            let reason = steps[i].skipReason
            var end = i
            while steps[i].status == .skipped, end + 1 < steps.count, steps[end + 1].status == .skipped,
                  steps[end + 1].skipReason == reason { end += 1 }
            if end - i >= 2 {
                out += "  \(style.yellow("-")) \(steps[i].id) … \(steps[end].id) (\(end - i + 1) steps) "
                    + style.dim(reason ?? "skipped") + "\n"
            } else {
                for step in steps[i...end] {
                    out += self.step(step, lesson: lesson, style: style, showOutputs: showOutputs, idWidth: idWidth)
                }
            }
            i = end + 1
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
