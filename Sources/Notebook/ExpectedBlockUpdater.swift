import LessonFormat

/// `notebook test --update`: rewrites the expected blocks whose step output no longer
/// matches, keeping everything else in the file byte for byte.
///
/// Only failing blocks change, so a lesson whose outputs all match is left exactly as it was.
/// A rewritten block keeps its fence lines (and with them `rtol=`/`atol=`). When the output
/// still has the block's shape — the same text around the numbers, with `...` lines standing
/// for any lines — only the numbers are replaced, so `...` lines and `± t` annotations stay.
/// Otherwise the block becomes the output, with `± t` carried to lines of the same shape.
public enum ExpectedBlockUpdater {
    /// The lesson source with each block in `replacements` given new content (`actual` output).
    public static func rewrite(_ source: String, replacing replacements: [(block: ExpectedBlock, actual: String)]) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the bottom up, so earlier line numbers stay valid.
        for (block, actual) in replacements.sorted(by: { $0.block.fenceLine > $1.block.fenceLine }) {
            let prefix = String(block.indentation.map { $0 == ">" || $0 == " " || $0 == "\t" ? $0 : " " })
            let newLines = newContent(old: ExpectedOutputCheck.lines(block.text), actual: ExpectedOutputCheck.lines(actual))
                .map { $0.isEmpty ? $0 : prefix + $0 }
            let first = block.fenceLine          // 0-based index of the first content line
            let end = block.closingFenceLine - 1 // 0-based index of the closing fence
            guard first <= end, end <= lines.count else { continue }
            lines.replaceSubrange(first..<end, with: newLines)
            lengthenFences(opening: first - 1, closing: first + newLines.count, around: newLines, in: &lines)
        }
        return lines.joined(separator: "\n")
    }

    /// Makes a block's two fence lines longer than any line of `content` made only of the
    /// fence's character. A step that prints ``` (Markdown, a code sample) otherwise had its
    /// output close the block early, and every later fence of the lesson paired wrongly.
    static func lengthenFences(opening: Int, closing: Int, around content: [String], in lines: inout [String]) {
        guard opening >= 0, closing < lines.count,
              let (character, length) = fenceRun(lines[opening]) else { return }
        let longest = content.map { line -> Int in
            let text = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
            let run = text.prefix { $0 == character }.count
            return text.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" } ? run : 0
        }.max() ?? 0
        guard longest >= length else { return }
        for index in [opening, closing] {
            guard let start = lines[index].firstIndex(of: character) else { continue }
            let end = lines[index][start...].firstIndex { $0 != character } ?? lines[index].endIndex
            lines[index].replaceSubrange(start..<end, with: String(repeating: character, count: longest + 1))
        }
    }

    /// The character and length of the fence on an opening fence line.
    private static func fenceRun(_ line: String) -> (Character, Int)? {
        guard let start = line.firstIndex(where: { $0 == "`" || $0 == "~" }) else { return nil }
        let character = line[start]
        return (character, line[start...].prefix { $0 == character }.count)
    }

    /// The new lines of a block whose old lines are `old`.
    static func newContent(old: [String], actual: [String]) -> [String] {
        let oldTokens = old.map { Token.split($0, annotations: true) }
        let actualTokens = actual.map { Token.split($0, annotations: false) }
        let isEllipsis = old.map { $0.trimmingCharacters(in: .whitespaces) == "..." }
        if let alignment = align(count: old.count, actualCount: actual.count, isEllipsis: isEllipsis,
                                 sameShape: { skeleton(oldTokens[$0]) == skeleton(actualTokens[$1]) }) {
            return old.indices.map { index in
                guard let match = alignment[index] else { return old[index] }
                return merge(actualTokens[match], annotationsFrom: oldTokens[index])
            }
        }
        var searchFrom = 0
        return actualTokens.enumerated().map { offset, tokens in
            let shape = skeleton(tokens)
            guard shape.contains(nil),
                  let match = oldTokens.indices.dropFirst(searchFrom).first(where: { skeleton(oldTokens[$0]) == shape }) else {
                return actual[offset]
            }
            searchFrom = match + 1
            return merge(tokens, annotationsFrom: oldTokens[match])
        }
    }

    /// For each non-`...` old line, the actual line of the same shape it lines up with, when
    /// the whole output fits the block that way.
    static func align(count: Int, actualCount: Int, isEllipsis: [Bool], sameShape: (Int, Int) -> Bool) -> [Int: Int]? {
        var fit = BlockFit(count: count, actualCount: actualCount, isEllipsis: isEllipsis)
        func fits(_ e: Int, _ a: Int) -> Bool { fit.fits(e, a, same: sameShape) }
        guard fits(0, 0) else { return nil }
        var alignment: [Int: Int] = [:]
        var e = 0, a = 0
        while e < count {
            if isEllipsis[e] {
                a = (a...actualCount).first { fits(e + 1, $0) } ?? a
            } else {
                alignment[e] = a
                a += 1
            }
            e += 1
        }
        return alignment
    }

    /// The actual line's tokens, with the `± t` of the old line's numbers at the same places.
    private static func merge(_ tokens: [Token], annotationsFrom old: [Token]) -> String {
        tokens.enumerated().map { index, token -> String in
            switch token {
            case .text(let text): return text
            case let .number(_, text, _):
                if index < old.count, case let .number(_, _, plusMinus?) = old[index] {
                    return "\(text) ± \(ValueFormatter.number(plusMinus))"
                }
                return text
            }
        }.joined()
    }

    /// The text parts of a line with each number replaced by a marker.
    static func skeleton(_ tokens: [Token]) -> [String?] {
        tokens.map { if case .text(let text) = $0 { return text } else { return nil } }
    }
}
