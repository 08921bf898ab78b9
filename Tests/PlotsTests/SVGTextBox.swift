import Foundation
@testable import Plots

/// Where a `<text>` of a rendered SVG lies, measured as the layouts measure text: its
/// width from `SVGDocument.textWidth` (0.6 em a terminal column), its height from the
/// font's ascent above the baseline to its descent below, turned with its `rotate`.
struct SVGTextBox {
    let text: String
    let size: Double
    /// The anchor point: `x` where the text-anchor puts it, `y` the baseline.
    let x: Double, y: Double
    let left: Double, right: Double, top: Double, bottom: Double

    /// Above the baseline: sans-serif capitals and digits reach about 0.72 em; 0.75 em
    /// leaves a little over. Below it: descenders reach about 0.21 em.
    static let ascent = 0.75, descent = 0.25

    /// Every `<text>` of `svg`, its content unescaped.
    static func all(in svg: String) -> [SVGTextBox] {
        svg.matches(of: #/<text ([^>]*)>([^<]*)</text>/#).map { match in
            box(attributes: String(match.1), content: unescaped(String(match.2)))
        }
    }

    private static func box(attributes: String, content: String) -> SVGTextBox {
        func number(_ name: String) -> Double? {
            attributes.firstMatch(of: try! Regex(" ?\(name)=\"([-0-9.e+]+)\"")).flatMap { Double($0.output[1].substring ?? "") }
        }
        let x = number("x") ?? 0, y = number("y") ?? 0
        let size = number("font-size") ?? SVGDocument.fontSize
        let width = SVGDocument.textWidth(content, size: size)
        let anchor = attributes.firstMatch(of: #/text-anchor="(\w+)"/#).map { String($0.1) } ?? "start"
        let start = anchor == "end" ? -width : anchor == "middle" ? -width / 2 : 0
        // The box in the text's own frame (u along the baseline, v down from it), its corners
        // turned by the rotation about the anchor point, as SVG's rotate(a x y) turns them.
        let degrees = attributes.firstMatch(of: #/rotate\(([-0-9.]+) /#).flatMap { Double($0.1) } ?? 0
        let angle = degrees * Double.pi / 180
        let corners = [(start, -ascent * size), (start + width, -ascent * size), (start, descent * size), (start + width, descent * size)]
            .map { u, v in (x + u * cos(angle) - v * sin(angle), y + u * sin(angle) + v * cos(angle)) }
        return SVGTextBox(text: content, size: size, x: x, y: y,
                          left: corners.map(\.0).min()!, right: corners.map(\.0).max()!,
                          top: corners.map(\.1).min()!, bottom: corners.map(\.1).max()!)
    }

    /// The text as written before `XMLText.escaped`.
    private static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// How far the box reaches past a `width` x `height` viewBox, in pixels (0 inside).
    func overflow(width: Double, height: Double) -> Double {
        max(0, -left, right - width, -top, bottom - height)
    }
}
