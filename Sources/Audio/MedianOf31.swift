/// HPSS's median filter of 31 values, for eight consecutive outputs of eight lines at
/// a time, by sorting networks: what `LaneMedian` does with its sliding sorted window,
/// in about half the time for this size.
///
/// The eight windows `x[k ..< k + 31]`, k = 0 ..< 8, share the 24 values `x[7 ... 30]`;
/// window k has seven more, `x[k ..< 7]` and `x[31 ..< 31 + k]`. With the shared values
/// sorted (`c`) and the seven sorted (`e`), the window's median, its 16th smallest value,
/// is the least of `max(c[15 - j], e[j - 1])` over j = 0 ... 7 (with `e[-1]` below every
/// value): the k-th smallest of two sorted lists. Only `c[8 ... 15]` can be the median.
/// From one window to the next the seven lose `x[k]` and gain `x[31 + k]`: the update
/// `LaneMedian` makes on all 31 values, here on seven.
///
/// Per eight outputs that is the 24 values' middle ranks (from chunks shared with the
/// neighbouring blocks, see `medians`), one sort of seven, seven updates of seven slots
/// and eight selections, on local values (they do not all fit in AVX2's sixteen
/// registers, so some spill); `LaneMedian` updates 31 slots in memory for every output.
/// The median is one of the window's values, so any exact method gives the same bits.
/// (About five of Batcher's 132 compare-exchanges are redundant for 24 values; the
/// network is kept as Batcher's, which its test proves sorts.)
enum MedianOf31 {
    typealias Lanes = LaneMedian.Lanes

    /// The window this filter takes (HPSS's kernel size).
    static let window = 31
    /// Outputs (consecutive windows) per block.
    static let outputs = 8

    // Lane-wise minimum and maximum written as selects, which compile to one
    // instruction each here. (The standard library's pointwiseMin, a loop over the
    // lanes, came out of these networks as pairs of 128-bit instructions, twice the
    // work; in LaneMedian's loop it is the select that comes out worse.)
    @inline(__always) private static func lesser(_ a: Lanes, _ b: Lanes) -> Lanes { a.replacing(with: b, where: b .< a) }
    @inline(__always) private static func greater(_ a: Lanes, _ b: Lanes) -> Lanes { a.replacing(with: b, where: a .< b) }

    /// A compare-exchange: the lesser value of each lane to `a`, the greater to `b`.
    @inline(__always) private static func order(_ a: inout Lanes, _ b: inout Lanes) {
        let t = a
        a = lesser(t, b)
        b = greater(t, b)
    }

    /// The medians of the windows `x[k ..< k + 31]`, k = 0 ..< 8, into `out[k]` (`x`
    /// holds 38 positions).
    static func block(_ x: UnsafePointer<Lanes>, into out: UnsafeMutablePointer<Lanes>) {
        var c0 = x[7], c1 = x[8], c2 = x[9], c3 = x[10], c4 = x[11], c5 = x[12], c6 = x[13], c7 = x[14]
        var c8 = x[15], c9 = x[16], c10 = x[17], c11 = x[18], c12 = x[19], c13 = x[20], c14 = x[21], c15 = x[22]
        var c16 = x[23], c17 = x[24], c18 = x[25], c19 = x[26], c20 = x[27], c21 = x[28], c22 = x[29], c23 = x[30]
        sort24(&c0, &c1, &c2, &c3, &c4, &c5, &c6, &c7, &c8, &c9, &c10, &c11,
               &c12, &c13, &c14, &c15, &c16, &c17, &c18, &c19, &c20, &c21, &c22, &c23)
        windows(x, shared: (c8, c9, c10, c11, c12, c13, c14, c15), into: out)
    }

    /// The 9th to 16th smallest of the 24 shared values, in order: the only ones that can
    /// be a window's median.
    typealias SharedMiddle = (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)

