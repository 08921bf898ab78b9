/// Keeping names inside the figure: an axis title, a note or a unit that would cross an
/// edge of the room it has is drawn smaller (down to 6 px, as long tick labels are), then
/// cut with "...", and moved in. (Numbers are not cut, their first digits alone would
/// mislead: the axes, colour bars and cells size and place their own.) A label already
/// inside is left exactly as it was, so a chart whose text fitted renders the same bytes.
extension SVGDocument {
    /// What a moved label keeps between itself and the edge it would have crossed: widths
    /// are estimates (0.6 em a character), and a font wider than that would still touch it.
    static let edgeMargin = 2.0

    /// The smallest font a label is drawn in.
    static let smallestFontSize = 6.0

    /// How far a label's letters reach above its baseline, in em: capitals and digits about
    /// 0.72, with a little over. Only text turned at an angle needs it to stay inside.
    static let ascent = 0.75

    /// Where a label is drawn, as `fitted` places it: its text, its anchor's position along
    /// the line of text, and its font size (`nil`: the ordinary one).
    struct FittedLabel: Equatable {
        var text: String
        var position: Double
        var size: Double?
    }

    /// `text` anchored at `position` on a line of text from `low` to `high` (x for a level
    /// label, y for one turned upright about its middle), at `size` (nil: ordinary): as it
    /// is when it lies within them, else drawn smaller when wider than the room between
    /// them less `edgeMargin` at each end, cut when still wider at 6 px, and moved to
    /// `edgeMargin` inside an end it would still cross.
    static func fitted(_ text: String, at position: Double, anchor: Anchor, size: Double?,
                       between low: Double, _ high: Double) -> FittedLabel {
        func start(_ width: Double) -> Double {
            anchor == .end ? position - width : anchor == .middle ? position - width / 2 : position
        }
        let ordinary = size ?? fontSize
        let natural = textWidth(text, size: ordinary)
        if start(natural) >= low && start(natural) + natural <= high { return FittedLabel(text: text, position: position, size: size) }
        let room = high - low - 2 * edgeMargin
        // Rounded down to the tenth of a pixel the SVG gives, so that what fits here fits there.
        let shrunk = natural > room ? max(smallestFontSize, (ordinary * room / natural * 10).rounded(.down) / 10) : ordinary
        var shown = text
        if textWidth(text, size: shrunk) > room { shown = shortened(text, to: characters(fitting: room * fontSize / shrunk)) }
        // Moved in only from an edge it would cross: a unit that starts at its colour bar
        // stays there, drawn smaller.
        let width = textWidth(shown, size: shrunk)
        var moved = start(width)
        if moved + width > high { moved = high - edgeMargin - width }
        if moved < low { moved = low + edgeMargin }
        return FittedLabel(text: shown, position: position + moved - start(width), size: shrunk == ordinary ? size : shrunk)
    }

    /// A level label kept between `low` and `high` (by default the figure's edges), as
    /// `fitted` keeps it; an axis title, a note, a unit.
    mutating func labelInside(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil, fill: String? = nil,
                              bold: Bool = false, between low: Double = 0, _ high: Double? = nil) {
        let label = Self.fitted(content, at: x, anchor: anchor, size: size, between: low, high ?? width)
        text(label.text, x: label.position, y: y, anchor: anchor, size: label.size, fill: fill, bold: bold)
    }

    /// A label turned upright (reading upwards) about its middle, kept between the figure's
    /// top and bottom as `fitted` keeps it: a y axis's title.
    mutating func uprightLabelInside(_ content: String, x: Double, y: Double, fill: String? = nil, bold: Bool = false) {
        let label = Self.fitted(content, at: y, anchor: .middle, size: nil, between: 0, height)
        text(label.text, x: x, y: label.position, anchor: .middle, size: label.size, fill: fill, bold: bold, rotate: -90)
    }
}
