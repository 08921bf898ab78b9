/// Colours Swift code in a page: keywords, type names, string literals (with their
/// interpolations highlighted as code), numbers, comments and attributes. A small lexer
/// of its own, enough for reading lessons; it never changes the text, only wraps it in
/// `<span class="...">` and escapes it, so unusual code still shows exactly as written.
enum SwiftHighlighter {
    /// The code as escaped HTML with highlighting spans.
    static func html(_ code: String) -> String {
        var out = ""
        out.reserveCapacity(code.utf8.count * 2)
        for token in SwiftTokenizer.tokens(code) {
            let text = HTMLText.escaped(token.text)
            if let cssClass = token.kind.cssClass {
                out += "<span class=\"\(cssClass)\">\(text)</span>"
            } else {
                out += text
            }
        }
        return out
    }
}

/// Splits Swift source into tokens whose texts, joined, are the source again.
struct SwiftTokenizer {
    enum Kind: Equatable {
        case plain, keyword, type, string, number, comment, attribute

        /// The CSS class of the token's span (none for plain text).
        var cssClass: String? {
            switch self {
            case .plain: return nil
            case .keyword: return "k"
            case .type: return "t"
            case .string: return "s"
            case .number: return "n"
            case .comment: return "c"
            case .attribute: return "a"
            }
        }
    }

    struct Token: Equatable {
        var kind: Kind
        var text: String
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "Any", "false", "is", "nil", "self", "Self", "super",
        "throws", "true", "try", "await", "async", "some", "any", "final", "lazy", "mutating", "nonmutating",
        "override", "required", "convenience", "weak", "unowned", "indirect", "get", "set", "willSet", "didSet",
    ]

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var tokens: [Token] = []

    private init(_ code: String) {
        scalars = Array(code.unicodeScalars)
    }

    static func tokens(_ code: String) -> [Token] {
        var tokenizer = SwiftTokenizer(code)
        tokenizer.code(insideInterpolation: false)
        // Whatever is left (an unbalanced `)` at top level never stops the loop, so nothing).
        return tokenizer.tokens
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Appends the scalars from `start` to the current index as one token, merging with
    /// the previous token when it has the same kind.
    private mutating func emit(_ kind: Kind, from start: Int) {
        guard start < index else { return }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<index])
        if let last = tokens.last, last.kind == kind {
            tokens[tokens.count - 1].text += text
        } else {
            tokens.append(Token(kind: kind, text: text))
        }
    }

    /// Code, up to the end or (inside `\( )`) up to the `)` that closes the interpolation,
    /// which is left for the caller.
    private mutating func code(insideInterpolation: Bool) {
        var depth = 0
        while let c = peek() {
            let start = index
            if insideInterpolation {
                if c == "(" { depth += 1 }
                if c == ")" {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
            if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { index += 1 }
                emit(.comment, from: start)
            } else if c == "/" && peek(1) == "*" {
                blockComment()
                emit(.comment, from: start)
            } else if c == "\"" || (c == "#" && rawStringHashes() != nil) {
                stringLiteral()
            } else if Self.isDigit(c) {
                number()
                emit(.number, from: start)
            } else if Self.isIdentifierStart(c) {
                while let d = peek(), Self.isIdentifierPart(d) { index += 1 }
                var word = ""
                word.unicodeScalars.append(contentsOf: scalars[start..<index])
                let kind: Kind = Self.keywords.contains(word) ? .keyword
                    : (c.properties.isUppercase ? .type : .plain)
                emit(kind, from: start)
            } else if (c == "@" || c == "#"), let d = peek(1), Self.isIdentifierStart(d) {
                index += 1
                while let d = peek(), Self.isIdentifierPart(d) { index += 1 }
                emit(.attribute, from: start)
            } else {
                index += 1
                emit(.plain, from: start)
            }
        }
    }

    /// A `/* */` comment; Swift's nest.
    private mutating func blockComment() {
        var depth = 0
        while let c = peek() {
            if c == "/" && peek(1) == "*" {
                depth += 1
                index += 2
            } else if c == "*" && peek(1) == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return }
            } else {
                index += 1
            }
        }
    }

    /// The number of `#` before a raw string's quote at the current index, or nil.
    private func rawStringHashes() -> Int? {
        var count = 0
        while peek(count) == "#" { count += 1 }
        return count > 0 && peek(count) == "\"" ? count : nil
    }

    /// A string literal (single-line, multi-line `"""`, raw `#"..."#`), with each `\( )`
    /// interpolation lexed as code.
    private mutating func stringLiteral() {
        var start = index
        let hashes = rawStringHashes() ?? 0
        index += hashes
        let multiline = peek() == "\"" && peek(1) == "\"" && peek(2) == "\""
        index += multiline ? 3 : 1
        while let c = peek() {
            if c == "\n" && !multiline { break }
            if c == "\\" && (1...max(1, hashes)).allSatisfy({ hashes == 0 || peek($0) == "#" }) {
                let afterEscape = hashes + 1
                if peek(afterEscape) == "(" {
                    index += afterEscape + 1
                    emit(.string, from: start)
                    code(insideInterpolation: true)
                    start = index
                    if peek() == ")" { index += 1 }
                    continue
                }
                index += afterEscape + (peek(afterEscape) == nil ? 0 : 1)
                continue
            }
            if c == "\"" {
                let quotes = multiline ? 3 : 1
                if (0..<quotes).allSatisfy({ peek($0) == "\"" }) && (0..<hashes).allSatisfy({ peek(quotes + $0) == "#" }) {
                    index += quotes + hashes
                    emit(.string, from: start)
                    return
                }
            }
            index += 1
        }
        emit(.string, from: start)
    }

    /// A numeric literal: digits, `_`, hex/binary/octal prefixes, a fraction when a digit
    /// follows the dot (so `1...5` stays a range), an exponent with its sign.
    private mutating func number() {
        let hex = peek() == "0" && (peek(1) == "x" || peek(1) == "X")
        while let c = peek() {
            if Self.isDigit(c) || c == "_" || (c.properties.isAlphabetic && c.isASCII) {
                let isExponent = hex ? (c == "p" || c == "P") : (c == "e" || c == "E")
                index += 1
                if isExponent, let sign = peek(), sign == "+" || sign == "-" { index += 1 }
            } else if c == ".", let d = peek(1), Self.isDigit(d) {
                index += 1
            } else {
                return
            }
        }
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c.properties.generalCategory == .decimalNumber
    }
}
