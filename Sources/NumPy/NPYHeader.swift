/// The header dict of an `.npy` file, e.g.
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (1012, 386), }`.
///
/// It is a Python literal, so this reads exactly the subset NumPy writes: a dict of
/// string keys to a string, a boolean, or a tuple of integers. Anything else is an error.
struct NPYHeader {
    /// What `unsupportedDType` names for a structured dtype, whose descr is a list.
    static let structuredDescr = "[structured]"
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    static func parse(_ text: String, file: String) throws -> NPYHeader {
        var scanner = LiteralScanner(text: Array(text.unicodeScalars), file: file)
        var descr: String?
        var fortran: Bool?
        var shape: [Int]?
        try scanner.expect("{")
        while true {
            scanner.skipSpaces()
            if scanner.consume("}") { break }
            let key = try scanner.string()
            try scanner.expect(":")
            switch key {
            case "descr":
                // A structured dtype's descr is a list of (name, type) fields.
                if scanner.consume("[") { throw NumPyError.unsupportedDType(file: file, descr: structuredDescr) }
                descr = try scanner.string()
            case "fortran_order": fortran = try scanner.boolean()
            case "shape": shape = try scanner.integerTuple()
            default: throw NumPyError.malformedHeader(file: file, reason: "unexpected key '\(key)'")
            }
            scanner.skipSpaces()
            if scanner.consume(",") { continue }
            try scanner.expect("}")
            break
        }
        guard let d = descr, let f = fortran, let s = shape else {
            throw NumPyError.malformedHeader(file: file, reason: "needs 'descr', 'fortran_order' and 'shape'")
        }
        return NPYHeader(descr: d, fortranOrder: f, shape: s)
    }
}

private struct LiteralScanner {
    let text: [Unicode.Scalar]
    let file: String
    var position = 0

    init(text: [Unicode.Scalar], file: String) {
        self.text = text
        self.file = file
    }

    mutating func skipSpaces() {
        while position < text.count, text[position].properties.isWhitespace { position += 1 }
    }

    mutating func consume(_ c: Unicode.Scalar) -> Bool {
        skipSpaces()
        guard position < text.count, text[position] == c else { return false }
        position += 1
        return true
    }

    mutating func expect(_ c: Unicode.Scalar) throws {
        guard consume(c) else { throw failure("expected '\(c)' at character \(position)") }
    }

    mutating func string() throws -> String {
        skipSpaces()
        guard position < text.count, text[position] == "'" || text[position] == "\"" else {
            throw failure("expected a quoted string at character \(position)")
        }
        let quote = text[position]
        position += 1
        var result = String.UnicodeScalarView()
        while position < text.count, text[position] != quote {
            result.append(text[position])
            position += 1
        }
        guard position < text.count else { throw failure("unterminated string") }
        position += 1
        return String(result)
    }

    mutating func boolean() throws -> Bool {
        skipSpaces()
        for (word, value) in [("True", true), ("False", false)] {
            let scalars = Array(word.unicodeScalars)
            if position + scalars.count <= text.count, Array(text[position..<(position + scalars.count)]) == scalars {
                position += scalars.count
                return value
            }
        }
        throw failure("expected True or False at character \(position)")
    }

    mutating func integerTuple() throws -> [Int] {
        try expect("(")
        var values: [Int] = []
        while true {
            if consume(")") { return values }
            skipSpaces()
            var digits = ""
            while position < text.count, ("0"..."9").contains(text[position]) {
                digits.unicodeScalars.append(text[position])
                position += 1
            }
            // NumPy writes Python ints; on Windows builds of old NumPy they carry an L suffix.
            if position < text.count, text[position] == "L" { position += 1 }
            guard !digits.isEmpty else { throw failure("expected a dimension at character \(position)") }
            // Python's ints have no limit; one past Int's is no shape an array can have.
            guard let value = Int(digits) else { throw failure("dimension \(digits) is too large to be an array's") }
            values.append(value)
            if consume(",") { continue }
            try expect(")")
            return values
        }
    }

    func failure(_ reason: String) -> NumPyError {
        NumPyError.malformedHeader(file: file, reason: reason)
    }
}
