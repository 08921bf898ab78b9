#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Small vector kernels written with explicit SIMD where the compiler leaves the scalar
/// loop alone (it cannot prove the pointers apart, or it scalarises a select).
enum Vector {
    /// sum[i] += x[i] for i in 0..<count, eight lanes at a time.
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, into sum: UnsafeMutablePointer<Float>, count: Int) {
        add(sum, x, into: sum, count: count)
    }

    /// sums[c] = the sum over rows of x[r * columns + c], rows added in order from zero:
    /// a bias gradient from the gradient of a layer's outputs.
    static func columnSums(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        sums.update(repeating: 0, count: columns)
        for r in 0..<rows { add(x + r * columns, into: sums, count: columns) }
    }

    /// out[i] = a[i] + b[i], eight lanes at a time. `out` may be `a` or `b`.
    @inline(__always)
    static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                    count: Int) {
        var i = 0
        while i + 8 <= count {
            (SIMD8<Float>(loading: a + i) + SIMD8<Float>(loading: b + i)).store(to: out + i)
            i += 8
        }
        while i < count { out[i] = a[i] + b[i]; i += 1 }
    }

    /// out[i] = x[i] - y[i], eight lanes at a time.
    @inline(__always)
    static func subtract(_ y: UnsafePointer<Float>, from x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                         count: Int) {
        var i = 0
        while i + 8 <= count {
            (SIMD8<Float>(loading: x + i) - SIMD8<Float>(loading: y + i)).store(to: out + i)
            i += 8
        }
        while i < count { out[i] = x[i] - y[i]; i += 1 }
    }

    /// out[i] = a · x[i] + b · y[i], eight lanes at a time (two multiplies and an add, as
    /// the scalar expression). `out` may be `x` or `y`.
    @inline(__always)
    static func combine(_ a: Float, _ x: UnsafePointer<Float>, _ b: Float, _ y: UnsafePointer<Float>,
                        into out: UnsafeMutablePointer<Float>, count: Int) {
        let a8 = SIMD8<Float>(repeating: a), b8 = SIMD8<Float>(repeating: b)
        var i = 0
        while i + 8 <= count {
            (a8 * SIMD8<Float>(loading: x + i) + b8 * SIMD8<Float>(loading: y + i)).store(to: out + i)
            i += 8
        }
        while i < count { out[i] = a * x[i] + b * y[i]; i += 1 }
    }

    /// out[i] = base[i] + scale · (x[i] - y[i]), eight lanes at a time (a multiply and
    /// an add, as the scalar expression: Swift does not fuse them).
    @inline(__always)
    static func shift(_ base: UnsafePointer<Float>, _ scale: Float, _ x: UnsafePointer<Float>,
                      minus y: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        let s = SIMD8<Float>(repeating: scale)
        var i = 0
        while i + 8 <= count {
            (SIMD8<Float>(loading: base + i) + s * (SIMD8<Float>(loading: x + i) - SIMD8<Float>(loading: y + i)))
                .store(to: out + i)
            i += 8
        }
        while i < count { out[i] = base[i] + scale * (x[i] - y[i]); i += 1 }
    }
}

extension SIMD8 {
    /// Eight values read from `p` (no alignment needed).
    @inline(__always)
    init(loading p: UnsafePointer<Scalar>) {
        self = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self)
    }

    /// Writes the eight values to `p` (no alignment needed).
    @inline(__always)
    func store(to p: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD8<Scalar>.self)
    }
}


extension SIMD8 where Scalar == Float {
    /// The correctly rounded square root of each lane, the same values as
    /// `squareRoot()`. On x86-64 that one compiles to a scalar `sqrtss` per lane, each
    /// followed by a check that calls libm's `sqrtf` (glibc sets errno for negative
    /// input); `sqrtps` does four lanes with no call. It was most of Adam's time.
    @inline(__always)
    func laneSquareRoot() -> SIMD8<Float> {
        #if arch(x86_64)
        return SIMD8(lowHalf: _mm_sqrt_ps(lowHalf), highHalf: _mm_sqrt_ps(highHalf))
        #else
        return squareRoot()
        #endif
    }
}
