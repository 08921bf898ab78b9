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
        (0..<rows).map { r in
            guard columns > 0 else { return 0 }
            var s = 0.0
            for v in row(r) { s += Double(v) }
            return s / Double(columns)
        }
    }

    /// Per-row population standard deviation (ddof 0) over columns, in Double.
    public func rowStandardDeviations() -> [Double] {
        let means = rowMeans()
        return (0..<rows).map { r in
            guard columns > 0 else { return 0 }
            var s = 0.0
            for v in row(r) { let d = Double(v) - means[r]; s += d * d }
            return (s / Double(columns)).squareRoot()
        }
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
