/// glibc's `sincosf`, eight lanes at a time, with the same bits, for arguments of
/// magnitude below 120 (the phases of `applyMaskedBins` lie in [-pi, pi]).
///
/// librosa rebuilds each masked STFT bin from the cosine and sine of its phase, and
/// numpy takes those from the C library, one call per bin: a sixth of the feature
/// recipe's time. glibc (2.28 and later, x86-64) computes them in double precision: below
/// 2^-12 the sine is the argument and the cosine 1; otherwise the argument, reduced by a
/// multiple n of pi/2 when above about pi/4, goes through one polynomial for the sine and
/// one for the cosine, swapped for odd n and negated by quadrant, then rounded to Float.
/// The x86-64 build evaluates the polynomials with fused multiply-adds (its FMA variant,
/// which glibc selects on AVX2 machines, contracts every multiply-add). Doing the same
/// steps on `SIMD4<Double>` gives the same bits; `matchesPlatform` checks that against
/// the library actually loaded, and callers use the lanes only when it holds (a libm
/// with other polynomials, such as Apple's, keeps the per-bin calls).
enum LaneSinCos {
    typealias Lanes = SIMD8<Float>
    private typealias Wide = SIMD4<Double>

    // glibc's coefficients for |x| <= pi/4 (sysdeps/ieee754/flt-32/s_sincosf_data.c,
    // __sincosf_table[0]): the cosine's c0...c4 and the sine's s1...s3, which
    // approximate cos x = c0 + c1 x² + ... + c4 x⁸ and sin x = x + s1 x³ + s2 x⁵ + s3 x⁷.
    private static let c0: Double = 0x1p0
    private static let c1: Double = -0x1.ffffffd0c621cp-2
    private static let c2: Double = 0x1.55553e1068f19p-5
    private static let c3: Double = -0x1.6c087e89a359dp-10
    private static let c4: Double = 0x1.99343027bf8c3p-16
    private static let s1: Double = -0x1.555545995a603p-3
    private static let s2: Double = 0x1.1107605230bc4p-7
    private static let s3: Double = -0x1.994eb3774cf24p-13
    /// 2/pi scaled by 2^24 (the quadrant lands in bits 24 and up) and pi/2.
    private static let inverseHalfPiScaled: Double = 0x1.45f306dc9c883p+23
    private static let halfPi: Double = 0x1.921fb54442d18p0

    /// The exponent and top three fraction bits of |x|, glibc's `abstop12`, against which
    /// it compares its thresholds: 2^-12 (0x398), pi/4 (0x3f4) and 120 (0x42f).
    @inline(__always) private static func top12(_ x: SIMD4<Float>) -> SIMD4<Int32> {
        (unsafeBitCast(x, to: SIMD4<Int32>.self) &>> 20) & 0x7ff
    }

