import Foundation

extension Resampy {
    /// The ratio-1/2 case of `interpolate` (every octave step of the CQT), with resampy's
    /// table `win` before its scaling by the ratio (`scale`). The time
    /// register stays on even input samples, so the fractional offset and `eta` are 0
    /// and the filter is a fixed symmetric FIR: taps `win[j * precision/2] * scale`. Same
    /// operations in the same order as `interpolate`, and the same results bit for bit;
    /// interior outputs are computed 44 at a time (eleven 4-lane accumulators, so the
    /// adds do not wait on each other), then 4 at a time, the edges one by one.
    ///
    /// Each tap rounds the Double sum to Float precision in two operations instead of
    /// Veltkamp's three, by keeping every accumulator scaled by a known power of two. For
    /// a Double `v` (normal), `2^29 v - RN((2^29 - 1) v)` is exactly `v` rounded to 24
    /// bits, ties to even (`RN((2^29 - 1) v)` is `2^29 v` plus `-v` rounded on the
    /// 24-bit grid of `v`, ties broken by that grid's parity since `2^29 v` is an even
    /// multiple of it at a tie). With the sum held as `U = 2^29 v` that is
    /// `U - RN((1 - 2^-29) U)`, one multiply and one subtract, and the rounded value
    /// comes out 2^29 times smaller than `U`. So the accumulators run scaled: taps go in
    /// groups of 16 counted from the last one, before a tap followed by r others in its
    /// group the accumulator is the true one times 2^(29 (r + 1)), each tap's weight carries
    /// the same power of two (products and sums are scaled exactly, so they round as the
    /// unscaled ones), between groups the accumulators are multiplied by 2^464, and
    /// after the last tap the scale is 1. For Float inputs every nonzero sum lies within
    /// [2^-230, 2^134], so the scaled values stay far inside Double's normal range; a sum
    /// of 0 gives +0 as the Float store does. This rounds to 24 bits also below 2^-126,
    /// where a Float store rounds to Float's subnormal grid. Only samples below about
    /// 2^-58 (`tiny`) can make such a sum. A chunk of about 2,000 samples all below it (a
    /// float recording of denormal noise) goes output by output; in a chunk that also
    /// holds larger samples, an output can still differ from resampy's in its last bits
    /// (reading only tiny samples, or rarely through a tiny partial sum): not met in the
    /// corpus, whose features stay bit-identical. A chunk holding a sample of 2^100 or more
    /// also goes output by output, where a Float store can overflow to infinity.
    static func halve(_ x: [Float], window win: [Double], scale: Double, precision: Int, outCount: Int) -> [Float] {
        typealias V = SIMD4<Double>
        let step = precision / 2
        let nwin = win.count
        let leftTaps = nwin / step            // i_max away from the start
        let rightTaps = (nwin - step) / step  // k_max away from the end
        var y = [Float](repeating: 0, count: outCount)
        // Interior: 2t - (leftTaps - 1) >= 0 and 2t + rightTaps <= n - 1.
        let first = (leftTaps - 1 + 1) / 2
        var last = (x.count - 1 - rightTaps) / 2  // inclusive
        last = min(last, outCount - 1)
        let left = (0..<leftTaps).map { win[$0 * step] * scale }
        let right = (0..<rightTaps).map { win[step + $0 * step] * scale }
        let nTaps = leftTaps + rightTaps

        // Output t by the general loop's arithmetic, one Float store per tap.
        func single(_ t: Int) -> Float {
            x.withUnsafeBufferPointer { x in
                let n = 2 * t
                var acc: Float = 0
                for i in 0..<min(n + 1, leftTaps) { acc = Float(Double(acc) + left[i] * Double(x[n - i])) }
                for k in 0..<max(min(x.count - n - 1, rightTaps), 0) {
                    acc = Float(Double(acc) + right[k] * Double(x[n + k + 1]))
                }
                return acc
            }
        }

        var t = first
        if nTaps > 0, last - first + 1 >= 4 {
            // Outputs [t, t + n) read even samples from t - lo to t + n - 1 + hi and odd
            // ones from t - lo to t + n - 1 + hi - (1 if rightTaps is even). A chunk of
            // outputs [c0, c0 + chunk) gets those as Doubles in one small buffer (even
            // samples, then odd ones from `span` on), refilled for each chunk.
            let lo = leftTaps / 2, hi = rightTaps / 2
            let block = 44, chunk = 24 * block
            let span = chunk + lo + hi
            let group = 16
            // Tap j reads entries xt + offsets[j] ..< xt + offsets[j] + n for outputs t ..< t + n,
            // with xt the buffer's start plus t - c0; left wing i = 0, 1, ... then right wing.
            var offsets = [Int](repeating: 0, count: nTaps), weights = [Double](repeating: 0, count: nTaps)
            for i in 0..<leftTaps {
                weights[i] = left[i]
                offsets[i] = lo + (i & 1 == 0 ? -(i >> 1) : span - (i >> 1) - 1)
            }
            for k in 0..<rightTaps {
                weights[leftTaps + k] = right[k]
                offsets[leftTaps + k] = lo + (k & 1 == 0 ? span + (k >> 1) : (k >> 1) + 1)
            }
            // Tap j's weight carries the accumulator's scale before it, 2^(29 (r % 16 + 1))
            // with r = nTaps - 1 - j taps after it: the last tap leaves the scale at 1.
            for j in 0..<nTaps {
                weights[j] *= Double(sign: .plus, exponent: 29 * ((nTaps - 1 - j) % group + 1), significand: 1)
            }
            // Below `tiny` a sample's products with the taps can make sums below Float's
            // least normal, 2^-126: with every sample 0 or at least 2^e_x (2^e_w the
            // least nonzero tap), every product, sum and Float value is a multiple of
            // 2^(e_w + e_x - 52), so a nonzero sum is at least 2^-126 for e_x = -74 - e_w.
            let leastTap = (left + right).lazy.filter { $0 != 0 }.map(abs).min() ?? 1
            let tiny = Double(sign: .plus, exponent: -74 - leastTap.exponent, significand: 1)
            let firstGroupEnd = (nTaps - 1) % group + 1
            let kD = V(repeating: 1 - 0x1p-29)
            let regroup = V(repeating: 0x1p464)  // 2^(29 * group)
            var buffer = [Double](repeating: 0, count: 2 * span)
            x.withUnsafeBufferPointer { src in
            buffer.withUnsafeMutableBufferPointer { buf in
            offsets.withUnsafeBufferPointer { offs in
            weights.withUnsafeBufferPointer { wts in
            y.withUnsafeMutableBufferPointer { out in
                let xb = buf.baseAddress!, ob = offs.baseAddress!, wb = wts.baseAddress!
                let ot = out.baseAddress!
                @inline(__always) func tap(_ a: inout V, _ w: V, _ p: UnsafePointer<Double>) {
                    a = a + w * UnsafeRawPointer(p).loadUnaligned(as: V.self)
                    a = a - a * kD
                }
                while last - t + 1 >= 4 {
                    // Fill the buffer for outputs [c0, c0 + chunk).
                    let c0 = t
                    let base = c0 - lo
                    let sp = src.baseAddress! + 2 * base
                    let pairs = min(span, (src.count - 2 * base) / 2)
                    // The largest magnitude among the chunk's samples, as bit patterns
                    // (which order as the magnitudes do).
                    var largestBits = SIMD8<UInt32>()
                    var q = 0
                    while q + 4 <= pairs {
                        let v = UnsafeRawPointer(sp + 2 * q).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(xb + q).storeBytes(of: V(v.evenHalf), as: V.self)
                        UnsafeMutableRawPointer(xb + span + q).storeBytes(of: V(v.oddHalf), as: V.self)
                        let magnitudes = unsafeBitCast(v, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF
                        largestBits.replace(with: magnitudes, where: magnitudes .> largestBits)
                        q += 4
                    }
                    var largest = largestBits.max()
                    func note(_ x: Float) { largest = max(largest, x.bitPattern & 0x7FFF_FFFF) }
                    while q < pairs {
                        xb[q] = Double(sp[2 * q]); xb[span + q] = Double(sp[2 * q + 1])
                        note(sp[2 * q]); note(sp[2 * q + 1])
                        q += 1
                    }
                    let evens = pairs < span && 2 * (base + pairs) < src.count ? pairs + 1 : pairs
                    if evens > pairs { xb[pairs] = Double(sp[2 * pairs]); note(sp[2 * pairs]) }
                    let chunkEnd = min(c0 + chunk, last + 1)
                    // Sums below Float's normal range round to the subnormal grid in a
                    // Float store, not to 24 bits as in the lanes: a chunk whose samples are
                    // all below `tiny` but not all zero (a float recording's denormal noise)
                    // goes output by output. (Checking for any such sample instead sent
                    // many chunks that way, as the harmonic part's near-silent stretches
                    // hold such samples, and made resampling 40 % slower.) At the other end,
                    // a Float store overflows to infinity where the lanes' Doubles do not:
                    // a chunk holding a sample of 2^100 or more (sums could then pass
                    // Float's largest, 2^128, as the taps' magnitudes add up to about 1)
                    // goes output by output too.
                    if largest > 0 && largest < Float(tiny).bitPattern || largest >= (0x1p100 as Float).bitPattern {
                        for u in t..<chunkEnd { ot[u] = single(u) }
                        t = chunkEnd
                        continue
                    }
                    while t + block <= chunkEnd {
                        let xt = UnsafePointer(xb + (t - c0))
                        var a0 = V(), a1 = V(), a2 = V(), a3 = V(), a4 = V(), a5 = V()
                        var a6 = V(), a7 = V(), a8 = V(), a9 = V(), a10 = V()
                        var j0 = 0, j1 = firstGroupEnd
                        while true {
                            for j in j0..<j1 {
                                let w = V(repeating: wb[j])
                                let p = xt + ob[j]
                                tap(&a0, w, p); tap(&a1, w, p + 4); tap(&a2, w, p + 8); tap(&a3, w, p + 12)
                                tap(&a4, w, p + 16); tap(&a5, w, p + 20); tap(&a6, w, p + 24); tap(&a7, w, p + 28)
                                tap(&a8, w, p + 32); tap(&a9, w, p + 36); tap(&a10, w, p + 40)
                            }
                            if j1 >= nTaps { break }
                            j0 = j1; j1 += group
                            a0 *= regroup; a1 *= regroup; a2 *= regroup; a3 *= regroup; a4 *= regroup
                            a5 *= regroup; a6 *= regroup; a7 *= regroup; a8 *= regroup; a9 *= regroup
                            a10 *= regroup
                        }
                        @inline(__always) func store(_ a: V, _ m: Int) {
                            UnsafeMutableRawPointer(ot + t + 4 * m).storeBytes(of: SIMD4<Float>(a), as: SIMD4<Float>.self)
                        }
                        store(a0, 0); store(a1, 1); store(a2, 2); store(a3, 3); store(a4, 4); store(a5, 5)
                        store(a6, 6); store(a7, 7); store(a8, 8); store(a9, 9); store(a10, 10)
                        t += block
                    }
                    while t + 4 <= chunkEnd {
                        let xt = UnsafePointer(xb + (t - c0))
                        var a0 = V()
                        var j0 = 0, j1 = firstGroupEnd
                        while true {
                            for j in j0..<j1 { tap(&a0, V(repeating: wb[j]), xt + ob[j]) }
                            if j1 >= nTaps { break }
                            j0 = j1; j1 += group
                            a0 *= regroup
                        }
                        UnsafeMutableRawPointer(ot + t).storeBytes(of: SIMD4<Float>(a0), as: SIMD4<Float>.self)
                        t += 4
                    }
                }
            } } } } }
        }
        // Everything not done 4 at a time goes through the general loop's arithmetic.
        for u in 0..<min(first, outCount) { y[u] = single(u) }
        for u in stride(from: max(t, first), to: outCount, by: 1) { y[u] = single(u) }
        return y
    }
}
