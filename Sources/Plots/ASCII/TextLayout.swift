/// Small text helpers shared by the terminal renderers.
enum TextLayout {
    /// `line` without trailing spaces (the runner compares outputs after trimming them, and
    /// deterministic bytes matter more than alignment at the end of a line).
    static func trimmed(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// `text` cut to at most `width` terminal columns, marking a cut with "..." (or with "~"
    /// when narrow, so a column name keeps more of its letters: "neutr~" rather than "neu...").
    /// Widths here are terminal columns (`TerminalWidth`), which for ASCII are characters.
    static func fitted(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard TerminalWidth.of(text) > width else { return text }
        if width <= 8 { return TerminalWidth.prefix(text, columns: width - 1) + "~" }
        return TerminalWidth.prefix(text, columns: width - 3) + "..."
    }

    /// `text` fitted to `width` and centred in it (extra space goes to the right).
    static func centered(_ text: String, width: Int) -> String {
        let fitted = fitted(text, width: width)
        let left = max(0, (width - TerminalWidth.of(fitted)) / 2)
        return String(repeating: " ", count: left) + fitted
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - TerminalWidth.of(text))) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TerminalWidth.of(text)))
    }

    /// Items joined by `separator`, wrapped onto several lines so that none exceeds `width`.
    static func wrapped(_ items: [String], separator: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        var current = indent
        for item in items {
            let fittedItem = fitted(item, width: width - indent.count)
            if current == indent {
                current += fittedItem
            } else if TerminalWidth.of(current) + separator.count + TerminalWidth.of(fittedItem) <= width {
                current += separator + fittedItem
            } else {
                lines.append(current)
                current = indent + fittedItem
            }
        }
        if current != indent { lines.append(current) }
        return lines.map(trimmed)
    }

    /// `wrapped` kept to `maxLines` lines (at least one): items that do not fit are left
    /// out, the last line ending in "and N more" (N of them), as the SVG legend's last row.
    static func wrapped(_ items: [String], separator: String, width: Int, indent: String = "", maxLines: Int) -> [String] {
        let all = wrapped(items, separator: separator, width: width, indent: indent)
        let maxLines = max(1, maxLines)
        guard all.count > maxLines else { return all }
        func shortened(_ shown: Int) -> [String] {
            wrapped(Array(items[..<shown]) + ["and \(items.count - shown) more"], separator: separator, width: width, indent: indent)
        }
        // The most items that fit with the note (none always does: the note alone is one line).
        var fits = 0, tooMany = items.count
        while tooMany - fits > 1 {
            let middle = (fits + tooMany) / 2
            if shortened(middle).count <= maxLines { fits = middle } else { tooMany = middle }
        }
        return shortened(fits)
    }

    /// `text` broken at spaces into lines of at most `width` characters (a word longer than
    /// the width is cut).
    static func wordWrapped(_ text: String, width: Int) -> [String] {
        wrapped(text.split(separator: " ").map(String.init), separator: " ", width: width)
    }

    /// The shade scale of a heatmap or image, "shade: LOW [ .:-=+*#%@] HIGH UNIT" and
    /// what `after` adds (", ? = no value"), wrapped to `width`. It breaks only between its
    /// parts: the ramp begins with a space (the lightest shade), and breaking there, as
    /// wrapping at every space did, put "[" at the end of one line and the rest of the
    /// ramp on the next.
    static func shadeScale(lower: Double, upper: Double, decimals: Int, unit: String?, after: String = "", width: Int) -> [String] {
        let rest = NumberFormat.fixed(upper, decimals: decimals) + (unit.map { " " + $0 } ?? "") + after
        let items = ["shade:", NumberFormat.fixed(lower, decimals: decimals), "[" + String(ramp) + "]"]
            + rest.split(separator: " ").map(String.init)
        return wrapped(items, separator: " ", width: width)
    }

    /// The shade ramp, from lowest to highest value; ASCII so every terminal shows it.
    static let ramp: [Character] = Array(" .:-=+*#%@")

    /// The ramp character for `fraction` in 0...1.
    static func shade(_ fraction: Double) -> Character {
        guard fraction.isFinite else { return "?" }
        let clamped = min(max(fraction, 0), 1)
        let index = Int((clamped * Double(ramp.count - 1)).rounded())
        return ramp[index]
    }
}