    /// `block`'s eight medians from the shared values' middle ranks `c`.
    ///
    /// This function and the networks `medians` uses (`sortedChunk`, `merge`, `sort7`)
    /// are forced inline (`@_transparent`): left to the optimiser, some stayed calls whose
    /// inout vectors went through memory, and a line took longer than with one 24-value
    /// sort per block. (`sort24` serves only `block`, where it was always inlined.)
    @_transparent
    static func windows(_ x: UnsafePointer<Lanes>, shared c: SharedMiddle, into out: UnsafeMutablePointer<Lanes>) {
        let (c8, c9, c10, c11, c12, c13, c14, c15) = c
        // The seven values of window 0 that are not shared, sorted.
        var e0 = x[0], e1 = x[1], e2 = x[2], e3 = x[3], e4 = x[4], e5 = x[5], e6 = x[6]
        sort7(&e0, &e1, &e2, &e3, &e4, &e5, &e6)
        let top = Lanes(repeating: LaneMedian.infinity)
        for k in 0..<outputs {
            if k > 0 {
                // Remove one copy of x[k - 1] (present in every lane), insert x[30 + k], as
                // LaneMedian.replace does: slot j takes slot j + 1's value from the first
                // copy of the old value on (r), then max(r[j - 1], min(r[j], new)).
                let old = x[k - 1], new = x[30 + k]
                let r0 = e1.replacing(with: e0, where: e0 .< old), r1 = e2.replacing(with: e1, where: e1 .< old)
                let r2 = e3.replacing(with: e2, where: e2 .< old), r3 = e4.replacing(with: e3, where: e3 .< old)
                let r4 = e5.replacing(with: e4, where: e4 .< old), r5 = e6.replacing(with: e5, where: e5 .< old)
                let r6 = top.replacing(with: e6, where: e6 .< old)
                e0 = lesser(r0, new)
                e1 = greater(r0, lesser(r1, new)); e2 = greater(r1, lesser(r2, new))
                e3 = greater(r2, lesser(r3, new)); e4 = greater(r3, lesser(r4, new))
                e5 = greater(r4, lesser(r5, new)); e6 = greater(r5, lesser(r6, new))
            }
            var m = lesser(c15, greater(c14, e0))
            m = lesser(m, greater(c13, e1)); m = lesser(m, greater(c12, e2))
            m = lesser(m, greater(c11, e3)); m = lesser(m, greater(c10, e4))
            m = lesser(m, greater(c9, e5)); m = lesser(m, greater(c8, e6))
            out[k] = m
        }
    }

