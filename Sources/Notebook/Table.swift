/// A table of text cells with a header row, shown by `nb.show(table)`.
public struct Table: Codable, Equatable, Sendable {
    public var headers: [String]
    public var rows: [[String]]

    /// A table from its header and rows; every row should have one cell per header.
    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// A table whose cells are any values, shown with their descriptions (numbers via
    /// `ValueFormatter`).
    public init(headers: [String], rows: [[Any]]) {
        self.init(headers: headers, rows: rows.map { $0.map(ValueFormatter.cell) })
    }

    /// The table as aligned plain text: numeric columns right-aligned, a rule under the header.
    public func rendered() -> String {
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        func cell(_ row: [String], _ column: Int) -> String { column < row.count ? row[column] : "" }
        var widths = [Int](repeating: 0, count: columnCount)
        for row in [headers] + rows {
            for column in 0..<columnCount { widths[column] = max(widths[column], cell(row, column).count) }
        }
        let numeric = (0..<columnCount).map { column in
            !rows.isEmpty && rows.allSatisfy { Double(cell($0, column).trimmingCharacters(in: .whitespaces)) != nil || cell($0, column).isEmpty }
        }
        func line(_ row: [String]) -> String {
            (0..<columnCount).map { column -> String in
                let text = cell(row, column)
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return numeric[column] ? padding + text : text + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}

import Foundation

extension String {
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return String(self[..<end])
    }
}
