/// Max pooling over windows of two steps (si_cnn's MaxPooling1D(2)), fused with the
/// transpose between FFTW's layout (one row of steps per filter) and the layer's
/// (steps × filters), for a convolution that pools its own output (Conv1D+Pooling.swift).
///
/// The general path transposes a block of filters to steps × filters, then pools it
/// (MaxPoolingKernels); backward, it expands the pooled gradient to steps × filters and
/// transposes that back. Both pass the full-length block through memory. Here the two
/// steps of a window are neighbours in a filter's row, so the pooling (or the expansion)
/// happens in the row layout, and only the pooled half is transposed, through registers.
///
/// Same values and comparisons as MaxPoolingKernels: v = factor · r + shift in Float,
/// the first step of a window wins ties, a folded ReLU clamps at zero with winner -1;
/// backward, the winner's step gets the gradient's bits and the other +0. So results
/// are bit-identical to the general path (FoldingTests).
enum PairPooling {
    /// For the `width` rows of `rows` (row stride `rowStride`, at least 2 · outSteps
    /// steps each) and `shift` in the same layout (row stride `shiftStride`):
    /// y[t][j] = max(v[j][2t], v[j][2t + 1]) with v = factor · rows + shift, clamped at
    /// zero when `ramp`; taps[t][j] = 0 or 1, the step that won, or -1 where clamped.
    /// y and taps have row stride `yStride`.
    static func forward(rows: UnsafePointer<Float>, rowStride: Int, width: Int, outSteps: Int,
                        factor: Float, shift: UnsafePointer<Float>, shiftStride: Int, ramp: Bool,
                        into y: UnsafeMutablePointer<Float>, stride yStride: Int,
                        taps: UnsafeMutablePointer<Int8>) {
        let vectorWidth = width - width % 4, vectorSteps = outSteps - outSteps % 4
        var j = 0
        while j < vectorWidth {
            var t = 0
            while t < vectorSteps {
                // Four filters' windows t ..< t + 4 (eight steps each), pooled per filter,
                // then turned into four steps' rows of four filters.
                let (best0, tap0) = window4(rows + j * rowStride + 2 * t, shift + j * shiftStride + 2 * t, factor, ramp)
                let (best1, tap1) = window4(rows + (j + 1) * rowStride + 2 * t, shift + (j + 1) * shiftStride + 2 * t,
                                            factor, ramp)
                let (best2, tap2) = window4(rows + (j + 2) * rowStride + 2 * t, shift + (j + 2) * shiftStride + 2 * t,
                                            factor, ramp)
                let (best3, tap3) = window4(rows + (j + 3) * rowStride + 2 * t, shift + (j + 3) * shiftStride + 2 * t,
                                            factor, ramp)
                let values = transposed(best0, best1, best2, best3)
                let winners = transposed(tap0, tap1, tap2, tap3)
                @inline(__always) func store(_ k: Int, _ value: SIMD4<Float>, _ winner: SIMD4<Int32>) {
                    let o = (t + k) * yStride + j
                    UnsafeMutableRawPointer(y + o).storeBytes(of: value, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(taps + o).storeBytes(of: SIMD4<Int8>(truncatingIfNeeded: winner),
                                                                 as: SIMD4<Int8>.self)
                }
                store(0, values.0, winners.0)
                store(1, values.1, winners.1)
                store(2, values.2, winners.2)
                store(3, values.3, winners.3)
                t += 4
            }
            for jj in j..<(j + 4) {
                for tt in t..<outSteps { single(jj, tt) }
            }
            j += 4
        }
        for jj in j..<width {
            for tt in 0..<outSteps { single(jj, tt) }
        }

        func single(_ j: Int, _ t: Int) {
            let r = rows + j * rowStride + 2 * t, s = shift + j * shiftStride + 2 * t
            let first = factor * r[0] + s[0], second = factor * r[1] + s[1]
            var best = first, tap: Int8 = 0
            if second > best { best = second; tap = 1 }
            if ramp && !(best > 0) { best = 0; tap = -1 }
            y[t * yStride + j] = best
            taps[t * yStride + j] = tap
        }
    }

    /// The inverse of `forward`'s pooling, into the row layout: rows[j][2t + k] =
    /// g[t][j] where step k won window t, else +0; steps from 2 · outSteps to `steps`
    /// (in no window) get +0. `g` and `taps` have row stride `gStride`.
    static func backward(_ g: UnsafePointer<Float>, stride gStride: Int, taps: UnsafePointer<Int8>,
                         width: Int, outSteps: Int, steps: Int,
                         into rows: UnsafeMutablePointer<Float>, rowStride: Int) {
        let vectorWidth = width - width % 4, vectorSteps = outSteps - outSteps % 4
        /// Row t's four gradients from filter j on, as bits.
        @inline(__always) func load(_ g: UnsafePointer<Float>, _ t: Int, _ j: Int) -> SIMD4<Int32> {
            UnsafeRawPointer(g + t * gStride + j).loadUnaligned(as: SIMD4<Int32>.self)
        }
        /// Row t's four winners from filter j on, one byte each (-1 reads as 255).
        @inline(__always) func winners(_ t: Int, _ j: Int) -> SIMD4<UInt32> {
            let word = UnsafeRawPointer(taps + t * gStride + j).loadUnaligned(as: UInt32.self)
            return (SIMD4<UInt32>(repeating: word) &>> SIMD4<UInt32>(0, 8, 16, 24)) & 0xFF
        }
        var j = 0
        while j < vectorWidth {
            var t = 0
            while t < vectorSteps {
                // Four steps' rows of four filters and their winners, turned into four
                // filters' columns; each column's windows then split into the two steps.
                let (g0, g1, g2, g3) = transposed(load(g, t, j), load(g, t + 1, j), load(g, t + 2, j), load(g, t + 3, j))
                let (w0, w1, w2, w3) = transposed(winners(t, j), winners(t + 1, j), winners(t + 2, j), winners(t + 3, j))
                @inline(__always) func store(_ jj: Int, _ column: SIMD4<Int32>, _ winners: SIMD4<UInt32>) {
                    let first = column & equal(winners, 0), second = column & equal(winners, 1)
                    let interleaved = SIMD8(lowHalf: SIMD4(first[0], second[0], first[1], second[1]),
                                            highHalf: SIMD4(first[2], second[2], first[3], second[3]))
                    UnsafeMutableRawPointer(rows + (j + jj) * rowStride + 2 * t)
                        .storeBytes(of: interleaved, as: SIMD8<Int32>.self)
                }
                store(0, g0, w0)
                store(1, g1, w1)
                store(2, g2, w2)
                store(3, g3, w3)
                t += 4
            }
            for jj in j..<(j + 4) { tail(jj, from: t) }
            j += 4
        }
        for jj in j..<width { tail(jj, from: 0) }

        func tail(_ j: Int, from start: Int) {
            let row = rows + j * rowStride
            for t in start..<outSteps {
                let o = t * gStride + j
                row[2 * t] = taps[o] == 0 ? g[o] : 0
                row[2 * t + 1] = taps[o] == 1 ? g[o] : 0
            }
            for s in (2 * outSteps)..<max(steps, 2 * outSteps) { row[s] = 0 }
        }
    }

    /// One filter's four windows from eight steps: the pooled values and the winners.
    @inline(__always)
    private static func window4(_ r: UnsafePointer<Float>, _ s: UnsafePointer<Float>, _ factor: Float,
                                _ ramp: Bool) -> (SIMD4<Float>, SIMD4<Int32>) {
        let v = SIMD8<Float>(loading: r) * factor + SIMD8<Float>(loading: s)
        let first = v.evenHalf, second = v.oddHalf
        let better = second .> first
        var best = first
        best.replace(with: second, where: better)
        var tap = SIMD4<Int32>(repeating: 0)
        tap.replace(with: 1, where: better)
        if ramp {
            let clamped = .!(best .> 0)
            best.replace(with: 0, where: clamped)
            tap.replace(with: -1, where: clamped)
        }
        return (best, tap)
    }

    /// All ones where `winners` equals `k`, else zero (MaxPoolingKernels.winnerMask's
    /// trick: d is zero exactly there, and (d | -d) has its top bit set elsewhere).
    @inline(__always)
    private static func equal(_ winners: SIMD4<UInt32>, _ k: UInt32) -> SIMD4<Int32> {
        let d = SIMD4<Int32>(truncatingIfNeeded: winners ^ k)
        return ~((d | (0 &- d)) &>> 31)
    }

    /// The 4 × 4 transpose of four rows.
    @inline(__always)
    private static func transposed<T: SIMDScalar>(_ a: SIMD4<T>, _ b: SIMD4<T>, _ c: SIMD4<T>, _ d: SIMD4<T>)
        -> (SIMD4<T>, SIMD4<T>, SIMD4<T>, SIMD4<T>)
    {
        (SIMD4(a[0], b[0], c[0], d[0]), SIMD4(a[1], b[1], c[1], d[1]),
         SIMD4(a[2], b[2], c[2], d[2]), SIMD4(a[3], b[3], c[3], d[3]))
    }
}
