/// The loops of max pooling over one sample, with row strides, so that MaxPooling1D and
/// a convolution that pools its own output (Conv1D+Pooling.swift) run the same code:
/// the same comparisons give the same winners and the same values.
///
/// Layout: `steps` rows of `width` channels, row r at `x + r · stride`. The winners
/// (`taps`) have the pooled output's layout: per output value, the tap (0..<pool) that
/// won, or -1 where the ramp of a folded ReLU clamped the value to zero. One byte each:
/// the pooling is memory-bound, and the winners are written once and read twice.
enum MaxPoolingKernels {
    /// y[t][c] = max over k of x[t·pool + k][c] (first maximum wins; clamped at zero
    /// when `ramp`), for t in 0..<outSteps.
    @inline(__always)
    static func forward(_ x: UnsafePointer<Float>, stride xStride: Int, outSteps: Int, width: Int, pool: Int,
                        ramp: Bool, into y: UnsafeMutablePointer<Float>, stride yStride: Int,
                        taps: UnsafeMutablePointer<Int8>) {
        // The channels go eight at a time through SIMD8 selects: the data is random, so
        // branches mispredict, and the compiler does not vectorise the scalar selects.
        let vectorEnd = width - width % 8
        for t in 0..<outSteps {
            let first = x + t * pool * xStride
            let yo = y + t * yStride, to = taps + t * yStride
            var c = 0
            while c < vectorEnd {
                var best = SIMD8<Float>(loading: first + c)
                var tap = SIMD8<Int32>(repeating: 0)
                for k in 1..<max(pool, 1) {
                    let v = SIMD8<Float>(loading: first + k * xStride + c)
                    let better = v .> best
                    best.replace(with: v, where: better)
                    tap.replace(with: Int32(k), where: better)
                }
                if ramp {
                    let clamped = .!(best .> 0)
                    best.replace(with: 0, where: clamped)
                    tap.replace(with: -1, where: clamped)
                }
                best.store(to: yo + c)
                UnsafeMutableRawPointer(to + c).storeBytes(of: SIMD8<Int8>(truncatingIfNeeded: tap), as: SIMD8<Int8>.self)
                c += 8
            }
            while c < width {
                var best = first[c], tap: Int8 = 0
                for k in 1..<max(pool, 1) {
                    let v = first[k * xStride + c]
                    if v > best { best = v; tap = Int8(k) }
                }
                if ramp && !(best > 0) { best = 0; tap = -1 }
                yo[c] = best; to[c] = tap
                c += 1
            }
        }
    }

    /// dx[t·pool + k][c] = g[t][c] where tap k won, else 0, for all `steps` rows of dx
    /// (rows past the last whole window get zeros). `g` and `taps` share a layout.
    @inline(__always)
    static func backward(_ g: UnsafePointer<Float>, stride gStride: Int, taps: UnsafePointer<Int8>,
                         steps: Int, outSteps: Int, width: Int, pool: Int,
                         into dx: UnsafeMutablePointer<Float>, stride dxStride: Int) {
        let vectorEnd = width - width % 8
        for t in 0..<outSteps {
            let gt = g + t * gStride, to = taps + t * gStride
            for k in 0..<pool {
                let row = dx + (t * pool + k) * dxStride
                var c = 0
                let gBits = UnsafeRawPointer(gt), rowBits = UnsafeMutableRawPointer(row)
                while c < vectorEnd {
                    let bits = gBits.loadUnaligned(fromByteOffset: 4 * c, as: SIMD8<Int32>.self)
                        & winnerMask(to + c, tap: k)
                    rowBits.storeBytes(of: bits, toByteOffset: 4 * c, as: SIMD8<Int32>.self)
                    c += 8
                }
                while c < width { row[c] = to[c] == Int8(k) ? gt[c] : 0; c += 1 }
            }
        }
        for r in (outSteps * pool)..<max(steps, outSteps * pool) {
            (dx + r * dxStride).update(repeating: 0, count: width)
        }
    }

    /// All ones in the lanes of the eight winners at `taps` where `tap` won, zero
    /// elsewhere. Bitwise, not a SIMDMask select (which compiles to a lane-by-lane loop
    /// through the stack): d = taps ^ tap is zero exactly for the winner, and
    /// (d | -d) >> 31 is then 0 there, all ones elsewhere.
    @inline(__always)
    static func winnerMask(_ taps: UnsafePointer<Int8>, tap: Int) -> SIMD8<Int32> {
        let bytes = UnsafeRawPointer(taps).loadUnaligned(as: SIMD8<Int8>.self)
        let d = SIMD8<Int32>(truncatingIfNeeded: bytes) ^ Int32(tap)
        return ~((d | (0 &- d)) &>> 31)
    }
}
