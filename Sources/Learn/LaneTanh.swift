#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// `tanhf` for eight lanes at once, giving the same bits as glibc's scalar `tanhf`
/// (fdlibm's single-precision algorithm, © 1993 Sun Microsystems, freely
/// redistributable, which glibc 2.36 ships for both `tanhf` and the `expm1f` it calls).
/// The LSTM takes two tanh per unit and step; the scalar calls were a tenth of an
/// sd_lstm epoch.
///
/// The lanes perform fdlibm's float operations in its order. Its branches become
/// selections between values every lane computes, so each lane gets what its branch
/// would have given. Lanes off the main path (zero, |x| < 2^-55, |x| >= 22, infinities,
/// NaN) go to the library. Another libm (Apple's, a newer glibc's correctly rounded
/// one) may round differently: `matchesPlatform` checks a sample against the library
/// loaded, and callers use the lanes only when it holds.
///
/// Masks are built with integer arithmetic, not `SIMDMask`, which sends each lane's
/// mask through a general register (see Audio's `LaneAtan2`).
enum LaneTanh {
    typealias Lanes = SIMD8<Float>
    private typealias Bits = SIMD8<Int32>

    @inline(__always) private static func bits(_ x: Lanes) -> Bits { unsafeBitCast(x, to: Bits.self) }
    @inline(__always) private static func float(_ x: Bits) -> Lanes { unsafeBitCast(x, to: Lanes.self) }
    @inline(__always) private static func constant(_ bits: UInt32) -> Lanes { Lanes(repeating: Float(bitPattern: bits)) }

    /// All ones where a >= b (operands whose difference does not overflow).
    @inline(__always) private static func atLeast(_ a: Bits, _ b: Int32) -> Bits { (Bits(repeating: b) &- a &- 1) &>> 31 }
    /// All ones where a < b.
    @inline(__always) private static func below(_ a: Bits, _ b: Int32) -> Bits { (a &- Bits(repeating: b)) &>> 31 }
    /// All ones where a == b.
    @inline(__always) private static func equal(_ a: Bits, _ b: Int32) -> Bits {
        let d = a ^ Bits(repeating: b)
        return ~((d | (0 &- d)) &>> 31)
    }

    /// `mask ? a : b` lane by lane, for all-ones or all-zeros lanes.
    @inline(__always) private static func pick(_ mask: Bits, _ a: Lanes, _ b: Lanes) -> Lanes {
        float((bits(a) & mask) | (bits(b) & ~mask))
    }

    @inline(__always) private static func pick(_ mask: Bits, _ a: Bits, _ b: Bits) -> Bits {
        (a & mask) | (b & ~mask)
    }

    /// y[i] = tanhf(x[i]) for i in 0..<count (in place when y is x): eight at a time
    /// where the lanes match the library, else one call each.
    static func apply(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        if matchesPlatform {
            while i + 8 <= count {
                tanh(Lanes(loading: x + i)).store(to: y + i)
                i += 8
            }
        }
        while i < count { y[i] = tanhf(x[i]); i += 1 }
    }

    /// `tanhf` of each lane.
    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes {
        let ix = bits(x) & 0x7FFF_FFFF
        let magnitude = float(ix)
        // tanh(x) = 1 - 2 / (expm1(2|x|) + 2) from |x| >= 1, else -t / (t + 2) with
        // t = expm1(-2|x|).
        let large = atLeast(ix, 0x3F80_0000)
        let twice = 2 * magnitude
        let t = expm1(pick(large, twice, -twice))
        let z = pick(large, 1 - 2 / (t + 2), -t / (t + 2))
        var result = float(bits(z) ^ (bits(x) & Int32.min))  // the sign of x
        let special = equal(ix, 0) | below(ix, 0x2400_0000) | atLeast(ix, 0x41B0_0000)
        let anySpecial = special.lowHalf | special.highHalf
        if (anySpecial.lowHalf | anySpecial.highHalf) != .zero {
            for l in 0..<Lanes.scalarCount where special[l] != 0 { result[l] = tanhf(x[l]) }
        }
        return result
    }

