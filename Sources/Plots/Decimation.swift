/// Thins a line with far more points than the chart has columns, without losing its shape.
enum Decimation {
    /// What the renderers call: `envelope`, which keeps a line whose x runs in order (a
    /// waveform) to four points a column, and then, for a line that still has more than
    /// `visitsPerColumn` points a column, `columnRange`. Only a line whose x jumps back and
    /// forth gets there (a million samples in shuffled order made a 49 MB SVG, one segment
    /// per point): drawn in order, its segments criss-cross the chart until each column is
    /// filled from its lowest point to its highest, which is what `columnRange` draws.
    /// Lines that stay below the limit (a loop, a spiral, a few back-and-forth sweeps) are
    /// drawn as given.
    static func thinned(_ points: [(Double, Double)], columns: Int) -> [(Double, Double)] {
        let kept = envelope(points, columns: columns)
        guard kept.count > visitsPerColumn * max(columns, 1) else { return kept }
        return columnRange(kept) ?? kept
    }

    /// Points a column past which an out-of-order line is drawn as its range (32 points a
    /// column keep a 600 px chart under about 20,000 points, some 300 kB of SVG).
    static let visitsPerColumn = 32

    /// Each column's lowest and highest point, columns left to right, joined as a zigzag
    /// (low then high, then high then low in the next column) so that the one polyline fills
    /// the columns' ranges. `nil` when the columns span more than a million (not a chart).
    static func columnRange(_ points: [(Double, Double)]) -> [(Double, Double)]? {
        guard let firstX = points.first?.0 else { return points }
        var lowest = firstX, highest = firstX
        for p in points {
            lowest = min(lowest, p.0)
            highest = max(highest, p.0)
        }
        let origin = lowest.rounded(.down)
        guard highest - origin < 1_000_000 else { return nil }
        var low = [(Double, Double)?](repeating: nil, count: Int(highest - origin) + 1)
        var high = low
        for p in points {
            let k = Int(p.0 - origin)
            if low[k].map({ p.1 < $0.1 }) ?? true { low[k] = p }
            if high[k].map({ p.1 > $0.1 }) ?? true { high[k] = p }
        }
        var out: [(Double, Double)] = []
        for (k, (l, h)) in zip(low, high).enumerated() {
            guard let l, let h else { continue }
            out += k % 2 == 0 ? [l, h] : [h, l]
        }
        return out
    }

    /// At most four points per column (`x` in column units: column k holds k..<k+1): a
    /// long series (a waveform) is reduced to the first, lowest, highest and last point of
    /// each column, keeping its envelope. Short series are returned unchanged.
    static func envelope(_ points: [(Double, Double)], columns: Int) -> [(Double, Double)] {
        guard points.count > 4 * max(columns, 1) else { return points }
        var out: [(Double, Double)] = []
        var bucket: [(Double, Double)] = []
        var bucketColumn = Int.min
        func flush() {
            guard let first = bucket.first, let last = bucket.last else { return }
            var lowIndex = 0, highIndex = 0
            for (k, p) in bucket.enumerated() {
                if p.1 < bucket[lowIndex].1 { lowIndex = k }
                if p.1 > bucket[highIndex].1 { highIndex = k }
            }
            out.append(first)
            // Keep the extremes in the order they occur.
            let extremes = [bucket[min(lowIndex, highIndex)], bucket[max(lowIndex, highIndex)]]
            out += extremes
            out.append(last)
            bucket.removeAll(keepingCapacity: true)
        }
        for p in points {
            let column = Int(p.0.rounded(.down))
            if column != bucketColumn { flush(); bucketColumn = column }
            bucket.append(p)
        }
        flush()
        return out
    }
}
