import Foundation

/// `scipy.ndimage.median_filter(m, size=(rows, columns), mode='reflect')` for the
/// one-dimensional footprints librosa's HPSS uses: `(1, k)` filters each row (a bin
/// across frames), `(k, 1)` each column (a frame across bins). scipy's `'reflect'`
/// extends a line by its mirror image including the edge sample (`d c b a | a b c d |
/// d c b a`), repeating as often as the window needs.
///
/// The median of `k` values is one of them, so the result is exact whatever the
/// algorithm; we slide a sorted window (one removal and one insertion per step) instead
/// of sorting every window.
///
/// - Throws: `AudioError.invalidParameter` unless exactly one of the sizes is 1 and the
///   other is at least 1.
public func medianFilter(_ m: Matrix, size: (rows: Int, columns: Int)) throws -> Matrix {
    guard size.rows >= 1, size.columns >= 1, size.rows == 1 || size.columns == 1 else {
        throw AudioError.invalidParameter("medianFilter supports sizes (1, k) or (k, 1), got \(size)")
    }
    var out = Matrix(rows: m.rows, columns: m.columns)
    guard m.rows > 0, m.columns > 0 else { return out }
    m.values.withUnsafeBufferPointer { src in
        out.values.withUnsafeMutableBufferPointer { dst in
            if size.rows == 1 {
                var filter = SlidingMedian(window: size.columns)
                for r in 0..<m.rows {
                    filter.run(src.baseAddress! + r * m.columns, stride: 1, count: m.columns,
                               into: dst.baseAddress! + r * m.columns, outStride: 1)
                }
            } else {
                var filter = SlidingMedian(window: size.rows)
                for c in 0..<m.columns {
                    filter.run(src.baseAddress! + c, stride: m.columns, count: m.rows,
                               into: dst.baseAddress! + c, outStride: m.columns)
                }
            }
        }
    }
    return out
}

/// Index of position `j` (any integer) in a line of `count` samples under scipy.ndimage's
/// `'reflect'` mode: period `2 * count`, mirrored with the edge sample repeated.
@inline(__always)
func scipyReflectIndex(_ j: Int, count: Int) -> Int {
    let period = 2 * count
    var m = j % period
    if m < 0 { m += period }
    return m < count ? m : period - 1 - m
}

/// A running median over a line: the window's values kept sorted, so each step is one
/// binary-search removal and one insertion (shifting at most `window` Floats).
struct SlidingMedian {
    let window: Int
    /// scipy's window for `size = k` and origin 0: offsets `-(k/2) ... k - 1 - k/2`,
    /// median = the element of rank `k/2`.
    let before: Int
    private var sorted: [Float]

    init(window: Int) {
        self.window = window
        before = window / 2
        sorted = [Float](repeating: 0, count: window)
    }

    /// Filters `count` values read at `input[i * stride]`, writing `output[i * outStride]`.
    mutating func run(_ input: UnsafePointer<Float>, stride: Int, count: Int,
                      into output: UnsafeMutablePointer<Float>, outStride: Int) {
        let k = window, before = self.before, after = k - 1 - before
        @inline(__always) func at(_ j: Int) -> Float {
            if j >= 0 && j < count { return input[j * stride] }
            return input[scipyReflectIndex(j, count: count) * stride]
        }
        sorted.withUnsafeMutableBufferPointer { buf in
            let w = buf.baseAddress!
            for i in 0..<k { w[i] = at(i - before) }
            Self.insertionSort(w, k)
            output[0] = w[before]
            var i = 1
            while i < count {
                let old = at(i - 1 - before)
                let new = at(i + after)
                if old != new { Self.replace(w, k, old, new) }
                output[i * outStride] = w[before]
                i += 1
            }
        }
    }

    @inline(__always)
    private static func insertionSort(_ w: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 1..<max(n, 1) {
            let v = w[i]
            var j = i - 1
            while j >= 0 && w[j] > v { w[j + 1] = w[j]; j -= 1 }
            w[j + 1] = v
        }
    }

    /// Removes one copy of `old` (present) and inserts `new`, keeping `w` sorted, by
    /// shifting the values between the two positions by one place.
    @inline(__always)
    private static func replace(_ w: UnsafeMutablePointer<Float>, _ n: Int, _ old: Float, _ new: Float) {
        // Position of a copy of `old`: first index with w[p] >= old.
        var lo = 0, hi = n - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if w[mid] < old { lo = mid + 1 } else { hi = mid }
        }
        var p = lo
        if new > old {
            while p + 1 < n && w[p + 1] < new { w[p] = w[p + 1]; p += 1 }
        } else {
            while p > 0 && w[p - 1] > new { w[p] = w[p - 1]; p -= 1 }
        }
        w[p] = new
    }
}
