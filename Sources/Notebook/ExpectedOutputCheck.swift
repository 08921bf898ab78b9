import LessonFormat
internal import RealModule

/// Compares a step's output with its expected block.
///
/// - Lines are compared one by one after trimming trailing spaces and tabs.
/// - A line that is exactly `...` matches any number of lines, none included.
/// - Numbers are compared with a tolerance; all other text must be equal. A number `a` in the
///   output is close to `e` in the block when, as in swift-numerics' `isApproximatelyEqual`,
///   `a == e` or `|a - e| <= max(atol, rtol * max(|a|, |e|))`, where `rtol`/`atol` come from
///   the block's info string (default 0, so exact) and `e ± t` sets `atol = t` for one number.
///   The relation is symmetric but not transitive; `rtol` is scale-invariant.
public enum ExpectedOutputCheck {
    /// The outcome of one comparison.
    public struct Result: Equatable, Sendable {
        /// True when the output matches.
        public var matches: Bool
        /// The first line that does not match, with why (for the report).
        public var explanation: String?
        /// A line diff, expected (-) against actual (+).
        public var diff: String
    }

    public static func check(_ expected: ExpectedBlock, actual: String) -> Result {
        let expectedLines = lines(expected.text).map { ExpectedLine($0, block: expected) }
        let actualLines = lines(actual)
        var fit = BlockFit(count: expectedLines.count, actualCount: actualLines.count, isEllipsis: expectedLines.map(\.isEllipsis))
        if fit.fits(0, 0, same: { expectedLines[$0].matches(actualLines[$1]) == nil }) {
            return Result(matches: true, explanation: nil, diff: "")
        }
        return Result(matches: false, explanation: explain(expectedLines, actualLines, block: expected),
                      diff: diff(expected: expandingEllipses(expectedLines, actualLines), actual: actualLines, block: expected))
    }

    /// Lines of `text` with trailing spaces trimmed; a final newline does not make an empty line.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingSpaces() }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The expected lines with each `...` replaced by the output lines it stands for, when the
    /// output has the block's shape, so the diff shows only the lines that really differ.
    private static func expandingEllipses(_ expected: [ExpectedLine], _ actual: [String]) -> [String] {
        let actualTokens = actual.map { Token.split($0, annotations: false) }
        guard expected.contains(where: \.isEllipsis),
              let alignment = ExpectedBlockUpdater.align(count: expected.count, actualCount: actual.count,
                                                         isEllipsis: expected.map(\.isEllipsis),
                                                         sameShape: { ExpectedBlockUpdater.skeleton(expected[$0].tokens) == ExpectedBlockUpdater.skeleton(actualTokens[$1]) })
        else { return expected.map(\.text) }
        var lines: [String] = []
        var next = 0  // the next actual line not yet accounted for
        for (index, line) in expected.enumerated() {
            if line.isEllipsis {
                let end = expected[(index + 1)...].indices.lazy.compactMap { alignment[$0] }.first ?? actual.count
                lines += actual[next..<end]
                next = end
            } else {
                lines.append(line.text)
                next = (alignment[index] ?? next) + 1
            }
        }
        return lines
    }

    /// The first mismatch in the lines before any `...`, in words.
    private static func explain(_ expected: [ExpectedLine], _ actual: [String], block: ExpectedBlock) -> String {
        // When the output has the block's shape (text around numbers, `...` for any lines),
        // name the first number that is not close enough.
        let actualTokens = actual.map { Token.split($0, annotations: false) }
        if let alignment = ExpectedBlockUpdater.align(count: expected.count, actualCount: actual.count,
                                                      isEllipsis: expected.map(\.isEllipsis),
                                                      sameShape: { ExpectedBlockUpdater.skeleton(expected[$0].tokens) == ExpectedBlockUpdater.skeleton(actualTokens[$1]) }) {
            for (index, line) in expected.enumerated() {
                guard let match = alignment[index], let why = line.matches(actual[match]) else { continue }
                return "line \(block.fenceLine + 1 + index): \(why)\n  expected: \(line.text)\n  actual:   \(actual[match])"
            }
        }
        for (index, line) in expected.enumerated() {
            if line.isEllipsis { return "the output does not fit the lines around `...`" }
            guard index < actual.count else {
                return "output ends before expected line \(block.fenceLine + 1 + index): \(line.text)"
            }
            if let why = line.matches(actual[index]) {
                return "line \(block.fenceLine + 1 + index): \(why)\n  expected: \(line.text)\n  actual:   \(actual[index])"
            }
        }
        return "the output has \(actual.count - expected.count) more line(s) than expected, from: \(actual[expected.count])"
    }

    /// A unified-style diff of the two line lists; lines that match within tolerance are context.
    static func diff(expected: [String], actual: [String], block: ExpectedBlock) -> String {
        let expectedLines = expected.map { ExpectedLine($0, block: block) }
        let actualTokens = actual.map { Token.split($0, annotations: false) }
        let pairs = LineAlignment.pairs(expectedCount: expected.count, actualCount: actual.count) {
            expectedLines[$0].matches(actual[$1], tokens: actualTokens[$1]) == nil
        }
        var out = "--- expected\n+++ actual\n"
        var e = 0, a = 0
        for (pairedE, pairedA) in pairs + [(expected.count, actual.count)] {
            for line in expected[e..<pairedE] { out += "-\(line)\n" }
            for line in actual[a..<pairedA] { out += "+\(line)\n" }
            if pairedA < actual.count { out += " \(actual[pairedA])\n" }
            (e, a) = (pairedE + 1, pairedA + 1)
        }
        return out
    }
}

