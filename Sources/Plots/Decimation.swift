/// Thins a line with far more points than the chart has columns, without losing its shape.
enum Decimation {
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
