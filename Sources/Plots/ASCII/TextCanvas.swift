/// A fixed-size grid of characters to draw a terminal plot on. Writes outside it are
/// clipped; the rendered lines never carry trailing spaces.
struct TextCanvas {
    let width: Int
    let height: Int
    private var cells: [[Character]]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Array(repeating: " ", count: self.width), count: self.height)
    }

    subscript(row: Int, column: Int) -> Character {
        get { contains(row, column) ? cells[row][column] : " " }
        set { if contains(row, column) { cells[row][column] = newValue } }
    }

    /// Writes `text` starting at `column`, clipped to the canvas.
    mutating func write(_ text: String, row: Int, column: Int) {
        for (offset, character) in text.enumerated() {
            self[row, column + offset] = character
        }
    }

    var lines: [String] {
        cells.map { TextLayout.trimmed(String($0)) }
    }

    private func contains(_ row: Int, _ column: Int) -> Bool {
        row >= 0 && row < height && column >= 0 && column < width
    }
}
