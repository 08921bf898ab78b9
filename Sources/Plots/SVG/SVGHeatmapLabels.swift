/// A heatmap's cell numbers, kept inside their cells, and slanted column names, kept
/// inside the figure. Each is as it was wherever it already lay inside.
extension SVGDocument {
    /// The font of a heatmap's cell numbers: 0.42 of a cell, at most 12 px (below 6 px none
    /// is written). Where a number would be wider than its cell, running over its
    /// neighbours' numbers ("12345" in 12 x 12 cells at 640 px) or past the figure's edge,
    /// all are drawn smaller, one size, so that the widest fits its cell with a pixel to
    /// spare each side, down to 6 px. Numbers too wide even at 6 px are left out, so the
    /// size is chosen for the widest of the others: one long number does not take the
    /// rest down to 6 px with it.
    static func cellNumberSize(_ numbers: [[String]], cell: Double) -> Double {
        let size = min(12, cell * 0.42)
        let all = Array(numbers.joined())
        guard size >= smallestFontSize, all.contains(where: { !cellNumberFits($0, cell: cell, size: size) }) else { return size }
        let writable = all.filter { cellNumberFits($0, cell: cell, size: smallestFontSize) }
        guard let widest = writable.map({ textWidth($0) }).max() else { return smallestFontSize }
        return max(smallestFontSize, min(size, (fontSize * (cell - 2) / widest * 10).rounded(.down) / 10))
    }

    /// Whether a cell number, centred in its cell `cell` px wide, lies within it at `size`
    /// (so also within the figure, which holds the grid).
    static func cellNumberFits(_ number: String, cell: Double, size: Double) -> Bool {
        size >= smallestFontSize && textWidth(number, size: size) <= cell
    }

    /// A column name slanted 40 degrees up, ending at `end`: as it is (size nil) when it lies
    /// right of the figure's left edge, else cut further, as the names are cut to the room
    /// below the grid, and drawn smaller (down to 6 px) only where not even a letter and
    /// "..." would fit; nil where they would not at 6 px either. (The first columns' names
    /// reached up to 22 px past the left edge of a 320 px figure.)
    static func slantedName(_ name: String, endingAt end: Double) -> (text: String, size: Double?)? {
        // Turned, a name reaches left by its width times cos 40 degrees, and its letters'
        // tops by their ascent times sin 40 degrees more.
        let cos40 = 0.766044443118978, sin40 = 0.6427876096865393
        func reach(_ text: String, _ size: Double) -> Double { textWidth(text, size: size) * cos40 + size * ascent * sin40 }
        if reach(name, fontSize) <= end { return (name, nil) }
        let room = end - edgeMargin
        // The size at which the shortest cut, one letter and "...", just fits.
        let shortest = max(smallestFontSize, min(fontSize, (room / reach("a...", 1) * 10).rounded(.down) / 10))
        let columns = Int((room - shortest * ascent * sin40) / (shortest * 0.6 * cos40))
        let cut = shortened(name, to: columns)
        guard columns >= 4, reach(cut, shortest) <= room else { return nil }
        return (cut, shortest == fontSize ? nil : shortest)
    }
}
