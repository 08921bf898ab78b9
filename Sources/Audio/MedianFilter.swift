import Foundation

/// `scipy.ndimage.median_filter(m, size=(rows, columns), mode='reflect')` for the
/// one-dimensional footprints librosa's HPSS uses: `(1, k)` filters each row (a bin
/// across frames), `(k, 1)` each column (a frame across bins). scipy's `'reflect'`
/// extends a line by its mirror image including the edge sample (`d c b a | a b c d |
/// d c b a`), repeating as often as the window needs.
///
/// Where scipy differs: when a window reaches two or more whole periods (`2n`) before
/// the start of a line of `n` samples (`k / 2 >= 4n`, e.g. kernel 31 on 3 frames or
/// fewer), scipy's offset arithmetic (1.10 to 1.15) maps the positions `-4n, -6n, ...`
/// to index -1, a value outside the line (the previous row's last, or memory outside
/// the array), not to sample 0. Its result there depends on that memory, so we keep the
/// reflection above; a median of many values rarely notices the one that differs.
///
/// The median of `k` values is one of them, so the result is exact whatever the
/// algorithm; we slide a sorted window (one removal and one insertion per step) instead
/// of sorting every window, and for HPSS's 31 on magnitudes (the lane path, values in
/// [+0, +inf]) take eight windows at a time from sorting networks (`MedianOf31`).
///
/// - Throws: `AudioError.invalidParameter` unless exactly one of the sizes is 1 and the
///   other is at least 1, and for a NaN in `m`.
public func medianFilter(_ m: Matrix, size: (rows: Int, columns: Int)) throws -> Matrix {
    guard size.rows >= 1, size.columns >= 1, size.rows == 1 || size.columns == 1 else {
        throw AudioError.invalidParameter("medianFilter supports sizes (1, k) or (k, 1), got \(size)")
    }
    // Values in [+0, +inf] (HPSS's magnitudes) hold no NaN: the lane path takes them
    // without a second pass to look for one.
    if m.rows > 0, m.columns > 0, m.values.withUnsafeBufferPointer(LaneMedian.accepts) {
        return Matrix(rows: m.rows, columns: m.columns) { laneMedianFilter(m, size: size, into: $0) }
    }
    // NaN has no rank: scipy's selection gives NaN or a neighbour depending on where it
    // falls, and our keys would rank it above infinity. Infinities are ordered and fine.
    // (The lane scan first: a plain search over each spectrogram cost more than 1 % of
    // the recipe.)
    if let i = ArgumentChecks.firstNaN(m.values) {
        let (r, c) = i.quotientAndRemainder(dividingBy: m.columns)
        throw AudioError.invalidParameter("medianFilter: m[\(r), \(c)] is NaN, which has no median rank")
    }
    guard m.rows > 0, m.columns > 0 else { return Matrix(rows: m.rows, columns: m.columns) }
    return Matrix(rows: m.rows, columns: m.columns) { dst in
        m.values.withUnsafeBufferPointer { src in
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
}

/// `medianFilter` by `LaneMedian`, eight lines at a time, for values in `[+0, +inf]`.
/// Rows (a `(1, k)` footprint) are gathered into lanes element by element; columns (a
/// `(k, 1)` footprint) are eight neighbours in a row, read as one vector.
private func laneMedianFilter(_ m: Matrix, size: (rows: Int, columns: Int), into dst: UnsafeMutableBufferPointer<Float>) {
    let alongRows = size.rows == 1
    let window = alongRows ? size.columns : size.rows
    let lineCount = alongRows ? m.rows : m.columns       // lines to filter
    let length = alongRows ? m.columns : m.rows          // samples per line
    let before = window / 2
    // Where each position of an extended line reads, under scipy's 'reflect'.
    let source = (0..<(length + window - 1)).map { scipyReflectIndex($0 - before, count: length) }
    let laneCount = LaneMedian.laneCount
    var filter = LaneMedian(window: window)
    var extended = [LaneMedian.Lanes](repeating: .zero, count: source.count)
    m.values.withUnsafeBufferPointer { src in
        extended.withUnsafeMutableBufferPointer { ext in
            var first = 0
            while first < lineCount {
                let lanes = min(laneCount, lineCount - first)
                // Lanes past the last line repeat it; their results are not stored.
                var lines = LaneMedian.Lanes()
                if alongRows {
                    let rows = (0..<laneCount).map { src.baseAddress! + min(first + $0, lineCount - 1) * m.columns }
                    // The interior in 8 x 8 tiles (eight samples of eight rows, transposed), the
                    // reflected margins and the rest sample by sample.
                    let tiled = length / laneCount * laneCount
                    @inline(__always) func load(_ l: Int, _ t: Int) -> LaneMedian.Lanes {
                        UnsafeRawPointer(rows[l] + t).loadUnaligned(as: LaneMedian.Lanes.self)
                    }
                    var t = 0
                    while t < tiled {
                        let c = LaneMedian.transpose((load(0, t), load(1, t), load(2, t), load(3, t),
                                                      load(4, t), load(5, t), load(6, t), load(7, t)))
                        let e = ext.baseAddress! + before + t
                        e[0] = c.0; e[1] = c.1; e[2] = c.2; e[3] = c.3; e[4] = c.4; e[5] = c.5; e[6] = c.6; e[7] = c.7
                        t += laneCount
                    }
                    for (j, t) in source.enumerated() where j < before || j >= before + tiled {
                        for l in 0..<laneCount { lines[l] = LaneMedian.key(rows[l][t]) }
                        ext[j] = lines
                    }
                    filter.run(extended: ext.baseAddress!, count: length, lanes: lanes,
                               into: dst.baseAddress! + first * m.columns, laneStride: m.columns, stepStride: 1)
                } else if lanes == laneCount {
                    // The keys are the values' bit patterns: eight neighbours load as they lie.
                    for (j, r) in source.enumerated() {
                        ext[j] = UnsafeRawPointer(src.baseAddress! + r * m.columns + first).loadUnaligned(as: LaneMedian.Lanes.self)
                    }
                    filter.run(extended: ext.baseAddress!, count: length, lanes: lanes,
                               into: dst.baseAddress! + first, laneStride: 1, stepStride: m.columns)
                } else {
                    for (j, r) in source.enumerated() {
                        let row = src.baseAddress! + r * m.columns
                        for l in 0..<laneCount { lines[l] = LaneMedian.key(row[min(first + l, lineCount - 1)]) }
                        ext[j] = lines
                    }
                    filter.run(extended: ext.baseAddress!, count: length, lanes: lanes,
                               into: dst.baseAddress! + first, laneStride: 1, stepStride: m.columns)
                }
                first += laneCount
            }
        }
    }
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

/// A running median over a line. The window lives unsorted in a ring; we track its
/// median `m` with the counts of values below and not above it. Each step updates the
/// counts for the value leaving and the value entering (O(1)); only when the median's
/// rank falls out of `[below, notAbove)` does it move to the next distinct value up or
/// down, found by a scan of the ring. Exact: the result is always the window's element
/// of rank `window / 2`, as scipy's selection returns.
///
/// Values are handled as order-preserving Int32 keys (IEEE bit patterns with negative
/// values' magnitude bits flipped), so that the scans are integer vector operations.
struct SlidingMedian {
    let window: Int
    /// scipy's window for `size = k` and origin 0: offsets `-(k/2) ... k - 1 - k/2`,
    /// median = the element of rank `k/2`.
    let before: Int
    /// The ring, padded to a multiple of 8 with a key below every real one (`Int32.min`,
    /// or -1 for lines without negative values), which no scan can pick.
    private var ring: [Int32]
    /// The line's keys with its reflected margins, contiguous.
    private var line: [Int32] = []

    init(window: Int) {
        self.window = window
        before = window / 2
        ring = [Int32](repeating: .min, count: (window + 7) / 8 * 8)
    }

    // The scans, written with whole-vector integer operations (compare masks are
    // all-ones lanes) so that they compile to SSE/NEON instructions.
    @inline(__always) private static func mask(_ m: SIMDMask<SIMD4<Int32>>) -> SIMD4<Int32> {
        unsafeBitCast(m, to: SIMD4<Int32>.self)
    }

    @inline(__always) private static func minAbove(_ m: Int32, _ v: UnsafePointer<SIMD4<Int32>>, _ n: Int) -> Int32 {
        let mv = SIMD4<Int32>(repeating: m), top = SIMD4<Int32>(repeating: .max)
        var best = top
        for j in 0..<n {
            let x = v[j]
            let above = mask(x .> mv)
            let c = (x & above) | (top & ~above)
            let less = mask(c .< best)
            best = (c & less) | (best & ~less)
        }
        return Swift.min(Swift.min(best[0], best[1]), Swift.min(best[2], best[3]))
    }

    @inline(__always) private static func maxBelow(_ m: Int32, _ v: UnsafePointer<SIMD4<Int32>>, _ n: Int) -> Int32 {
        let mv = SIMD4<Int32>(repeating: m), bottom = SIMD4<Int32>(repeating: .min)
        var best = bottom
        for j in 0..<n {
            let x = v[j]
            let under = mask(x .< mv)
            let c = (x & under) | (bottom & ~under)
            let more = mask(c .> best)
            best = (c & more) | (best & ~more)
        }
        return Swift.max(Swift.max(best[0], best[1]), Swift.max(best[2], best[3]))
    }

    // For non-negative values the keys lie in [0, 2^31) and the padding is -1, so every
    // difference below fits in Int32 and a comparison is the sign of a difference: no
    // mask conversions at all.
    @inline(__always) private static func minAboveNonNegative(_ m: Int32, _ v: UnsafePointer<SIMD4<Int32>>, _ n: Int) -> Int32 {
        let mv = SIMD4<Int32>(repeating: m), top = SIMD4<Int32>(repeating: .max)
        var best = top
        for j in 0..<n {
            let x = v[j]
            let above = (mv &- x) &>> 31                 // x > m
            let c = (x & above) | (top & ~above)
            let less = (c &- best) &>> 31                // c < best
            best = (c & less) | (best & ~less)
        }
        return Swift.min(Swift.min(best[0], best[1]), Swift.min(best[2], best[3]))
    }

    @inline(__always) private static func maxBelowNonNegative(_ m: Int32, _ v: UnsafePointer<SIMD4<Int32>>, _ n: Int) -> Int32 {
        let mv = SIMD4<Int32>(repeating: m), bottom = SIMD4<Int32>(repeating: -1)
        var best = bottom
        for j in 0..<n {
            let x = v[j]
            let under = (x &- mv) &>> 31                 // x < m
            let c = (x & under) | (bottom & ~under)
            let more = (best &- c) &>> 31                // c > best
            best = (c & more) | (best & ~more)
        }
        return Swift.max(Swift.max(best[0], best[1]), Swift.max(best[2], best[3]))
    }

    @inline(__always) private static func countEqualNonNegative(_ x: Int32, _ v: UnsafePointer<SIMD4<Int32>>, _ n: Int) -> Int {
        let xv = SIMD4<Int32>(repeating: x), zero = SIMD4<Int32>()
        var count = SIMD4<Int32>()
        for j in 0..<n {
            let d = v[j] &- xv
            count &+= ~((d | (zero &- d)) &>> 31) & 1   // d == 0
        }
        return Int(count[0] &+ count[1] &+ count[2] &+ count[3])
    }

    @inline(__always) private static func countEqual(_ x: Int32, _ v: UnsafePointer<SIMD4<Int32>>, _ n: Int) -> Int {
        let xv = SIMD4<Int32>(repeating: x)
        var count = SIMD4<Int32>()
        for j in 0..<n { count &-= mask(v[j] .== xv) }
        return Int(count[0] &+ count[1] &+ count[2] &+ count[3])
    }

    @inline(__always) static func key(_ x: Float) -> Int32 {
        let b = Int32(bitPattern: x.bitPattern)
        return b ^ ((b >> 31) & 0x7FFF_FFFF)
    }

    @inline(__always) static func value(_ k: Int32) -> Float {
        Float(bitPattern: UInt32(bitPattern: k ^ ((k >> 31) & 0x7FFF_FFFF)))
    }

    /// The element of rank `rank` among `count` keys (an insertion sort of a copy on the
    /// stack: windows are short, and this runs once per line).
    private static func select(_ rank: Int, of keys: UnsafePointer<Int32>, count: Int) -> Int32 {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { buf in
            let t = buf.baseAddress!
            for i in 0..<count {
                let x = keys[i]
                var j = i
                while j > 0 && t[j - 1] > x { t[j] = t[j - 1]; j -= 1 }
                t[j] = x
            }
            return t[rank]
        }
    }

    /// Filters `count` values read at `input[i * stride]`, writing `output[i * outStride]`.
    mutating func run(_ input: UnsafePointer<Float>, stride: Int, count: Int,
                      into output: UnsafeMutablePointer<Float>, outStride: Int) {
        let k = window, before = self.before
        let total = count + k - 1
        if line.count < total { line = [Int32](repeating: 0, count: total) }
        let rank = before
        let vectors = ring.count / 4
        line.withUnsafeMutableBufferPointer { lineBuf in
            ring.withUnsafeMutableBufferPointer { ringBuf in
                let ext = lineBuf.baseAddress!
                // Only the margins need the reflect arithmetic (an integer division each).
                let interiorStart = min(before, total), interiorEnd = max(interiorStart, min(before + count, total))
                for range in [0..<interiorStart, interiorEnd..<total] {
                    for j in range {
                        ext[j] = Self.key(input[scipyReflectIndex(j - before, count: count) * stride])
                    }
                }
                var p = input
                var allKeys: Int32 = 0
                for j in interiorStart..<interiorEnd {
                    let key = Self.key(p.pointee)
                    p += stride
                    allKeys |= key
                    ext[j] = key
                }
                // The margins repeat interior samples. A key is negative exactly for a set
                // sign bit (-0.0 included); NaNs with a clear sign key above +inf on both
                // paths, so the choice of path never changes a result.
                let nonNegative = allKeys >= 0
                let w = ringBuf.baseAddress!
                let pad: Int32 = nonNegative ? -1 : .min
                for j in k..<ringBuf.count { w[j] = pad }
                let v = UnsafeRawPointer(w).assumingMemoryBound(to: SIMD4<Int32>.self)
                for i in 0..<k { w[i] = ext[i] }
                // Initial median by sorting a copy of the first window.
                var m = Self.select(rank, of: w, count: k)
                var below = 0, notAbove = 0
                for i in 0..<k {
                    below += w[i] < m ? 1 : 0
                    notAbove += w[i] <= m ? 1 : 0
                }
                output[0] = Self.value(m)
                var slot = 0
                var i = 1
                while i < count {
                    let old = w[slot]
                    let new = ext[i + k - 1]
                    w[slot] = new
                    slot += 1
                    if slot == k { slot = 0 }
                    below += (new < m ? 1 : 0) - (old < m ? 1 : 0)
                    notAbove += (new <= m ? 1 : 0) - (old <= m ? 1 : 0)
                    if notAbove <= rank {
                        // Move up to the smallest value above m.
                        let next: Int32, equal: Int
                        if nonNegative && vectors == 8 {  // HPSS's window of 31: constant trip count, unrolled
                            next = Self.minAboveNonNegative(m, v, 8)
                            equal = Self.countEqualNonNegative(next, v, 8)
                        } else if nonNegative {
                            next = Self.minAboveNonNegative(m, v, vectors)
                            equal = Self.countEqualNonNegative(next, v, vectors)
                        } else {
                            next = Self.minAbove(m, v, vectors)
                            equal = Self.countEqual(next, v, vectors)
                        }
                        below = notAbove
                        notAbove += equal
                        m = next
                    } else if below > rank {
                        // Move down to the largest value below m.
                        let next: Int32, equal: Int
                        if nonNegative && vectors == 8 {
                            next = Self.maxBelowNonNegative(m, v, 8)
                            equal = Self.countEqualNonNegative(next, v, 8)
                        } else if nonNegative {
                            next = Self.maxBelowNonNegative(m, v, vectors)
                            equal = Self.countEqualNonNegative(next, v, vectors)
                        } else {
                            next = Self.maxBelow(m, v, vectors)
                            equal = Self.countEqual(next, v, vectors)
                        }
                        notAbove = below
                        below -= equal
                        m = next
                    }
                    output[i * outStride] = Self.value(m)
                    i += 1
                }
            }
        }
    }
}
