import LessonFormat

/// `notebook test --update`: rewrites the expected blocks whose step output no longer
/// matches, keeping everything else in the file byte for byte.
///
/// Only failing blocks change, so a lesson whose outputs all match is left exactly as it was.
/// A rewritten block keeps its fence lines (and with them `rtol=`/`atol=`), and a `± t`
/// annotation is carried over to the new number at the same place of a line that has the
/// same text around its numbers.
public enum ExpectedBlockUpdater {
    /// The lesson source with each block in `replacements` given new content (`actual` output).
    public static func rewrite(_ source: String, replacing replacements: [(block: ExpectedBlock, actual: String)]) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the bottom up, so earlier line numbers stay valid.
        for (block, actual) in replacements.sorted(by: { $0.block.fenceLine > $1.block.fenceLine }) {
            let prefix = String(block.indentation.map { $0 == ">" || $0 == " " || $0 == "\t" ? $0 : " " })
            let newLines = annotated(actual: ExpectedOutputCheck.lines(actual), old: ExpectedOutputCheck.lines(block.text))
                .map { $0.isEmpty ? $0 : prefix + $0 }
            let first = block.fenceLine          // index of the first content line (0-based: fenceLine)
            let end = block.closingFenceLine - 1 // index of the closing fence
            guard first <= end, end <= lines.count else { continue }
            lines.replaceSubrange(first..<end, with: newLines)
        }
        return lines.joined(separator: "\n")
    }

    /// The actual lines, with the `± t` of matching old lines carried over.
    static func annotated(actual: [String], old: [String]) -> [String] {
        let oldTokens = old.map { Token.split($0, annotations: true) }
        var searchFrom = 0
        return actual.map { line in
            let tokens = Token.split(line, annotations: false)
            guard tokens.contains(where: { if case .number = $0 { return true } else { return false } }) else { return line }
            let shape = skeleton(tokens)
            guard let match = oldTokens.indices.dropFirst(searchFrom).first(where: { skeleton(oldTokens[$0]) == shape }) else {
                return line
            }
            searchFrom = match + 1
            return zip(tokens, oldTokens[match]).map { new, old -> String in
                switch (new, old) {
                case let (.number(_, text, _), .number(_, _, plusMinus?)):
                    return "\(text) ± \(ValueFormatter.number(plusMinus))"
                case let (.number(_, text, _), _): return text
                case let (.text(text), _): return text
                }
            }.joined()
        }
    }

    /// The text parts of a line with each number replaced by a marker.
    private static func skeleton(_ tokens: [Token]) -> [String?] {
        tokens.map { if case .text(let text) = $0 { return text } else { return nil } }
    }
}
