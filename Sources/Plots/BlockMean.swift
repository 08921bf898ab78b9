/// Shrinks a matrix to at most `rows` x `columns` cells by averaging blocks of neighbouring
/// cells (a spectrogram of 128 x 400 into a terminal of 16 x 70 characters, or into an SVG of
/// at most 128 x 200 rectangles). Non-finite cells are left out of the means; a block with no
/// finite cell becomes NaN. A matrix already small enough is returned unchanged. Ragged rows
/// are read as if padded with NaN.
enum BlockMean {
    static func reduce(_ values: [[Double]], rows: Int, columns: Int) -> [[Double]] {
        let sourceRows = values.count
        let sourceColumns = values.map(\.count).max() ?? 0
        guard sourceRows > 0, sourceColumns > 0 else { return [] }
        let outRows = max(1, min(rows, sourceRows))
        let outColumns = max(1, min(columns, sourceColumns))
        var result = [[Double]](repeating: [Double](repeating: .nan, count: outColumns), count: outRows)
        for r in 0..<outRows {
            let r0 = r * sourceRows / outRows, r1 = max(r0 + 1, (r + 1) * sourceRows / outRows)
            for c in 0..<outColumns {
                let c0 = c * sourceColumns / outColumns
                let c1 = max(c0 + 1, (c + 1) * sourceColumns / outColumns)
                var sum = 0.0, count = 0
                for i in r0..<r1 {
                    let row = values[i]
                    // A short row can end before the block starts (c0 > count trapped).
                    for j in c0..<max(c0, min(c1, row.count)) where row[j].isFinite {
                        sum += row[j]
                        count += 1
                    }
                }
                if count > 0 { result[r][c] = sum / Double(count) }
            }
        }
        return result
    }
}
