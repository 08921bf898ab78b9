internal import CCmark
import Foundation

extension Lesson {
    /// Parses a lesson with cmark and checks it against the lesson format
    /// (docs/lesson-format.md). Throws `LessonFormatErrors` listing every problem found.
    ///
    /// - Parameters:
    ///   - source: the Markdown text.
    ///   - path: the path used in errors and `#sourceLocation`, e.g. `lessons/demo.md`.
    public static func parse(_ source: String, path: String) throws -> Lesson {
        var parser = LessonParser(source: normalizingLineEnds(source), path: path)
        return try parser.parse()
    }

    /// `text` with CRLF and lone CR line ends made LF, as CommonMark reads them. A lesson
    /// saved with Windows line ends then parses like any other (Swift reads "\r\n" as one
    /// Character, so splitting on "\n" would see a single line), and its `source`, the
    /// text compiled into the lesson module, uses LF throughout.
    public static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// UTF-8's byte order mark, EF BB BF.
    public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    /// A lesson file's bytes as text, without the byte order mark some editors write
    /// (Foundation versions differ on whether they keep it; the tangler and
    /// `test --update` must read the same text).
    ///
    /// - Throws: `LessonFormatErrors` with the line and column of the first byte that is
    ///   not UTF-8.
    public static func text(of data: Data, path: String) throws -> String {
        let data = data.starts(with: byteOrderMark) ? data.dropFirst(byteOrderMark.count) : data
        if let text = String(data: data, encoding: .utf8) { return text }
        let bytes = [UInt8](data)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        scan: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error, .emptyInput: break scan
            }
        }
        let bad = min(offset, bytes.count - 1)
        let before = bytes[..<bad]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = bad - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        throw LessonFormatErrors([LessonFormatError(.invalidUTF8(bytes[bad]), at: SourceLocation(file: path, line: line, column: column))])
    }
}

/// Walks cmark's tree of a lesson, picking out the fenced blocks that are steps and expected
/// outputs. Everything else is prose; its text is kept by line range, never re-rendered.
struct LessonParser {
    let source: String
    let path: String
    /// The source lines (1-based via `line(_:)`), without their line terminators.
    let lines: [Substring]

    private var errors: [LessonFormatError] = []
    private var steps: [PendingStep] = []
    private var lessonTitle: String?
    private var currentHeading: String?
    /// First line of the prose that precedes the next step.
    private var proseStart = 1

    private struct PendingStep {
        var step: Step
        var expected: ExpectedBlock?
        /// The step already had its expected block or other prose-free closure.
        var acceptsExpected: Bool
    }

