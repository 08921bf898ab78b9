/// The options after a fence's language word, e.g. `swift step=load hidden` or
/// `expected rtol=0.02`, each with the column where it starts so errors can point at it.
struct InfoString {
    struct Option {
        var key: String
        var value: String?
        var column: Int
        var text: String { value.map { "\(key)=\($0)" } ?? key }
    }

    var language: String
    var options: [Option]

    /// Splits the info string found on `fenceLine` after the fence characters.
    /// `infoStartColumn` is the 1-based column of the first character after the fence.
    init(line: Substring, infoStartColumn: Int) {
        var words: [(String, Int)] = []
        var current = ""
        var start = 0
        for (offset, character) in line.dropFirst(infoStartColumn - 1).enumerated() {
            if character == " " || character == "\t" || character == "\r" {
                if !current.isEmpty { words.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = infoStartColumn + offset }
                current.append(character)
            }
        }
        if !current.isEmpty { words.append((current, start)) }
        language = words.first?.0 ?? ""
        options = words.dropFirst().map { word, column in
            if let equals = word.firstIndex(of: "=") {
                return Option(key: String(word[..<equals]), value: String(word[word.index(after: equals)...]), column: column)
            }
            return Option(key: word, value: nil, column: column)
        }
    }
}
