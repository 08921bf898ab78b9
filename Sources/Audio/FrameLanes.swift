/// Eight frames side by side, for the kernels that work on one frame per vector lane
/// (spectral contrast's band ends, the mel filters): bin `b` of frames `start`,
/// `start + bins`, ... goes to lane 0, 1, ... of `into[b]`. With fewer than eight frames
/// (`count` from 1 to 8), the other lanes repeat the last one.
///
/// Eight bins of the eight frames at a time: eight vector loads, a transposition in
/// registers and eight vector stores, where a value-by-value copy made 64 scalar stores
/// (the copy was most of the mel filters' time).
func interleaveFrames(_ start: UnsafePointer<Float>, count: Int, bins: Int,
                      into block: UnsafeMutablePointer<SIMD8<Float>>) {
    typealias Lanes = SIMD8<Float>
    precondition((1...Lanes.scalarCount).contains(count), "1 to 8 frames")
    func frame(_ l: Int) -> UnsafePointer<Float> { start + min(l, count - 1) * bins }
    let f0 = frame(0), f1 = frame(1), f2 = frame(2), f3 = frame(3)
    let f4 = frame(4), f5 = frame(5), f6 = frame(6), f7 = frame(7)
    func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    var b = 0
    while b + Lanes.scalarCount <= bins {
        var rows = (load(f0 + b), load(f1 + b), load(f2 + b), load(f3 + b),
                    load(f4 + b), load(f5 + b), load(f6 + b), load(f7 + b))
        transpose(&rows)
        block[b] = rows.0; block[b + 1] = rows.1; block[b + 2] = rows.2; block[b + 3] = rows.3
        block[b + 4] = rows.4; block[b + 5] = rows.5; block[b + 6] = rows.6; block[b + 7] = rows.7
        b += Lanes.scalarCount
    }
    while b < bins {
        block[b] = Lanes(f0[b], f1[b], f2[b], f3[b], f4[b], f5[b], f6[b], f7[b])
        b += 1
    }
}

/// An 8 x 8 matrix held as eight row vectors, transposed. Seen as 64 values in a row,
/// taking the even-placed values and then the odd-placed ones moves the value at
/// position (row r, column c) from index 8r + c to one whose bits are those of 8r + c
/// rotated right by one; three such rounds turn 8r + c into 8c + r.
@inline(__always)
private func transpose(_ v: inout (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
                                   SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)) {
    for _ in 0..<3 {
        let p0 = SIMD16(lowHalf: v.0, highHalf: v.1), p1 = SIMD16(lowHalf: v.2, highHalf: v.3)
        let p2 = SIMD16(lowHalf: v.4, highHalf: v.5), p3 = SIMD16(lowHalf: v.6, highHalf: v.7)
        v = (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf, p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
    }
}