    init(source: String, path: String) {
        self.source = source
        self.path = path
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(_ number: Int) -> Substring {
        number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }

    mutating func parse() throws -> Lesson {
        checkControlCharacters()
        guard let document = source.withCString({ cmark_parse_document($0, source.utf8.count, CMARK_OPT_DEFAULT) }) else {
            throw LessonFormatErrors([LessonFormatError(.unclosedFence, at: SourceLocation(file: path, line: 1))])
        }
        defer { cmark_node_free(document) }
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                let text = plainText(of: node)
                currentHeading = text
                if cmark_node_get_heading_level(node) == 1, lessonTitle == nil { lessonTitle = text }
            case CMARK_NODE_CODE_BLOCK:
                codeBlock(node)
            case CMARK_NODE_HTML_BLOCK:
                htmlBlock(node)
            default:
                break
            }
        }
        if !errors.isEmpty {
            throw LessonFormatErrors(errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        let name = String(path.split(separator: "/").last ?? Substring(path)).replacingSuffix(".md")
        let finished = steps.map { pending in
            Step(id: pending.step.id, hidden: pending.step.hidden, noCheck: pending.step.noCheck,
                 code: pending.step.code, fenceLine: pending.step.fenceLine,
                 closingFenceLine: pending.step.closingFenceLine, title: pending.step.title,
                 proseBefore: pending.step.proseBefore, proseLine: pending.step.proseLine,
                 expected: pending.expected)
        }
        let closing = proseStart <= lines.count ? lines[(proseStart - 1)...].joined(separator: "\n") : ""
        return Lesson(name: name, path: path, source: source, steps: finished, title: lessonTitle,
                      closingProse: closing, closingProseLine: proseStart)
    }

    /// Reports the first control character (tab and line ends aside) on each line: the
    /// Swift compiler refuses them in the module the lesson is compiled into, and would
    /// name the generated file rather than the lesson.
    private mutating func checkControlCharacters() {
        for (index, text) in lines.enumerated() {
            for (offset, scalar) in text.unicodeScalars.enumerated()
            where (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F {
                errors.append(LessonFormatError(.controlCharacter(scalar.value), at: location(index + 1, offset + 1)))
                break
            }
        }
    }

    /// The text of a heading's inline children (text and code spans).
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child),
               cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK, cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER {
                text += " "
            }
        }
        return text
    }

    private mutating func codeBlock(_ node: OpaquePointer) {
        let startLine = Int(cmark_node_get_start_line(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let opening = line(startLine)
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        // cmark 0.30 does not say whether a block is fenced. An indented block (prose, however
        // much its first line looks like a fence) has no info string, and its text begins
        // with its first line; a fenced block's text never holds its opening fence.
        guard let fence = Fence(line: opening) else { return }
        let cmarkInfo = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        if cmarkInfo.isEmpty, literal.hasPrefix(String(opening.dropFirst(fence.column - 1))) { return }
        let closed = endLine > startLine && fence.isClosed(by: line(endLine))
        if !closed {
            errors.append(LessonFormatError(.unclosedFence, at: SourceLocation(file: path, line: startLine, column: fence.column)))
            return
        }
        let info = InfoString(line: opening, infoStartColumn: fence.column + fence.length)
        switch info.language {
        case "swift":
            checkRepeatedOptions(info, line: startLine)
            swiftBlock(info: info, code: literal, fence: fence, startLine: startLine, endLine: endLine)
        case "expected":
            checkRepeatedOptions(info, line: startLine)
            expectedBlock(info: info, text: literal, fence: fence, startLine: startLine, endLine: endLine)
        case let word where ["swift", "expected"].contains(word.lowercased()):
            errors.append(LessonFormatError(.languageCase(word), at: location(startLine, fence.column + fence.length)))
        default:
            break  // a code sample in another language: part of the prose
        }
    }

    /// Reports a `swift` or `expected` fence at the start of a line inside an HTML block
    /// that ends at a blank line (`<details>`, `<div>`, a lone tag): with no blank line
    /// between them, the fence is HTML to Markdown, and the step would silently vanish.
    /// Comments, `<pre>`, `<script>`, `<style>` and `<textarea>` hold their text as it is
    /// (a step commented out stays out), and a blank line would not end them.
    private mutating func htmlBlock(_ node: OpaquePointer) {
        let startLine = Int(cmark_node_get_start_line(node))
        let endLine = max(startLine, Int(cmark_node_get_end_line(node)))
        let opening = line(startLine).drop { $0 == " " || $0 == "\t" || $0 == ">" }.lowercased()
        let verbatim = ["<!", "<?", "<pre", "<script", "<style", "<textarea"]
        if verbatim.contains(where: { opening.hasPrefix($0) }) { return }
        for number in startLine...endLine {
            let text = line(number)
            guard let fence = Fence(line: text),
                  text.prefix(fence.column - 1).allSatisfy({ $0 == " " || $0 == "\t" || $0 == ">" }) else { continue }
            let language = InfoString(line: text, infoStartColumn: fence.column + fence.length).language
            guard language == "swift" || language == "expected" else { continue }
            errors.append(LessonFormatError(.fenceInHTML(language: language, htmlLine: startLine), at: location(number, fence.column)))
        }
    }

    private mutating func checkRepeatedOptions(_ info: InfoString, line: Int) {
        var seen = Set<String>()
        for option in info.options where !seen.insert(option.key).inserted {
            errors.append(LessonFormatError(.repeatedOption(option.key), at: location(line, option.column)))
        }
    }

    private mutating func swiftBlock(info: InfoString, code: String, fence: Fence, startLine: Int, endLine: Int) {
        if info.options.contains(where: { $0.key == "example" && $0.value == nil }) { return }
        var id: String?
        var hidden = false, noCheck = false
        for option in info.options {
            switch (option.key, option.value) {
            case ("step", let value?):
                if value.isEmpty {
                    errors.append(LessonFormatError(.missingStepID, at: location(startLine, option.column)))
                    id = ""
                } else if !value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) || !value.unicodeScalars.allSatisfy(\.isASCII) {
                    errors.append(LessonFormatError(.invalidStepID(value), at: location(startLine, option.column)))
                    id = ""
                } else {
                    id = value
                }
            case ("step", nil):
                errors.append(LessonFormatError(.missingStepID, at: location(startLine, option.column)))
                id = ""  // reported; do not report again below
            case ("hidden", nil): hidden = true
            case ("no-check", nil): noCheck = true
            default:
                errors.append(LessonFormatError(.unknownOption(option.text, blockKind: "step"), at: location(startLine, option.column)))
            }
        }
        guard let id else {
            errors.append(LessonFormatError(.missingStepID, at: location(startLine, fence.column)))
            return
        }
        guard !id.isEmpty else { return }
        if let first = steps.first(where: { $0.step.id == id }) {
            errors.append(LessonFormatError(.duplicateStepID(id, firstLine: first.step.fenceLine), at: location(startLine, fence.column)))
        }
        let prose = proseStart < startLine ? lines[(proseStart - 1)..<(startLine - 1)].joined(separator: "\n") + "\n" : ""
        let step = Step(id: id, hidden: hidden, noCheck: noCheck, code: code, fenceLine: startLine,
                        closingFenceLine: endLine, title: currentHeading, proseBefore: prose,
                        proseLine: proseStart, expected: nil)
        steps.append(PendingStep(step: step, expected: nil, acceptsExpected: true))
        proseStart = endLine + 1
    }

    private mutating func expectedBlock(info: InfoString, text: String, fence: Fence, startLine: Int, endLine: Int) {
        var rtol = 0.0, atol = 0.0
        for option in info.options {
            switch (option.key, option.value) {
            case ("rtol", let value?), ("atol", let value?):
                guard let number = Double(value), number >= 0, number.isFinite, option.key == "atol" || number <= 1 else {
                    errors.append(LessonFormatError(.invalidTolerance(option.text), at: location(startLine, option.column)))
                    continue
                }
                if option.key == "rtol" { rtol = number } else { atol = number }
            default:
                errors.append(LessonFormatError(.unknownOption(option.text, blockKind: "expected"), at: location(startLine, option.column)))
            }
        }
        guard let last = steps.indices.last, steps[last].acceptsExpected else {
            let kind: LessonFormatError.Kind = steps.last.flatMap { pending in
                pending.expected.map { .secondExpected(step: pending.step.id, firstLine: $0.fenceLine) }
            } ?? .expectedWithoutStep
            errors.append(LessonFormatError(kind, at: location(startLine, fence.column)))
            return
        }
        steps[last].expected = ExpectedBlock(text: text, relativeTolerance: rtol, absoluteTolerance: atol,
                                             fenceLine: startLine, closingFenceLine: endLine,
                                             indentation: String(line(startLine).prefix(fence.column - 1)))
        steps[last].acceptsExpected = false
        proseStart = endLine + 1
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}

/// The opening fence of a fenced code block: its character, run length and column.
struct Fence {
    var character: Character
    var length: Int
    /// 1-based column of the first fence character.
    var column: Int

    /// Finds the fence on a block's first line, after any container prefix (`>`, list
    /// markers, indentation). Nil for an indented code block.
    init?(line: Substring) {
        for (offset, character) in line.enumerated() where character == "`" || character == "~" {
            let run = line.dropFirst(offset).prefix { $0 == character }.count
            guard run >= 3 else { return nil }
            self.character = character
            self.length = run
            self.column = offset + 1
            return
        }
        return nil
    }

    /// Whether `line` closes this fence: a run of the same character at least as long,
    /// followed only by spaces (CommonMark 4.5).
    func isClosed(by line: Substring) -> Bool {
        guard let start = line.firstIndex(where: { $0 == character }) else { return false }
        let rest = line[start...]
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

extension String {
    func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
