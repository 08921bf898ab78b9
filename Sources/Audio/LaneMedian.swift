/// A running median over eight lines at once, one per SIMD lane, for lines whose values
/// all lie in `[+0, +inf]` (magnitudes: no NaN, no negative zero). On those values the
/// bit patterns read as Int32 are ordered as the values are, and equal values have
/// equal bits, so the element of rank `window / 2` is the same bits whichever way it is
/// found. The lanes hold those bit patterns (`key`): integer minima and maxima are one
/// instruction each, where Float ones compiled to a compare and a blend.
///
/// Each lane keeps its window fully sorted: `sorted[j]` holds every lane's `j`-th
/// smallest value. A step removes the value leaving and inserts the value entering in
/// one pass of compares, selects, minima and maxima, with no branch on the data, so the
/// eight lanes advance together (`SlidingMedian` moves one line at a time and branches
/// on every step). The pass costs a few vector operations per window slot; for HPSS's
/// window of 31 that is several times cheaper per output than the scalar filter, and
/// `MedianOf31` (which `run` hands that window) about half as costly again.
struct LaneMedian {
    typealias Lanes = SIMD8<Int32>
    static let laneCount = 8

    /// A value's lane key: its bit pattern (ordered as the values in `[+0, +inf]`).
    @inline(__always) static func key(_ x: Float) -> Int32 { Int32(bitPattern: x.bitPattern) }
    @inline(__always) static func value(_ key: Int32) -> Float { Float(bitPattern: UInt32(bitPattern: key)) }
    /// `+inf`'s key, above every value's but NaN's (which are not accepted).
    static let infinity = key(.infinity)

    let window: Int
    /// The rank picked: scipy's median for `size = window`, origin 0.
    var rank: Int { window / 2 }
    /// The sorted windows, plus one slot of +inf above them that removal shifts down.
    private var sorted: [Lanes]

    init(window: Int) {
        self.window = window
        sorted = [Lanes](repeating: Lanes(repeating: Self.infinity), count: window + 1)
    }

    /// Whether every value is in `[+0, +inf]`, i.e. its bit pattern as a signed integer
    /// is between 0 and that of `+inf`: the values this filter handles.
    static func accepts(_ values: UnsafeBufferPointer<Float>) -> Bool {
        // Signed: a set sign bit makes a pattern negative, so the sign is checked apart.
        var largest: Int32 = 0, signs: UInt32 = 0
        for v in values {
            largest = Swift.max(largest, Int32(bitPattern: v.bitPattern))
            signs |= v.bitPattern
        }
        return largest <= Int32(bitPattern: Float.infinity.bitPattern) && signs >> 31 == 0
    }

    /// Filters eight lines given as their reflect-extended samples' keys, lane by lane:
    /// `extended[j]` holds sample `j - window / 2` of each line (`count + window - 1`
    /// entries). Output `i` of lane `l` goes to `output[l * laneStride + i * stepStride]`,
    /// for the first `lanes` lanes only (the others may hold copies used as padding).
    mutating func run(extended: UnsafePointer<Lanes>, count: Int, lanes: Int,
                      into output: UnsafeMutablePointer<Float>, laneStride: Int, stepStride: Int) {
        let k = window, rank = self.rank
        let contiguous = laneStride == 1 && lanes == Self.laneCount
        @inline(__always) func store(_ i: Int, _ medians: Lanes) {
            let o = output + i * stepStride
            if contiguous {  // eight neighbouring outputs: the keys are their bit patterns
                UnsafeMutableRawPointer(o).storeBytes(of: medians, as: Lanes.self)
            } else {
                for l in 0..<lanes { o[l * laneStride] = Self.value(medians[l]) }
            }
        }
        // HPSS's window, on lines long enough for a block: eight outputs at a time from
        // sorting networks (MedianOf31), without the sorted window; the last block may
        // overlap the one before.
        if k == MedianOf31.window && count >= MedianOf31.outputs {
            if laneStride != 1 && stepStride == 1 && lanes == Self.laneCount {
                // Lines along memory: each block is an 8 x 8 tile, eight outputs of eight lines,
                // stored transposed as eight runs of eight.
                MedianOf31.medians(extended, count: count, store: store) { i, medians in
                    let t = Self.transpose((medians[0], medians[1], medians[2], medians[3],
                                            medians[4], medians[5], medians[6], medians[7]))
                    @inline(__always) func put(_ l: Int, _ v: Lanes) {
                        UnsafeMutableRawPointer(output + l * laneStride + i).storeBytes(of: v, as: Lanes.self)
                    }
                    put(0, t.0); put(1, t.1); put(2, t.2); put(3, t.3); put(4, t.4); put(5, t.5); put(6, t.6); put(7, t.7)
                }
            } else {
                MedianOf31.medians(extended, count: count, store: store) { i, medians in
                    for j in 0..<MedianOf31.outputs { store(i + j, medians[j]) }
                }
            }
            return
        }
        sorted.withUnsafeMutableBufferPointer { buffer in
            let s = buffer.baseAddress!
            // The first window: insert its values one by one into slots full of +inf
            // (each insertion pushes one +inf out at the top).
            for j in 0...k { s[j] = Lanes(repeating: Self.infinity) }
            for j in 0..<k { Self.insert(extended[j], into: s, count: k) }
            store(0, s[rank])
            for i in 1..<max(count, 1) {
                Self.replace(extended[i - 1], with: extended[i + k - 1], in: s, count: k)
                store(i, s[rank])
            }
        }
    }

