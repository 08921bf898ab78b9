import Foundation

/// glibc's `log10f`, eight lanes at a time, with the same bits, for positive normal
/// finite arguments. `power_to_db` takes the logarithm of every mel value (55,000 a
/// recording), one library call each.
///
/// glibc (2.28 and later) computes `log10f` as fdlibm did: the argument is split into
/// a power of two `y` and a mantissa `m` in [0.5, 2), and the result is
/// `(logf(m) * ivln10 + y * log10_2lo) + y * log10_2hi` in Float. Its `logf` comes from
/// Arm's optimized-routines: the index of `m`'s top mantissa bits picks one of 16
/// centres c, with 1/c and log c in a table; then `r = m/c - 1` and a cubic in `r`, in
/// Double, rounded once. The x86-64 build evaluates it with fused multiply-adds (the
/// FMA variant glibc selects on AVX2 machines); the steps below follow that variant
/// operation for operation, as its disassembly on Debian 12's glibc 2.36 shows them.
///
/// The constants are that library's: fdlibm's three (© 1993 Sun Microsystems, freely
/// redistributable) and optimized-routines' table and polynomial (© Arm Limited, MIT
/// licence), as Double and Float bit patterns. Another libm (a newer glibc's correctly
/// rounded `log10f`, Apple's) may round otherwise: `matchesPlatform` checks a sample
/// against the library loaded, and callers use the lanes only when it holds.
enum LaneLog10 {
    typealias Lanes = SIMD8<Float>

    /// Per centre c (16, by the mantissa's top bits): 1/c and log c, side by side, in
    /// memory of its own (a Swift array's element reads were checked on every lane).
    private static let centres: UnsafePointer<Double> = {
        let values: [Double] = [
            0x1.661ec79f8f3bep+0, -0x1.57bf7808caadep-2, 0x1.571ed4aaf883dp+0, -0x1.2bef0a7c06ddbp-2,
            0x1.49539f0f010b0p+0, -0x1.01eae7f513a67p-2, 0x1.3c995b0b80385p+0, -0x1.b31d8a68224e9p-3,
            0x1.30d190c8864a5p+0, -0x1.6574f0ac07758p-3, 0x1.25e227b0b8ea0p+0, -0x1.1aa2bc79c8100p-3,
            0x1.1bb4a4a1a343fp+0, -0x1.a4e76ce8c0e5ep-4, 0x1.12358f08ae5bap+0, -0x1.1973c5a611cccp-4,
            0x1.0953f419900a7p+0, -0x1.252f438e10c1ep-5, 0x1.0000000000000p+0, 0,
            0x1.e608cfd9a47acp-1, 0x1.aa5aa5df25984p-5, 0x1.ca4b31f026aa0p-1, 0x1.c5e53aa362eb4p-4,
            0x1.b2036576afce6p-1, 0x1.526e57720db08p-3, 0x1.9c2d163a1aa2dp-1, 0x1.bc2860d224770p-3,
            0x1.886e6037841edp-1, 0x1.1058bc8a07ee1p-2, 0x1.767dcf5534862p-1, 0x1.4043057b6ee09p-2,
        ]
        let memory = UnsafeMutablePointer<Double>.allocate(capacity: values.count)
        memory.initialize(from: values, count: values.count)
        return UnsafePointer(memory)
    }()
    private static let ln2: Double = 0x1.62e42fefa39efp-1
    /// log(1 + r) - r ~ a2 r² + a1 r³ + a0 r⁴ (as the polynomial is arranged below).
    private static let a0: Double = -0x1.00ea348b88334p-2
    private static let a1: Double = 0x1.5575b0be00b6ap-2
    private static let a2: Double = -0x1.ffffef20a4123p-2
    /// fdlibm's 1/ln 10 and log10(2) split in two, as Float.
    private static let inverseLn10 = Float(bitPattern: 0x3EDE_5BD9)
    private static let log10TwoHigh = Float(bitPattern: 0x3E9A_2080)
    private static let log10TwoLow = Float(bitPattern: 0x3554_27DB)

    /// `log10f` of every lane, or nil when a lane is not a positive normal finite Float
    /// (zero, subnormal, negative, infinite or NaN): the caller then asks the library.
    @inline(__always)
    static func log10(_ x: Lanes) -> Lanes? {
        let hx = unsafeBitCast(x, to: SIMD8<Int32>.self)
        // Positive normal finite: bit patterns from 0x00800000 to 0x7F7FFFFF, i.e.
        // d = hx - 0x00800000 in [0, 0x7EFFFFFF]. By integer arithmetic: the sign of d or
        // of 0x7EFFFFFF - d is set for any other (comparisons through SIMDMask went lane
        // by lane through memory).
        let d = hx &- 0x0080_0000
        let outside = (d | (0x7EFF_FFFF &- d)) &>> 31
        guard (outside.lowHalf | outside.highHalf) == .zero else { return nil }
        let table = centres
        return Lanes(lowHalf: log10(hx.lowHalf, table), highHalf: log10(hx.highHalf, table))
    }

