import Foundation

/// Code lines cut to fit a terminal: `notebook step` shows a step's code beside line
/// numbers, and a line that ran past the edge would wrap under them.
public enum CodeWrapping {
    /// A code line cut to `width` columns, at the last space that fits where there is
    /// one; continuation pieces are indented four past the line's own indentation (the
    /// box marks them with ┆ instead of a line number, so nothing reads as new code).
    public static func wrap(_ line: String, width: Int) -> [String] {
        var characters = Array(line)
        guard characters.count > width else { return [line] }
        let indent = String(repeating: " ", count: min(characters.prefix { $0 == " " }.count + 4, width / 2))
        var pieces: [String] = []
        var limit = width
        while characters.count > limit {
            let firstText = characters.firstIndex { $0 != " " } ?? 0
            var cut = limit
            if let space = characters[min(firstText + 1, limit)..<limit].lastIndex(of: " ") { cut = space }
            pieces.append(String(characters[..<cut]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            let rest = characters[cut...].drop { $0 == " " }
            characters = Array(indent) + rest
            limit = width
        }
        pieces.append(String(characters))
        return pieces
    }
}