    /// The 8 x 8 transpose of `r0 ... r7` (lane `l` of result `c` is lane `c` of `r_l`),
    /// in the unpack / shuffle / 128-bit permute steps of AVX.
    @inline(__always)
    static func transpose(_ r: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes))
        -> (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes) {
        @inline(__always) func unpackLow(_ a: Lanes, _ b: Lanes) -> Lanes { Lanes(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5]) }
        @inline(__always) func unpackHigh(_ a: Lanes, _ b: Lanes) -> Lanes { Lanes(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7]) }
        @inline(__always) func pairsLow(_ a: Lanes, _ b: Lanes) -> Lanes { Lanes(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5]) }
        @inline(__always) func pairsHigh(_ a: Lanes, _ b: Lanes) -> Lanes { Lanes(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7]) }
        @inline(__always) func halvesLow(_ a: Lanes, _ b: Lanes) -> Lanes { Lanes(lowHalf: a.lowHalf, highHalf: b.lowHalf) }
        @inline(__always) func halvesHigh(_ a: Lanes, _ b: Lanes) -> Lanes { Lanes(lowHalf: a.highHalf, highHalf: b.highHalf) }
        let t0 = unpackLow(r.0, r.1), t1 = unpackHigh(r.0, r.1), t2 = unpackLow(r.2, r.3), t3 = unpackHigh(r.2, r.3)
        let t4 = unpackLow(r.4, r.5), t5 = unpackHigh(r.4, r.5), t6 = unpackLow(r.6, r.7), t7 = unpackHigh(r.6, r.7)
        let u0 = pairsLow(t0, t2), u1 = pairsHigh(t0, t2), u2 = pairsLow(t1, t3), u3 = pairsHigh(t1, t3)
        let u4 = pairsLow(t4, t6), u5 = pairsHigh(t4, t6), u6 = pairsLow(t5, t7), u7 = pairsHigh(t5, t7)
        return (halvesLow(u0, u4), halvesLow(u1, u5), halvesLow(u2, u6), halvesLow(u3, u7),
                halvesHigh(u0, u4), halvesHigh(u1, u5), halvesHigh(u2, u6), halvesHigh(u3, u7))
    }

    // Lane-wise integer minimum and maximum: one instruction each (vpminsd, vpmaxsd).
    // Written as a compare and a select, the minimum stayed a compare and a blend.
    @inline(__always) private static func lesser(_ a: Lanes, _ b: Lanes) -> Lanes {
        pointwiseMin(a, b)
    }

    @inline(__always) private static func greater(_ a: Lanes, _ b: Lanes) -> Lanes {
        pointwiseMax(a, b)
    }

    /// Inserts `new` into the sorted slots, dropping the largest value. Slot `j` becomes
    /// `max(s[j-1], min(s[j], new))`: below the insertion point that is `s[j]`, at it
    /// `new`, above it `s[j-1]`.
    @inline(__always)
    private static func insert(_ new: Lanes, into s: UnsafeMutablePointer<Lanes>, count: Int) {
        var previous = Lanes(repeating: .min)  // below every key
        for j in 0..<count {
            let current = s[j]
            s[j] = greater(previous, lesser(current, new))
            previous = current
        }
    }

    /// Removes one copy of `old` (present in every lane) and inserts `new`, in one pass.
    /// Removal: slot `j` keeps `s[j]` while it is below `old` and takes `s[j+1]` from the
    /// first copy of `old` on (the top slot becomes +inf); insertion then as in `insert`,
    /// applied to the removed array as it is produced.
    @inline(__always)
    private static func replace(_ old: Lanes, with new: Lanes, in s: UnsafeMutablePointer<Lanes>, count: Int) {
        var previousRemoved = Lanes(repeating: .min)
        var current = s[0]
        for j in 0..<count {
            let next = s[j + 1]  // slot `count` is a +inf sentinel
            let removed = next.replacing(with: current, where: current .< old)
            s[j] = greater(previousRemoved, lesser(removed, new))
            previousRemoved = removed
            current = next
        }
    }
}
