import Foundation

/// `atan2f` for sixteen lanes at once, giving the same bits as glibc's scalar `atan2f`
/// (2.36 and earlier releases: fdlibm's single-precision algorithm, © 1993 Sun
/// Microsystems, freely redistributable), which numpy's `np.angle` of librosa's
/// complex64 STFT calls. HPSS takes the angle of every STFT bin (~460,000 per
/// recording), and the scalar call was an eighth of the whole recipe's time.
///
/// The exact bits matter: the phase feeds `cosf`/`sinf`, the inverse STFT and the
/// tuning histogram of the CQT, where one changed rounding flips a near-tie. So this
/// performs glibc's float operations in glibc's order, lane by lane, and leaves every
/// case off the main path (zeros, infinities, NaN, x = 1, |y/x| beyond 2^±60) to the
/// library call. Another libm (a newer glibc's correctly rounded atan2f, Apple's) may
/// round differently: `matchesPlatform` checks a sample of arguments against the
/// library, and callers use the lanes only when it holds.
enum LaneAtan2 {
    /// Sixteen lanes: two registers' worth of independent work per step, so that one
    /// half's divisions and polynomial chain run while the other's wait (with eight, the
    /// harmonic step took about 1 ms more per recording here).
    typealias Lanes = SIMD16<Float>
    private typealias Bits = SIMD16<Int32>

    /// fdlibm's constants. Its C source writes them as decimal literals converted from
    /// Double to Float; these are the resulting bits (its hexadecimal comments differ
    /// for the first coefficient).
    private static func constant(_ bits: UInt32) -> Lanes { Lanes(repeating: Float(bitPattern: bits)) }

    @inline(__always) private static func bits(_ x: Lanes) -> Bits { unsafeBitCast(x, to: Bits.self) }
    @inline(__always) private static func float(_ x: Bits) -> Lanes { unsafeBitCast(x, to: Lanes.self) }

    /// Comparisons as all-ones or all-zeros lanes, by integer arithmetic: the sign of a
    /// difference, spread over the lane by an arithmetic shift. (Through `SIMDMask`, even
    /// bit-cast, each lane's mask went out to a general register and back.) The operands
    /// here never make the differences overflow: bit patterns of non-negative floats,
    /// exponent differences, and constants below 2^31.
    @inline(__always) private static func atLeast(_ a: Bits, _ b: Int32) -> Bits {
        (Bits(repeating: b) &- a &- 1) &>> 31
    }

    @inline(__always) private static func below(_ a: Bits, _ b: Int32) -> Bits {
        (a &- Bits(repeating: b)) &>> 31
    }

    @inline(__always) private static func equal(_ a: Bits, _ b: Int32) -> Bits {
        let d = a ^ Bits(repeating: b)
        return ~((d | (0 &- d)) &>> 31)
    }

    /// `mask ? a : b` lane by lane, for a mask of all-ones or all-zeros lanes.
    @inline(__always) private static func pick(_ mask: Bits, _ a: Lanes, _ b: Lanes) -> Lanes {
        float((bits(a) & mask) | (bits(b) & ~mask))
    }

    /// `atan2f(y, x)` lane by lane.
    static func atan2(_ y: Lanes, _ x: Lanes) -> Lanes { atan2Flagged(y, x).result }

    /// `atan2f(y, x)` lane by lane, and whether any lane went to the library call (when
    /// none did, every lane is finite and within [-pi, pi]).
    @_transparent
    static func atan2Flagged(_ y: Lanes, _ x: Lanes) -> (result: Lanes, special: Bool) {
        let yBits = bits(y), xBits = bits(x)
        let ay = yBits & 0x7FFF_FFFF, ax = xBits & 0x7FFF_FFFF
        // The cases off the main path: a zero, an infinity or NaN, x == 1, and glibc's
        // k = (iy - ix) >> 23 beyond 60 or below -60 (compared on the difference itself).
        // SIMDMask comparisons now compile to vector compares (against vectors, not scalars:
        // the scalar overloads went lane by lane).
        let d = ay &- ax
        let zero = Lanes(repeating: 0)
        var special = (y .== zero) .| (x .== zero) .| (x .== Lanes(repeating: 1))
        special .|= (ay .> Bits(repeating: 0x7F7F_FFFF)) .| (ax .> Bits(repeating: 0x7F7F_FFFF))
        special .|= (d .> Bits(repeating: (61 << 23) - 1)) .| (d .< Bits(repeating: -60 << 23))
        let specialBits = unsafeBitCast(special, to: Bits.self)
        let anySpecial = specialBits.lowHalf | specialBits.highHalf
        let anyQuarter = anySpecial.lowHalf | anySpecial.highHalf
        let anyEighth = anyQuarter.lowHalf | anyQuarter.highHalf
        let isSpecial = (anyEighth[0] | anyEighth[1]) != 0

        let z = atanOfPositive(float(bits(y / x) & 0x7FFF_FFFF))
        // The quadrant from the signs: (+, +) z; y < 0: -z; x < 0: pi - (z - piLow);
        // both: (z - piLow) - pi, which is -(pi - (z - piLow)) exactly. So: pick by x's
        // sign, then take y's sign.
        let pi = constant(0x4049_0FDB), piLow = constant(0xB3BB_BD2E)
        let left = pi - (z - piLow)
        let picked = z.replacing(with: left, where: xBits .< Bits(repeating: 0))
        var result = float(bits(picked) ^ (yBits & Int32.min))
        if isSpecial { result = library(y, x, result, specialBits) }
        return (result, isSpecial)
    }