    /// fdlibm's `expm1f` for the arguments `tanh` passes: u in [2, 44) or (-2, -2^-54].
    /// (So no overflow, no |u| >= 27 ln 2 below zero, and k = 1 never occurs: from
    /// u >= 2, k >= 3.)
    @inline(__always)
    private static func expm1(_ u: Lanes) -> Lanes {
        let hx = bits(u) & 0x7FFF_FFFF
        let negative = bits(u) &>> 31
        // Argument reduction: u = k ln2 + x, with x - c the reduced argument in two parts.
        // Near ±ln2 (0.5 ln2 < |u| < 1.5 ln2) k = ±1 and ln2 is subtracted directly;
        // beyond, k = trunc(u / ln2 ± 0.5) (hi = u - k ln2_hi is exact).
        let ln2High = constant(0x3F31_7180), ln2Low = constant(0x3717_F7D1), inverseLn2 = constant(0x3FB8_AA3B)
        let half = Lanes(repeating: 0.5)
        let reduces = atLeast(hx, 0x3EB1_7219)  // |u| > 0.5 ln2
        let nearLn2 = below(hx, 0x3F85_1592)    // |u| < 1.5 ln2
        let kFar = (inverseLn2 * u + pick(negative, -half, half)).rounded(.towardZero)
        let hiNear = pick(negative, u + ln2High, u - ln2High), loNear = pick(negative, -ln2Low, ln2Low)
        let hiFar = u - kFar * ln2High, loFar = kFar * ln2Low
        let hi = pick(nearLn2, hiNear, hiFar), lo = pick(nearLn2, loNear, loFar)
        let reduced = hi - lo
        let c = (hi - reduced) - lo
        // k as an integer: kFar + 1.5·2^23 holds it in its low bits (|k| < 2^22).
        let kFarInt = bits(kFar + 12_582_912) &- 0x4B40_0000
        let kReduced = pick(nearLn2, pick(negative, Bits(repeating: -1), Bits(repeating: 1)), kFarInt)
        let k = kReduced & reduces
        let x = pick(reduces, reduced, u)

        // x is now in the primary range.
        let hfx = 0.5 * x
        let hxs = x * hfx
        let q1 = constant(0xBD08_8889), q2 = constant(0x3AD0_0D01), q3 = constant(0xB8A6_70CD)
        let q4 = constant(0x3686_7E54), q5 = constant(0xB457_EDBB)
        let r1 = 1 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))))
        let t = 3 - r1 * hfx
        var e = hxs * ((r1 - t) / (6 - x * t))
        let unreduced = x - (x * e - hxs)  // k = 0 (c is 0)
        e = x * (e - c) - c
        e -= hxs
        let minusOne = half * (x - e) - half  // k = -1
        let exponent = k &<< 23
        // k <= -2 or k > 56: 1 - (e - x), scaled by 2^k, minus 1.
        let outer = float(bits(1 - (e - x)) &+ exponent) - 1
        // 2 <= k < 23: (1 - 2^-k) - (e - x), scaled by 2^k.
        let low = float(Bits(repeating: 0x3F80_0000) &- (Bits(repeating: 0x100_0000) &>> k))
        let small = float(bits(low - (e - x)) &+ exponent)
        // 23 <= k <= 56: (x - (e + 2^-k)) + 1, scaled by 2^k.
        let tiny = float((0x7F &- k) &<< 23)
        let mid = float(bits((x - (e + tiny)) + 1) &+ exponent)

        var y = pick(atLeast(k, 23), mid, small)
        y = pick(atLeast(k, 57) | below(k, -1), outer, y)
        y = pick(equal(k, -1), minusOne, y)
        y = pick(equal(k, 0), unreduced, y)
        return pick(below(hx, 0x3300_0000), u, y)  // |u| < 2^-25: u itself
    }

    /// Whether the lanes give the library's bits here, on a sweep of magnitudes across
    /// every branch (and their edges), both signs.
    static let matchesPlatform: Bool = {
        var values: [Float] = []
        var x: Float = 0x1p-60
        while x < 30 { values += [x, -x]; x = x * 1.0007 + Float(0x1p-70) }
        for edge: Float in [1, 22, 0x1p-55, 0.1733, 0.5199, 9.35, 19.7, 28.4] {
            var below = edge, above = edge
            for _ in 0..<8 { values += [below, above, -below, -above]; below = below.nextDown; above = above.nextUp }
        }
        values += [0, -0, .infinity, -.infinity, .nan]
        while values.count % Lanes.scalarCount != 0 { values.append(0.5) }
        for start in stride(from: 0, to: values.count, by: Lanes.scalarCount) {
            var lanes = Lanes()
            for l in 0..<Lanes.scalarCount { lanes[l] = values[start + l] }
            let result = tanh(lanes)
            for l in 0..<Lanes.scalarCount {
                let expected = tanhf(lanes[l])
                if result[l].bitPattern != expected.bitPattern && !(result[l].isNaN && expected.isNaN) { return false }
            }
        }
        return true
    }()
}
