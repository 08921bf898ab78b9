import Foundation

/// A heatmap's cell in a rendered SVG: the square `<rect>`s with a white stroke (the
/// colour bar's bands have none, the background is not square), and the `<title>` a cell
/// carries when its number is not written.
struct SVGCellBox {
    let x: Double, y: Double, size: Double
    let title: String?

    static func all(in svg: String) -> [SVGCellBox] {
        svg.matches(of: #/<rect ([^>]*?)(?:/>|><title>([^<]*)</title></rect>)/#).compactMap { match in
            let attributes = String(match.1)
            func number(_ name: String) -> Double? {
                attributes.firstMatch(of: try! Regex("(?:^| )\(name)=\"([-0-9.e+]+)\"")).flatMap { Double($0.output[1].substring ?? "") }
            }
            guard attributes.contains("stroke=\"#ffffff\""), let width = number("width"), width > 0, number("height") == width else { return nil }
            return SVGCellBox(x: number("x") ?? 0, y: number("y") ?? 0, size: width, title: match.2.map(String.init))
        }
    }

    /// How far `text` reaches past the cell, in pixels (0 inside).
    func overflow(of text: SVGTextBox) -> Double {
        let beyond: [Double] = [x - text.left, text.right - (x + size), y - text.top, text.bottom - (y + size)]
        return max(0, beyond.max()!)
    }

    /// Whether the point lies in the cell (its left and top edges included).
    func contains(x px: Double, y py: Double) -> Bool {
        px >= x && px < x + size && py >= y && py < y + size
    }
}