    /// The lanes of `result` marked in `special` (all ones) from the library call.
    @inline(never)
    private static func library(_ y: Lanes, _ x: Lanes, _ result: Lanes, _ special: Bits) -> Lanes {
        var result = result
        for l in 0..<Lanes.scalarCount where special[l] != 0 { result[l] = atan2f(y[l], x[l]) }
        return result
    }

    /// glibc's `atanf` for finite arguments with a clear sign bit. (Inlined, else its
    /// sixteen lanes go through four 128-bit registers each way.)
    @_transparent
    static func atanOfPositive(_ t: Lanes) -> Lanes {
        // Argument reduction: below 7/16 none; then atan(t) = atan(c) + atan(reduced)
        // with c = 0.5, 1, 1.5 and inf over the bands [7/16, 11/16, 19/16, 39/16, ...).
        // Each reduced argument is (a t - c) / (c t + a) with constants that make the
        // same float operations as glibc's formula for its band:
        // t / 1, (2t - 1) / (t + 2), (t - 1) / (t + 1), (t - 1.5) / (1.5t + 1), -1 / t.
        let band0 = t .>= Lanes(repeating: 0.4375), band1 = t .>= Lanes(repeating: 0.6875)
        let band2 = t .>= Lanes(repeating: 1.1875), band3 = t .>= Lanes(repeating: 2.4375)
        let a = Lanes(repeating: 1).replacing(with: 2, where: band0).replacing(with: 1, where: band1)
            .replacing(with: 0, where: band3)
        let c = Lanes(repeating: 0).replacing(with: 1, where: band0).replacing(with: 1.5, where: band2)
            .replacing(with: 1, where: band3)
        let x = (a * t + (-c)) / (c * t + a)

        // The odd polynomial x (z aT0 + z^2 aT1 + ... ), z = x^2, split into even and odd
        // powers of w = z^2 and evaluated innermost first, as glibc does.
        let z = x * x, w = z * z
        var even = constant(0x3D4B_DA59) + w * constant(0x3C85_69D7)
        even = constant(0x3D88_6B35) + w * even
        even = constant(0x3DBA_2E6E) + w * even
        even = constant(0x3E12_4925) + w * even
        even = constant(0x3EAA_AAAB) + w * even
        var odd = constant(0xBD6E_F16B) + w * constant(0xBD15_A221)
        odd = constant(0xBD9D_8795) + w * odd
        odd = constant(0xBDE3_8E38) + w * odd
        odd = constant(0xBE4C_CCCD) + w * odd
        let sum = z * even + w * odd
        // atan(c) as a high and a low part, per band.
        let high = constant(0x3EED_6338).replacing(with: constant(0x3F49_0FDA), where: band1)
            .replacing(with: constant(0x3F7B_985E), where: band2).replacing(with: constant(0x3FC9_0FDA), where: band3)
        let low = constant(0x31AC_3769).replacing(with: constant(0x3322_2168), where: band1)
            .replacing(with: constant(0x3314_0FB4), where: band2).replacing(with: constant(0x33A2_2168), where: band3)
        var result = (x - x * sum).replacing(with: high - ((x * sum - low) - x), where: band0)
        // Beyond 2^25 the result is atan(inf) rounded (atanHigh + atanLow); below
        // 2^-29, t itself.
        result.replace(with: constant(0x3FC9_0FDB), where: t .>= Lanes(repeating: 0x1p25))
        result.replace(with: t, where: t .< Lanes(repeating: 0x1p-29))
        return result
    }

    /// Whether the lanes give the platform `atan2f`'s bits on a sample spread over
    /// every band of the reduction, both signs and a range of magnitudes.
    static let matchesPlatform: Bool = {
        var generator = SplitMix(seed: 0x5EED)
        for _ in 0..<4096 {
            var y = Lanes(), x = Lanes()
            for l in 0..<Lanes.scalarCount {
                // Random bit patterns of moderate exponent, and ratios near the band edges.
                let r = generator.next()
                y[l] = Float(bitPattern: UInt32(truncatingIfNeeded: r) & 0x8FFF_FFFF | 0x3000_0000)
                x[l] = Float(bitPattern: UInt32(truncatingIfNeeded: r >> 32) & 0x8FFF_FFFF | 0x3000_0000)
                if l % 2 == 1 {
                    let edges: [Float] = [7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16, 1]
                    let edge = edges[Int(r % 5)]
                    y[l] = x[l] * Float(bitPattern: edge.bitPattern &+ UInt32(r >> 60) &- 8)
                }
            }
            let lanes = atan2(y, x)
            for l in 0..<Lanes.scalarCount where lanes[l].bitPattern != atan2f(y[l], x[l]).bitPattern { return false }
        }
        return true
    }()
}

/// SplitMix64: a small fixed-seed generator for `matchesPlatform`'s sample (and tests).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in [0, 1): the top 53 bits of `next()`.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
