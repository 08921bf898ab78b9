/// A heatmap's cell numbers and slanted column names, kept inside the figure. Each is as
/// it was wherever it already lay inside.
extension SVGDocument {
    /// The font of a heatmap's cell numbers: 0.42 of a cell, at most 12 px (below 6 px none
    /// is written). Where a number centred in its cell would reach past the figure's edge
    /// (14 digits in a 50 px cell at the left of a 200 px figure began 4 px outside), all
    /// are drawn smaller, one size, so that the widest fits its cell, down to 6 px.
    static func cellNumberSize(_ numbers: [[String]], left: Double, cell: Double, figureWidth: Double) -> Double {
        let size = min(12, cell * 0.42)
        guard size >= smallestFontSize else { return size }
        let outside = numbers.contains { row in
            row.indices.contains { !cellNumberFits(row[$0], centre: left + Double($0) * cell + cell / 2, size: size, figureWidth: figureWidth) }
        }
        guard outside, let widest = numbers.joined().map({ textWidth($0) }).max() else { return size }
        return max(smallestFontSize, min(size, (fontSize * (cell - 2) / widest * 10).rounded(.down) / 10))
    }

    /// Whether a cell number centred at `centre` lies within the figure at `size`.
    static func cellNumberFits(_ number: String, centre: Double, size: Double, figureWidth: Double) -> Bool {
        let half = textWidth(number, size: size) / 2
        return centre - half >= 0 && centre + half <= figureWidth
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
