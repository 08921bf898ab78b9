/// Builds the text of one standalone `<svg>` element. Every number is written by
/// `NumberFormat` (one decimal place at most, no locale) and every text by `XMLText`, so
/// output is deterministic and safe to inline in HTML. No ids are used, so several plots can
/// share one page.
struct SVGDocument {
    let width: Double
    let height: Double
    private(set) var body = ""

    /// The font size of ordinary labels, in pixels; layouts estimate text widths from it.
    static let fontSize = 12.0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length: at most one decimal, no trailing zeros.
    static func n(_ v: Double) -> String { NumberFormat.compact(v, decimals: 1) }

    /// Approximate width of `text` in pixels at `size`: sans-serif averages about 0.6 em a
    /// character, and a CJK ideograph, kana, Hangul syllable or emoji takes about a whole
    /// em, so text is measured in terminal columns (`TerminalWidth`), those counting two.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        Double(TerminalWidth.of(text)) * size * 0.6
    }

    /// `text` cut to at most `characters` columns of ordinary characters (a wide character
    /// counts two), a cut marked with "..." (at least one character of the text is kept).
    static func shortened(_ text: String, to characters: Int) -> String {
        guard TerminalWidth.of(text) > characters, let first = text.first else { return text }
        let kept = TerminalWidth.prefix(text, columns: max(1, characters - 3))
        return (kept.isEmpty ? String(first) : kept) + "..."
    }

    /// How many characters of ordinary labels fit in `pixels` (none when it is negative).
    static func characters(fitting pixels: Double) -> Int {
        max(0, Int(pixels / (fontSize * 0.6)))
    }

    /// Every how many rows or columns a label is written, so that labels `pitch` pixels
    /// apart stand at least `needed` pixels apart.
    static func labelStep(pitch: Double, needed: Double) -> Int {
        guard pitch > 0, pitch < needed else { return 1 }
        return Int((needed / pitch).rounded(.up))
    }

    mutating func raw(_ markup: String) {
        body += markup
        body += "\n"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var s = "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\""
        if width != 1 { s += " stroke-width=\"\(Self.n(width))\"" }
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        raw(s + "/>")
    }

    /// A rectangle; `title` becomes its `<title>`, which browsers show as a tooltip.
    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        var s = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\"" }
        raw(s + (title.map { "><title>" + XMLText.escaped($0) + "</title></rect>" } ?? "/>"))
    }

    enum Anchor: String { case start, middle, end }

    /// A text label; `rotate` turns it (degrees, clockwise) about its anchor point.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
                       fill: String? = nil, bold: Bool = false, rotate: Double? = nil) {
        var s = "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if let size { s += " font-size=\"\(Self.n(size))\"" }
        if let fill { s += " fill=\"\(fill)\"" }
        if bold { s += " font-weight=\"bold\"" }
        if let rotate { s += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        raw(s + ">" + XMLText.escaped(content) + "</text>")
    }

    /// The finished element. `label` becomes the `<title>` (the accessible name) and
    /// `description` the `<desc>`. The width and height attributes give the natural size;
    /// the inline style lets CSS shrink it to a narrow column, keeping the aspect ratio.
    func finished(label: String, description: String) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\""
        s += " width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\""
        s += " style=\"max-width:100%;height:auto\" font-family=\"sans-serif\" font-size=\"\(Self.n(Self.fontSize))\">\n"
        s += "<title>\(XMLText.escaped(label))</title>\n"
        s += "<desc>\(XMLText.escaped(description))</desc>\n"
        s += "<rect width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
        s += body
        s += "</svg>\n"
        return s
    }
}

/// Colours shared by the SVG renderers (dark enough on white and on paper).
enum SVGStyle {
    static let axis = "#333333"
    static let grid = "#e2e2e2"
    static let label = "#222222"
    static let missing = "#d9d9d9"
    /// Dash patterns per series, so lines stay distinct when printed in grey.
    static let dashes: [String?] = [nil, "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 3 2 3 2 3"]

    /// The dash pattern of series `index`. Colours and dashes both come round every seven
    /// series; shifting the dashes by one each time the colours come round keeps series 8
    /// from looking exactly like series 1.
    static func dash(forSeries index: Int) -> String? {
        dashes[(index + index / ColorMap.series.count) % dashes.count]
    }
}