    /// The medians of the `count` (at least 8) windows of a line whose reflect-extended
    /// samples are `x[0 ..< count + 30]`: `store(i, median)` for each window `i`.
    ///
    /// Blocks of eight windows share 24 values, and neighbouring blocks share 16 of
    /// theirs: block b (windows 8b ..< 8b + 8) shares the chunks `x[8j + 7 ..< 8j + 15]`
    /// for j = b, b + 1, b + 2. Each chunk is sorted once (19 compare-exchanges), two
    /// neighbours are merged once (25), and the merged pair and the next chunk give the
    /// block its middle ranks by a merge pruned to them (35): 79 compare-exchanges a block
    /// where sorting its 24 values took 132. A last, partial block overlaps the one
    /// before it and is done by `block`.
    static func medians(_ x: UnsafePointer<Lanes>, count: Int, store: (Int, Lanes) -> Void) {
        precondition(count >= outputs, "a line of at least one block")
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: outputs) { buffer in
            let out = buffer.baseAddress!
            // The sorted chunk b + 1 (s) and chunks b and b + 1 merged (m).
            var (s0, s1, s2, s3, s4, s5, s6, s7) = sortedChunk(x, 0)
            var (m0, m1, m2, m3, m4, m5, m6, m7) = (s0, s1, s2, s3, s4, s5, s6, s7)
            (s0, s1, s2, s3, s4, s5, s6, s7) = sortedChunk(x, 1)
            var (m8, m9, m10, m11, m12, m13, m14, m15) = (s0, s1, s2, s3, s4, s5, s6, s7)
            merge(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11, &m12, &m13, &m14, &m15)
            for b in 0..<(count / outputs) {
                let t = sortedChunk(x, b + 2)
                // Ranks 8 ... 15 of the merged pair and chunk b + 2: Batcher's merge of
                // 16 and 8 values (the rest +inf) keeping the 35 compare-exchanges that
                // reach them. The merged pair is not needed after this block.
                var (u0, u1, u2, u3, u4, u5, u6, u7) = t
                order(&m0, &u0); order(&m8, &u0); order(&m4, &u4); order(&m12, &u4); order(&m4, &m8); order(&m12, &u0)
                order(&m2, &u2); order(&m10, &u2); order(&m6, &u6); order(&m14, &u6); order(&m6, &m10); order(&m14, &u2)
                order(&m6, &m8); order(&m10, &m12); order(&m14, &u0); order(&m1, &u1); order(&m9, &u1); order(&m5, &u5)
                order(&m13, &u5); order(&m5, &m9); order(&m13, &u1); order(&m3, &u3); order(&m11, &u3); order(&m7, &u7)
                order(&m15, &u7); order(&m7, &m11); order(&m15, &u3); order(&m7, &m9); order(&m11, &m13); order(&m15, &u1)
                order(&m7, &m8); order(&m9, &m10); order(&m11, &m12); order(&m13, &m14); order(&m15, &u0)
                windows(x + b * outputs, shared: (m8, m9, m10, m11, m12, m13, m14, m15), into: out)
                for j in 0..<outputs { store(b * outputs + j, out[j]) }
                // The next block's pair: chunks b + 1 and b + 2 (none after the last).
                guard b + 1 < count / outputs else { break }
                (m0, m1, m2, m3, m4, m5, m6, m7) = (s0, s1, s2, s3, s4, s5, s6, s7)
                (m8, m9, m10, m11, m12, m13, m14, m15) = t
                merge(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11, &m12, &m13, &m14, &m15)
                (s0, s1, s2, s3, s4, s5, s6, s7) = t
            }
            let done = count / outputs * outputs
            if done < count {
                block(x + count - outputs, into: out)
                for j in (done - (count - outputs))..<outputs { store(count - outputs + j, out[j]) }
            }
        }
    }

    /// Chunk `j`, `x[8j + 7 ..< 8j + 15]`, sorted lane by lane (the optimal network for
    /// eight values, 19 compare-exchanges).
    @_transparent
    static func sortedChunk(_ x: UnsafePointer<Lanes>, _ j: Int) -> SharedMiddle {
        let p = x + 8 * j + 7
        var v0 = p[0], v1 = p[1], v2 = p[2], v3 = p[3], v4 = p[4], v5 = p[5], v6 = p[6], v7 = p[7]
        order(&v0, &v2); order(&v1, &v3); order(&v4, &v6); order(&v5, &v7); order(&v0, &v4); order(&v1, &v5)
        order(&v2, &v6); order(&v3, &v7); order(&v0, &v1); order(&v2, &v3); order(&v4, &v5); order(&v6, &v7)
        order(&v2, &v4); order(&v3, &v5); order(&v1, &v4); order(&v3, &v6); order(&v1, &v2); order(&v3, &v4)
        order(&v5, &v6)
        return (v0, v1, v2, v3, v4, v5, v6, v7)
    }

    /// Two sorted runs of eight, `m0 ... m7` and `m8 ... m15`, merged in place: Batcher's
    /// odd-even merge (25 compare-exchanges).
    @_transparent
    static func merge(_ m0: inout Lanes, _ m1: inout Lanes, _ m2: inout Lanes, _ m3: inout Lanes,
                              _ m4: inout Lanes, _ m5: inout Lanes, _ m6: inout Lanes, _ m7: inout Lanes,
                              _ m8: inout Lanes, _ m9: inout Lanes, _ m10: inout Lanes, _ m11: inout Lanes,
                              _ m12: inout Lanes, _ m13: inout Lanes, _ m14: inout Lanes, _ m15: inout Lanes) {
        order(&m0, &m8); order(&m4, &m12); order(&m4, &m8); order(&m2, &m10); order(&m6, &m14); order(&m6, &m10)
        order(&m2, &m4); order(&m6, &m8); order(&m10, &m12); order(&m1, &m9); order(&m5, &m13); order(&m5, &m9)
        order(&m3, &m11); order(&m7, &m15); order(&m7, &m11); order(&m3, &m5); order(&m7, &m9); order(&m11, &m13)
        order(&m1, &m2); order(&m3, &m4); order(&m5, &m6); order(&m7, &m8); order(&m9, &m10); order(&m11, &m12)
        order(&m13, &m14)
    }

    /// `v0 ... v23` sorted lane by lane in place: Batcher's odd-even merge sort of 32
    /// values, keeping the 132 compare-exchanges within the first 24 (the rest would
    /// only move the +inf of eight missing values).
    @inline(__always)
    static func sort24(_ v0: inout Lanes, _ v1: inout Lanes, _ v2: inout Lanes, _ v3: inout Lanes, _ v4: inout Lanes,
                       _ v5: inout Lanes, _ v6: inout Lanes, _ v7: inout Lanes, _ v8: inout Lanes, _ v9: inout Lanes,
                       _ v10: inout Lanes, _ v11: inout Lanes, _ v12: inout Lanes, _ v13: inout Lanes, _ v14: inout Lanes,
                       _ v15: inout Lanes, _ v16: inout Lanes, _ v17: inout Lanes, _ v18: inout Lanes, _ v19: inout Lanes,
                       _ v20: inout Lanes, _ v21: inout Lanes, _ v22: inout Lanes, _ v23: inout Lanes) {
        order(&v0, &v1); order(&v2, &v3); order(&v4, &v5); order(&v6, &v7); order(&v8, &v9); order(&v10, &v11)
        order(&v12, &v13); order(&v14, &v15); order(&v16, &v17); order(&v18, &v19); order(&v20, &v21); order(&v22, &v23)
        order(&v0, &v2); order(&v1, &v3); order(&v4, &v6); order(&v5, &v7); order(&v8, &v10); order(&v9, &v11)
        order(&v12, &v14); order(&v13, &v15); order(&v16, &v18); order(&v17, &v19); order(&v20, &v22); order(&v21, &v23)
        order(&v1, &v2); order(&v5, &v6); order(&v9, &v10); order(&v13, &v14); order(&v17, &v18); order(&v21, &v22)
        order(&v0, &v4); order(&v1, &v5); order(&v2, &v6); order(&v3, &v7); order(&v8, &v12); order(&v9, &v13)
        order(&v10, &v14); order(&v11, &v15); order(&v16, &v20); order(&v17, &v21); order(&v18, &v22); order(&v19, &v23)
        order(&v2, &v4); order(&v3, &v5); order(&v10, &v12); order(&v11, &v13); order(&v18, &v20); order(&v19, &v21)
        order(&v1, &v2); order(&v3, &v4); order(&v5, &v6); order(&v9, &v10); order(&v11, &v12); order(&v13, &v14)
        order(&v17, &v18); order(&v19, &v20); order(&v21, &v22)
        order(&v0, &v8); order(&v1, &v9); order(&v2, &v10); order(&v3, &v11); order(&v4, &v12); order(&v5, &v13)
        order(&v6, &v14); order(&v7, &v15)
        order(&v4, &v8); order(&v5, &v9); order(&v6, &v10); order(&v7, &v11)
        order(&v2, &v4); order(&v3, &v5); order(&v6, &v8); order(&v7, &v9); order(&v10, &v12); order(&v11, &v13)
        order(&v18, &v20); order(&v19, &v21)
        order(&v1, &v2); order(&v3, &v4); order(&v5, &v6); order(&v7, &v8); order(&v9, &v10); order(&v11, &v12)
        order(&v13, &v14); order(&v17, &v18); order(&v19, &v20); order(&v21, &v22)
        order(&v0, &v16); order(&v1, &v17); order(&v2, &v18); order(&v3, &v19); order(&v4, &v20); order(&v5, &v21)
        order(&v6, &v22); order(&v7, &v23)
        order(&v8, &v16); order(&v9, &v17); order(&v10, &v18); order(&v11, &v19); order(&v12, &v20); order(&v13, &v21)
        order(&v14, &v22); order(&v15, &v23)
        order(&v4, &v8); order(&v5, &v9); order(&v6, &v10); order(&v7, &v11); order(&v12, &v16); order(&v13, &v17)
        order(&v14, &v18); order(&v15, &v19)
        order(&v2, &v4); order(&v3, &v5); order(&v6, &v8); order(&v7, &v9); order(&v10, &v12); order(&v11, &v13)
        order(&v14, &v16); order(&v15, &v17); order(&v18, &v20); order(&v19, &v21)
        order(&v1, &v2); order(&v3, &v4); order(&v5, &v6); order(&v7, &v8); order(&v9, &v10); order(&v11, &v12)
        order(&v13, &v14); order(&v15, &v16); order(&v17, &v18); order(&v19, &v20); order(&v21, &v22)
    }

    /// `e0 ... e6` sorted lane by lane in place: the optimal network for seven values
    /// (16 compare-exchanges).
    @_transparent
    static func sort7(_ e0: inout Lanes, _ e1: inout Lanes, _ e2: inout Lanes, _ e3: inout Lanes, _ e4: inout Lanes,
                      _ e5: inout Lanes, _ e6: inout Lanes) {
        order(&e0, &e1); order(&e2, &e3); order(&e4, &e5)
        order(&e0, &e2); order(&e1, &e3); order(&e4, &e6)
        order(&e1, &e2); order(&e5, &e6)
        order(&e0, &e4); order(&e1, &e5); order(&e2, &e6)
        order(&e2, &e4); order(&e3, &e5)
        order(&e1, &e2); order(&e3, &e4); order(&e5, &e6)
    }
}
