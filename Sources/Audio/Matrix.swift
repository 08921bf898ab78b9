/// A dense 2-D array of `Float`, row-major, in librosa's layout for spectrogram-like
/// features: `rows` are bins (frequency, mel band, chroma class, ...) and `columns` are
/// frames, so `matrix[bin, frame]` reads like librosa's `S[bin, frame]`.
///
/// Rows are contiguous, so per-bin reductions over frames (the recipe's means and
/// standard deviations) and matrix products against filter banks walk memory in order.
public struct Matrix: Equatable, Sendable {
    /// Number of rows (bins).
    public let rows: Int
    /// Number of columns (frames).
    public let columns: Int
    /// The values, row after row: element `(r, c)` is at `r * columns + c`. Read-only
    /// outside this library, so no caller can change their count under `rows` and
    /// `columns`; change elements through the subscript or `map`.
    public internal(set) var values: [Float]

    /// A matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.values = [Float](repeating: value, count: self.rows * self.columns)
    }

    /// A matrix whose values `fill` writes, every one of them, without zeroing them first
    /// (for results of a few megabytes that are filled in one pass anyway).
    init(rows: Int, columns: Int, fillingEvery fill: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        let count = self.rows * self.columns
        values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            try fill(buffer)
            initialized = count
        }
    }

    /// A matrix over existing row-major values; `nil` when the count does not match.
    public init?(rows: Int, columns: Int, values: [Float]) {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, values.count == count else { return nil }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Element at `(row, column)`.
    @inlinable
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { setValue(newValue, at: row * columns + column) }
    }

    // The inlinable subscript's way to the internal setter of `values`.
    @usableFromInline
    mutating func setValue(_ value: Float, at index: Int) { values[index] = value }

    /// The same shape with `transform` applied to every element (e.g. `{ $0 * $0 }` for the
    /// power of a magnitude spectrogram).
    public func map(_ transform: (Float) throws -> Float) rethrows -> Matrix {
        var result = self
        result.values = try values.map(transform)
        return result
    }

    /// One row (all frames of one bin) as a contiguous slice.
    public func row(_ r: Int) -> ArraySlice<Float> {
        values[(r * columns)..<((r + 1) * columns)]
    }

    /// One column (all bins of one frame), copied.
    public func column(_ c: Int) -> [Float] {
        (0..<rows).map { values[$0 * columns + c] }
    }

    /// The transpose (`columns x rows`).
    public func transposed() -> Matrix {
        var out = Matrix(rows: columns, columns: rows)
        values.withUnsafeBufferPointer { src in
            out.values.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    for c in 0..<columns { dst[c * rows + r] = src[r * columns + c] }
                }
            }
        }
        return out
    }

    /// The matrix product `self · other` (`rows x other.columns`), accumulated in Float
    /// as librosa's float32 `np.dot` does. Returns `nil` when the inner sizes differ.
    public func dot(_ other: Matrix) -> Matrix? {
        guard columns == other.rows else { return nil }
        var out = Matrix(rows: rows, columns: other.columns)
        let n = other.columns
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                out.values.withUnsafeMutableBufferPointer { c in
                    for i in 0..<rows {
                        let ci = c.baseAddress! + i * n
                        for k in 0..<columns {
                            let aik = a[i * columns + k]
                            if aik == 0 { continue }  // filter banks are mostly zeros
                            let bk = b.baseAddress! + k * n
                            for j in 0..<n { ci[j] += aik * bk[j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Per-row mean over columns, accumulated in Double (librosa's `np.mean(S, axis=1)`
    /// on the recipe's float64 path). Empty rows give 0.
    public func rowMeans() -> [Double] {
        guard columns > 0 else { return [Double](repeating: 0, count: rows) }
        return rowSums { value, _ in Double(value) }.map { $0 / Double(columns) }
    }

    /// Per-row population standard deviation (ddof 0) over columns, in Double.
    public func rowStandardDeviations() -> [Double] {
        guard columns > 0 else { return [Double](repeating: 0, count: rows) }
        let means = rowMeans()
        return rowSums { value, row in
            let d = Double(value) - means[row]
            return d * d
        }.map { ($0 / Double(columns)).squareRoot() }
    }

    /// Each row's running Double sum of `term(value, row)` over its columns, in column
    /// order: what a plain loop over the row gives, bit for bit. Four rows go together:
    /// each sum is a chain of dependent additions, and four independent chains keep the
    /// adder busy where one waited on every addition. `columns` must be positive.
    @inline(__always)
    private func rowSums(_ term: (Float, Int) -> Double) -> [Double] {
        var sums = [Double](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { buffer in
            let v = buffer.baseAddress!
            var r = 0
            while r + 4 <= rows {
                let a = v + r * columns, b = a + columns, c = b + columns, d = c + columns
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                for t in 0..<columns {
                    s0 += term(a[t], r)
                    s1 += term(b[t], r + 1)
                    s2 += term(c[t], r + 2)
                    s3 += term(d[t], r + 3)
                }
                (sums[r], sums[r + 1], sums[r + 2], sums[r + 3]) = (s0, s1, s2, s3)
                r += 4
            }
            for row in r..<rows {
                var s = 0.0
                for t in 0..<columns { s += term(v[row * columns + t], row) }
                sums[row] = s
            }
        }
        return sums
    }
}

extension Matrix: CustomStringConvertible {
    /// The shape and, as numpy prints a large array, only the first and last values:
    /// `print(S)` of a spectrogram (half a million values) would fill the terminal.
    public var description: String { "Matrix \(rows) x \(columns) " + elided(values.count) { "\(values[$0])" } }
}

/// `[a, b, c, ..., x, y, z]`: all `count` items up to a dozen, else the first and last
/// three; only the items shown are formatted (a spectrogram holds half a million).
func elided(_ count: Int, _ item: (Int) -> String) -> String {
    let shown = count <= 12 ? Array(0..<count) : [0, 1, 2, -1, count - 3, count - 2, count - 1]
    return "[" + shown.map { $0 < 0 ? "..." : item($0) }.joined(separator: ", ") + "]"
}