    // Lane conversions written out for the concrete types: the standard library's
    // generic SIMD conversions went through BinaryFloatingPoint's generic code, one call
    // per lane (they cost more than the whole polynomial).
    @inline(__always) private static func widened(_ v: SIMD4<Float>) -> Wide {
        Wide(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]))
    }

    @inline(__always) private static func narrowed(_ v: Wide) -> SIMD4<Float> {
        SIMD4<Float>(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]))
    }

    /// Sine and cosine of every lane, or nil when a lane is outside the range handled
    /// (|x| >= 120, infinities and NaN): the caller then asks the library. Unless
    /// `checked`, the caller vouches that every lane is within that range.
    @inline(__always)
    static func sinCos(_ x: Lanes, checked: Bool = true) -> (sin: Lanes, cos: Lanes)? {
        guard let low = sinCos(x.lowHalf, checked: checked),
              let high = sinCos(x.highHalf, checked: checked) else { return nil }
        return (Lanes(lowHalf: low.sin, highHalf: high.sin), Lanes(lowHalf: low.cos, highHalf: high.cos))
    }

    @inline(__always)
    static func sinCos(_ y: SIMD4<Float>, checked: Bool) -> (sin: SIMD4<Float>, cos: SIMD4<Float>)? {
        if checked {
            let top = top12(y)
            // Any lane at or above 0x42f makes 0x42e - top negative (no SIMDMask: see below).
            let over = (Int32(0x42e) &- top)
            let overHalves = over.lowHalf | over.highHalf
            guard (overHalves[0] | overHalves[1]) >= 0 else { return nil }
        }
        let x = widened(y)
        // The quadrant: n = round(x · 2/pi) as glibc computes it without a rounding
        // instruction: t = x · 2^24 · 2/pi truncated, then (t + 2^23) >> 24. Below pi/4 this
        // is 0, so the small-argument case needs no branch of its own. In Double (Int32(Double)
        // checks its range lane by lane, with a trap, and kept the loop scalar): t is an
        // integer below 2^31 in magnitude, exact, as t + 0.5 is.
        // With t = trunc(x · 2^24 · 2/pi) and t + 2^23 = q 2^24 + r (0 <= r < 2^24), n = q,
        // which is also (t + 0.5) 2^-24 = q + (r - 2^23 + 0.5) 2^-24 rounded to nearest (the
        // fraction lies strictly within ±1/2): one fused multiply-add onto 1.5·2^52, whose
        // unit in the last place is 1, rounds it and leaves n in the low bits; subtracting
        // the result from 1.5·2^52 gives -n (each step exact).
        let t = (x * inverseHalfPiScaled).rounded(.towardZero)
        let shiftedN = Wide(repeating: 0x1.8p52).addingProduct(t + 0.5, Wide(repeating: 0x1p-24))
        let minusN = Wide(repeating: 0x1.8p52) - shiftedN
        let reduced = x.addingProduct(minusN, Wide(repeating: halfPi))  // x - n·pi/2, one rounding
        // n's low bits as an integer.
        let quadrant = unsafeBitCast(shiftedN, to: SIMD4<Int64>.self)
        // The sine's sign in quadrants 0...3 is +, -, -, +, applied to the argument;
        // quadrants 2 and 3 negate the cosine polynomial (glibc's second table).
        let xs = flipSign(reduced, where: 0 &- ((((quadrant & 3) &+ 1) &>> 1) & 1))
        let x2 = reduced * reduced
        let x3 = x2 * xs, x4 = x2 * x2
        let x5 = x2 * x3, x6 = x2 * x4
        let cosineHead = Wide(repeating: c0).addingProduct(x2, Wide(repeating: c1))
        let sineTail = Wide(repeating: s2).addingProduct(x2, Wide(repeating: s3))
        let cosineTail = Wide(repeating: c3).addingProduct(x2, Wide(repeating: c4))
        let sinePart = xs.addingProduct(x3, Wide(repeating: s1))
        let cosinePart = cosineHead.addingProduct(x4, Wide(repeating: c2))
        // The selections are bitwise, on all-ones or all-zeros lanes (through SIMDMask
        // each lane's mask went out to a general register and back), and made before
        // rounding to Float, which commutes with them (and with negation).
        let sinePolynomial = sinePart.addingProduct(sineTail, x5)
        let cosinePolynomial = flipSign(cosinePart.addingProduct(cosineTail, x6),
                                        where: 0 &- ((quadrant &>> 1) & 1))
        // Odd quadrants swap the two. (Selections through SIMDMask now compile to blends.)
        let odd = (quadrant &<< 63) .< SIMD4<Int64>(repeating: 0)
        let sine = sinePolynomial.replacing(with: cosinePolynomial, where: odd)
        let cosine = cosinePolynomial.replacing(with: sinePolynomial, where: odd)
        // Below 2^-12 (top < 0x398): the argument itself and 1.
        let tiny = unsafeBitCast(unsafeBitCast(x, to: SIMD4<Int64>.self) & Int64.max, to: Wide.self) .< Wide(repeating: 0x1p-12)
        return (narrowed(sine.replacing(with: x, where: tiny)), narrowed(cosine.replacing(with: 1, where: tiny)))
    }

    /// `-x` in the lanes where `mask` is all ones (the sign bit flipped, as negation does).
    @inline(__always) private static func flipSign(_ x: Wide, where mask: SIMD4<Int64>) -> Wide {
        unsafeBitCast(unsafeBitCast(x, to: SIMD4<Int64>.self) ^ (mask & Int64.min), to: Wide.self)
    }
}

extension LaneSinCos {
    /// Whether the lanes give the library's bits here: a sweep of [-pi, pi] in steps of
    /// about 1e-4 and the thresholds' neighbours, against `sincosf`.
    static let matchesPlatform: Bool = {
        var arguments: [Float] = []
        var x = -Float.pi
        while x <= Float.pi { arguments.append(x); x = x.nextUp + Float(1e-4) }
        for edge: Float in [0x1p-12, .pi / 4, 0.75, .pi / 2, .pi, 3 * .pi / 4, 1e-30, 0] {
            var below = edge, above = edge
            for _ in 0..<16 {
                arguments += [below, above, -below, -above]
                below = below.nextDown; above = above.nextUp
            }
        }
        while arguments.count % Lanes.scalarCount != 0 { arguments.append(0) }
        for start in stride(from: 0, to: arguments.count, by: Lanes.scalarCount) {
            var lanes = Lanes()
            for l in 0..<Lanes.scalarCount { lanes[l] = arguments[start + l] }
            guard let (sine, cosine) = sinCos(lanes) else { return false }
            for l in 0..<Lanes.scalarCount {
                let (s, c) = MaskedBinLanes.sinCos(lanes[l])
                if sine[l].bitPattern != s.bitPattern || cosine[l].bitPattern != c.bitPattern { return false }
            }
        }
        return true
    }()
}
