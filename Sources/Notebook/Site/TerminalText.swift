import Foundation

/// Text a step printed for a terminal, made fit for a page: ANSI escape sequences (colours,
/// cursor moves) removed, and a line rewritten with carriage returns (a progress bar) kept
/// as its final state, as the terminal last showed it.
enum TerminalText {
    static func cleaned(_ text: String) -> String {
        // Scalars, not Characters: "\r\n" is a single Character in Swift.
        guard text.unicodeScalars.contains(where: { $0 == "\u{1B}" || $0 == "\r" }) else { return text }
        var lines: [String] = []
        let unixLines = withoutEscapes(text).replacingOccurrences(of: "\r\n", with: "\n")
        for visible in unixLines.split(separator: "\n", omittingEmptySubsequences: false) {
            // After a carriage return the terminal overwrites from the left; what stays is the
            // last segment plus whatever of the earlier, longer ones it did not cover.
            var shown: [Character] = []
            for segment in visible.split(separator: "\r", omittingEmptySubsequences: false) {
                let characters = Array(segment)
                if characters.count >= shown.count {
                    shown = characters
                } else {
                    shown.replaceSubrange(0..<characters.count, with: characters)
                }
            }
            lines.append(String(shown))
        }
        return lines.joined(separator: "\n")
    }

    /// `text` without CSI (`ESC [ ... letter`) and two-character escape sequences.
    static func withoutEscapes(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            guard let next = scalars.next() else { break }
            if next == "[" {
                while let c = scalars.next(), !(("@"..."~").contains(c)) {}
            }
        }
        return out
    }
}

/// Durations as pages show them: `4 ms`, `1.42 s`, `12.3 s`, `2 min 05 s`.
enum DurationText {
    static func text(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 0.9995 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 10 { return formatted(seconds, decimals: 2) + " s" }
        if seconds < 60 { return formatted(seconds, decimals: 1) + " s" }
        let whole = Int(seconds.rounded())
        let minutes = whole / 60, rest = whole % 60
        if minutes < 60 { return "\(minutes) min \(rest < 10 ? "0" : "")\(rest) s" }
        return "\(minutes / 60) h \(minutes % 60 < 10 ? "0" : "")\(minutes % 60) min"
    }

    /// Fixed decimals without Foundation's locale-dependent formatting.
    private static func formatted(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = Int((value * scale).rounded())
        let whole = units / Int(scale), fraction = units % Int(scale)
        var digits = String(fraction)
        while digits.count < decimals { digits = "0" + digits }
        return "\(whole).\(digits)"
    }
}