    private typealias Half = SIMD4<Float>
    private typealias HalfBits = SIMD4<Int32>
    private typealias Wide = SIMD4<Double>

    /// `log10f` of four positive normal finite values, given as bit patterns.
    @inline(__always)
    private static func log10(_ hx: HalfBits, _ table: UnsafePointer<Double>) -> Half {
        // fdlibm's split: x = 2^(k + i) * m, m in [1, 2) (i = 0) or [0.5, 1) (i = 1, k < 0).
        let k = (hx &>> 23) &- 127
        let i = (k &>> 31) & 1
        let m = (hx & 0x007F_FFFF) | ((0x7F &- i) &<< 23)
        let e = k &+ i
        let y = Half(Float(e[0]), Float(e[1]), Float(e[2]), Float(e[3]))
        let lg = log(mantissaBits: m, table)
        return (lg * inverseLn10 + y * log10TwoLow) + y * log10TwoHigh
    }

    /// glibc's `logf` for m in [0.5, 2) (as bit patterns), in its FMA variant's operations.
    @inline(__always)
    private static func log(mantissaBits ix: HalfBits, _ table: UnsafePointer<Double>) -> Half {
        let tmp = ix &- 0x3F33_0000
        // The table index from the top mantissa bits, the exponent from an arithmetic
        // shift, and the argument brought near its centre.
        let index = ((tmp &>> 19) & 15) &* 2
        let k = tmp &>> 23
        let iz = ix &- (tmp & HalfBits(repeating: Int32(bitPattern: 0xFF80_0000)))
        let p0 = table + Int(index[0]), p1 = table + Int(index[1]), p2 = table + Int(index[2]), p3 = table + Int(index[3])
        let invc = Wide(p0[0], p1[0], p2[0], p3[0]), logc = Wide(p0[1], p1[1], p2[1], p3[1])
        let zf = unsafeBitCast(iz, to: Half.self)
        let z = Wide(Double(zf[0]), Double(zf[1]), Double(zf[2]), Double(zf[3]))
        let kd = Wide(Double(k[0]), Double(k[1]), Double(k[2]), Double(k[3]))
        let r = Wide(repeating: -1).addingProduct(z, invc)                  // z * invc - 1, fused
        let y0 = logc.addingProduct(kd, Wide(repeating: ln2))                 // k ln2 + log c, fused
        var p = Wide(repeating: a2).addingProduct(r, Wide(repeating: a1))     // r a1 + a2, fused
        let r2 = r * r
        let t = r + y0
        p = p.addingProduct(r2, Wide(repeating: a0))                          // r² a0 + p, fused
        let result = t.addingProduct(r2, p)                                   // r² p + t, fused
        let out = Half(Float(result[0]), Float(result[1]), Float(result[2]), Float(result[3]))
        // logf(1) is exactly 0: glibc returns it before the table (whose entry for 1
        // gives +0 as well).
        return out.replacing(with: Half(), where: ix .== HalfBits(repeating: 0x3F80_0000))
    }

    /// Whether the lanes give the platform `log10f`'s bits on a sample: a spread of
    /// random positive normal values, every table index and both sides of 1, and
    /// runs of neighbours around powers of two and the centres' boundaries.
    static let matchesPlatform: Bool = {
        var arguments: [Float] = []
        var generator = SplitMix(seed: 0x1061)
        for _ in 0..<8192 {
            let r = UInt32(truncatingIfNeeded: generator.next())
            arguments.append(Float(bitPattern: 0x0080_0000 &+ r % (0x7F80_0000 - 0x0080_0000)))
        }
        for edge: Float in [1, 2, 0.5, 0.6992188, 1e-10, 3.4e38, Float.leastNormalMagnitude, 10, 100, 0.1] {
            var below = edge, above = edge
            for _ in 0..<64 {
                arguments += [below, above]
                below = below.nextDown; above = above.nextUp
            }
        }
        let usable = arguments.filter { $0.isNormal && $0 > 0 }
        for start in stride(from: 0, to: usable.count - Lanes.scalarCount + 1, by: Lanes.scalarCount) {
            var lanes = Lanes()
            for l in 0..<Lanes.scalarCount { lanes[l] = usable[start + l] }
            guard let got = log10(lanes) else { return false }
            for l in 0..<Lanes.scalarCount where got[l].bitPattern != Foundation.log10(lanes[l]).bitPattern { return false }
        }
        return true
    }()
}
