/// HPSS's median filter of 31 values, for eight consecutive outputs of eight lines at
/// a time, by sorting networks: what `LaneMedian` does with its sliding sorted window,
/// in about half the time for this size.
///
/// The eight windows `x[k ..< k + 31]`, k = 0 ..< 8, share the 24 values `x[7 ... 30]`;
/// window k has seven more, its left part `x[k ..< 7]` and its right part
/// `x[31 ..< 31 + k]`. A window's median, its 16th smallest value, is the 16th smallest
/// of the shared values' ranks 8 to 15 (`c`: no other shared value can be it) and its
/// seven own values. `windows` finds the eight from `c` by insertions into sorted lists,
/// with min and max alone (no blends): see there.
///
/// Per eight outputs that is the 24 values' middle ranks (from chunks shared with the
/// neighbouring blocks, see `medians`) and about 150 lane-wise minima and maxima, on
/// local values; `LaneMedian` updates 31 slots in memory for every output. The median is
/// one of the window's values, so any exact method gives the same bits. (About five of
/// Batcher's 132 compare-exchanges are redundant for 24 values; the network is kept as
/// Batcher's, which its test proves sorts.)
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
    /// Inserting a value v into a sorted list a keeps it sorted with element j of the
    /// result `max(a[j - 1], min(a[j], v))`, and an element whose rank can no longer be a
    /// median's need not be formed. So:
    /// - the left parts, from window 7's (empty) down to window 0's (`x[0 ..< 7]`): `dK_j`
    ///   is rank j of `c` with `x[K ..< 7]` inserted, x[6] first (window K's left part is
    ///   window K + 1's and `x[K]`); with 7 - K values in, ranks below 7 - K are never a
    ///   median's and are dropped;
    /// - the right parts, from window 1's (`x[31]`) up to window 7's (`x[31 ..< 38]`):
    ///   `pK_j` is rank j of `x[31 ..< 30 + K]` sorted, one insertion a window;
    /// - window K's median is the 16th smallest of its two sorted lists, the least over j
    ///   of `max(d[7 - j], p[j - 1])`, the smaller list's terms missing at its ends (the
    ///   k-th smallest of two sorted lists).
    /// The lines follow that pattern exactly; written out, every value stays in a
    /// register or a known spill slot.
    ///
    /// This function and the networks `medians` uses (`sortedChunk`, `merge`)
    /// are forced inline (`@_transparent`): left to the optimiser, some stayed calls whose
    /// inout vectors went through memory, and a line took longer than with one 24-value
    /// sort per block. (`sort24` serves only `block`, where it was always inlined.)
    @_transparent
    static func windows(_ x: UnsafePointer<Lanes>, shared c: SharedMiddle, into out: UnsafeMutablePointer<Lanes>) {
        let (c8, c9, c10, c11, c12, c13, c14, c15) = c
        let l6 = x[6]
        let d6_1 = greater(c8, lesser(c9, l6))
        let d6_2 = greater(c9, lesser(c10, l6))
        let d6_3 = greater(c10, lesser(c11, l6))
        let d6_4 = greater(c11, lesser(c12, l6))
        let d6_5 = greater(c12, lesser(c13, l6))
        let d6_6 = greater(c13, lesser(c14, l6))
        let d6_7 = greater(c14, lesser(c15, l6))
        let l5 = x[5]
        let d5_2 = greater(d6_1, lesser(d6_2, l5))
        let d5_3 = greater(d6_2, lesser(d6_3, l5))
        let d5_4 = greater(d6_3, lesser(d6_4, l5))
        let d5_5 = greater(d6_4, lesser(d6_5, l5))
        let d5_6 = greater(d6_5, lesser(d6_6, l5))
        let d5_7 = greater(d6_6, lesser(d6_7, l5))
        let l4 = x[4]
        let d4_3 = greater(d5_2, lesser(d5_3, l4))
        let d4_4 = greater(d5_3, lesser(d5_4, l4))
        let d4_5 = greater(d5_4, lesser(d5_5, l4))
        let d4_6 = greater(d5_5, lesser(d5_6, l4))
        let d4_7 = greater(d5_6, lesser(d5_7, l4))
        let l3 = x[3]
        let d3_4 = greater(d4_3, lesser(d4_4, l3))
        let d3_5 = greater(d4_4, lesser(d4_5, l3))
        let d3_6 = greater(d4_5, lesser(d4_6, l3))
        let d3_7 = greater(d4_6, lesser(d4_7, l3))
        let l2 = x[2]
        let d2_5 = greater(d3_4, lesser(d3_5, l2))
        let d2_6 = greater(d3_5, lesser(d3_6, l2))
        let d2_7 = greater(d3_6, lesser(d3_7, l2))
        let l1 = x[1]
        let d1_6 = greater(d2_5, lesser(d2_6, l1))
        let d1_7 = greater(d2_6, lesser(d2_7, l1))
        let l0 = x[0]
        let d0_7 = greater(d1_6, lesser(d1_7, l0))
        out[0] = d0_7
        let r1 = x[31]
        let p1_0 = r1
        out[1] = lesser(d1_7, greater(d1_6, p1_0))
        let r2 = x[32]
        let p2_0 = lesser(p1_0, r2)
        let p2_1 = greater(p1_0, r2)
        out[2] = lesser(lesser(d2_7, greater(d2_6, p2_0)), greater(d2_5, p2_1))
        let r3 = x[33]
        let p3_0 = lesser(p2_0, r3)
        let p3_1 = greater(p2_0, lesser(p2_1, r3))
        let p3_2 = greater(p2_1, r3)
        out[3] = lesser(lesser(lesser(d3_7, greater(d3_6, p3_0)), greater(d3_5, p3_1)), greater(d3_4, p3_2))
        let r4 = x[34]
        let p4_0 = lesser(p3_0, r4)
        let p4_1 = greater(p3_0, lesser(p3_1, r4))
        let p4_2 = greater(p3_1, lesser(p3_2, r4))
        let p4_3 = greater(p3_2, r4)
        out[4] = lesser(lesser(lesser(lesser(d4_7, greater(d4_6, p4_0)), greater(d4_5, p4_1)), greater(d4_4, p4_2)), greater(d4_3, p4_3))
        let r5 = x[35]
        let p5_0 = lesser(p4_0, r5)
        let p5_1 = greater(p4_0, lesser(p4_1, r5))
        let p5_2 = greater(p4_1, lesser(p4_2, r5))
        let p5_3 = greater(p4_2, lesser(p4_3, r5))
        let p5_4 = greater(p4_3, r5)
        out[5] = lesser(lesser(lesser(lesser(lesser(d5_7, greater(d5_6, p5_0)), greater(d5_5, p5_1)), greater(d5_4, p5_2)), greater(d5_3, p5_3)), greater(d5_2, p5_4))
        let r6 = x[36]
        let p6_0 = lesser(p5_0, r6)
        let p6_1 = greater(p5_0, lesser(p5_1, r6))
        let p6_2 = greater(p5_1, lesser(p5_2, r6))
        let p6_3 = greater(p5_2, lesser(p5_3, r6))
        let p6_4 = greater(p5_3, lesser(p5_4, r6))
        let p6_5 = greater(p5_4, r6)
        out[6] = lesser(lesser(lesser(lesser(lesser(lesser(d6_7, greater(d6_6, p6_0)), greater(d6_5, p6_1)), greater(d6_4, p6_2)), greater(d6_3, p6_3)), greater(d6_2, p6_4)), greater(d6_1, p6_5))
        let r7 = x[37]
        let p7_0 = lesser(p6_0, r7)
        let p7_1 = greater(p6_0, lesser(p6_1, r7))
        let p7_2 = greater(p6_1, lesser(p6_2, r7))
        let p7_3 = greater(p6_2, lesser(p6_3, r7))
        let p7_4 = greater(p6_3, lesser(p6_4, r7))
        let p7_5 = greater(p6_4, lesser(p6_5, r7))
        let p7_6 = greater(p6_5, r7)
        out[7] = lesser(lesser(lesser(lesser(lesser(lesser(lesser(c15, greater(c14, p7_0)), greater(c13, p7_1)), greater(c12, p7_2)), greater(c11, p7_3)), greater(c10, p7_4)), greater(c9, p7_5)), greater(c8, p7_6))
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
    static func medians(_ x: UnsafePointer<Lanes>, count: Int, store: (Int, Lanes) -> Void,
                        storeBlock: (Int, UnsafePointer<Lanes>) -> Void) {
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
                storeBlock(b * outputs, out)
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
}
