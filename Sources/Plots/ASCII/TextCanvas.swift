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

    /// Writes `text` starting at `column`, clipped to the canvas. A wide character (CJK,
    /// emoji) takes its cell and the next, which is left out of the line; one that would
    /// reach past the edge is a space instead.
    mutating func write(_ text: String, row: Int, column: Int) {
        var c = column
        for character in text {
            let w = TerminalWidth.of(character)
            if w == 2 {
                let fits = c + 1 < width
                self[row, c] = fits ? character : " "
                if fits { self[row, c + 1] = Self.covered }
            } else if w == 1 {
                self[row, c] = character
            }
            c += w
        }
    }

    /// Marks the cell under the right half of a wide character.
    private static let covered: Character = "\u{0}"

    var lines: [String] {
        cells.map { TextLayout.trimmed(String($0.filter { $0 != Self.covered })) }
    }

    private func contains(_ row: Int, _ column: Int) -> Bool {
        row >= 0 && row < height && column >= 0 && column < width
    }
}