/// One line of an expected block, split into text and numbers.
struct ExpectedLine {
    let text: String
    let tokens: [Token]
    let isEllipsis: Bool
    let relativeTolerance: Double
    let absoluteTolerance: Double

    init(_ text: String, block: ExpectedBlock) {
        self.text = text
        self.tokens = Token.split(text, annotations: true)
        self.isEllipsis = text.trimmingCharacters(in: .whitespaces) == "..."
        self.relativeTolerance = block.relativeTolerance
        self.absoluteTolerance = block.absoluteTolerance
    }

    /// Nil when `actual` matches this line, else why not.
    func matches(_ actual: String) -> String? {
        matches(actual, tokens: Token.split(actual, annotations: false))
    }

    /// `matches(actual)` with the line already split (`Token.split(actual, annotations: false)`),
    /// for a line compared with many.
    func matches(_ actual: String, tokens others: [Token]) -> String? {
        if actual == text { return nil }
        guard others.count == tokens.count else { return "the text differs" }
        for (mine, theirs) in zip(tokens, others) {
            switch (mine, theirs) {
            case let (.text(a), .text(b)) where a == b: continue
            case let (.number(e, _, plusMinus), .number(a, _, _)):
                let atol = plusMinus ?? absoluteTolerance
                if !a.isApproximatelyEqual(to: e, absoluteTolerance: atol, relativeTolerance: relativeTolerance) {
                    let bound = max(atol, relativeTolerance * max(abs(a), abs(e)))
                    return "\(ValueFormatter.number(a)) is not close to \(ValueFormatter.number(e)): |difference| = \(ValueFormatter.number(abs(a - e))) > \(ValueFormatter.number(bound)) (atol \(ValueFormatter.number(atol)), rtol \(ValueFormatter.number(relativeTolerance)))"
                }
            default:
                return "the text differs"
            }
        }
        return nil
    }
}

/// A piece of an output line: text, or a number (with its `± t` tolerance in expected blocks).
enum Token: Equatable {
    case text(String)
    case number(Double, text: String, plusMinus: Double?)

    /// Splits a line into text and numbers. With `annotations`, `1.5 ± 0.1` (or `+-`) is one
    /// number with its own tolerance.
    static func split(_ line: String, annotations: Bool) -> [Token] {
        var tokens: [Token] = []
        var text = ""
        let characters = Array(line)
        var i = 0
        func flush() { if !text.isEmpty { tokens.append(.text(text)); text = "" } }
        while i < characters.count {
            if let (value, end) = number(in: characters, at: i), !(i > 0 && (characters[i - 1].isLetter || characters[i - 1] == "_") && characters[i] != "-") {
                flush()
                var plusMinus: Double?
                var next = end
                if annotations, let (tolerance, afterTolerance) = annotation(in: characters, at: end) {
                    plusMinus = tolerance
                    next = afterTolerance
                }
                tokens.append(.number(value, text: String(characters[i..<end]), plusMinus: plusMinus))
                i = next
            } else {
                text.append(characters[i])
                i += 1
            }
        }
        flush()
        return tokens
    }

    /// A decimal number starting at `i` (`-1`, `0.93`, `.5`, `1e-3`), with the index after it.
    static func number(in c: [Character], at start: Int) -> (Double, Int)? {
        var i = start
        if i < c.count, c[i] == "-" || c[i] == "+" { i += 1 }
        let digitsStart = i
        while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
        var sawDigits = i > digitsStart
        if i < c.count, c[i] == ".", i + 1 < c.count, c[i + 1].isASCII, c[i + 1].isNumber {
            i += 1
            while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
            sawDigits = true
        }
        guard sawDigits else { return nil }
        if i < c.count, c[i] == "e" || c[i] == "E" {
            var j = i + 1
            if j < c.count, c[j] == "-" || c[j] == "+" { j += 1 }
            let expStart = j
            while j < c.count, c[j].isASCII, c[j].isNumber { j += 1 }
            if j > expStart { i = j }
        }
        guard let value = Double(String(c[start..<i])) else { return nil }
        return (value, i)
    }

    /// ` ± 0.03` (or ` +- 0.03`) at `i`: the tolerance and the index after it.
    static func annotation(in c: [Character], at start: Int) -> (Double, Int)? {
        var i = start
        while i < c.count, c[i] == " " { i += 1 }
        if i < c.count, c[i] == "±" { i += 1 }
        else if i + 1 < c.count, c[i] == "+", c[i + 1] == "-" { i += 2 }
        else { return nil }
        while i < c.count, c[i] == " " { i += 1 }
        guard let (value, end) = number(in: c, at: i), value >= 0, value.isFinite else { return nil }
        return (value, end)
    }
}

import Foundation
