/// Out-of-place matrix transposes for the FFT convolution, which moves every batch between
/// the layer's (steps × filters) layout and FFTW's one-row-per-filter layout twice.
/// OpenBLAS's `somatcopy` did this scalar and was the largest single cost of a si_cnn
/// epoch; here 4 × 4 blocks go through registers, inside 32 × 32 tiles that stay in cache.
enum Transpose {
    /// b[c][r] = alpha · a[r][c] (+ shift[c][r]) for a (rows × cols, row stride lda) into
    /// b (cols × rows, row stride ldb); shift, when given, has b's shape and row stride
    /// `lds` (default ldb).
    static func run(rows: Int, cols: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                    _ b: UnsafeMutablePointer<Float>, ldb: Int, adding shift: UnsafePointer<Float>? = nil, lds: Int? = nil) {
        let lds = lds ?? ldb
        let tile = 32
        for r0 in stride(from: 0, to: rows, by: tile) {
            for c0 in stride(from: 0, to: cols, by: tile) {
                let r1 = min(rows, r0 + tile), c1 = min(cols, c0 + tile)
                var r = r0
                while r + 4 <= r1 {
                    var c = c0
                    while c + 4 <= c1 {
                        block(r, c, alpha, a, lda, b, ldb, shift, lds)
                        c += 4
                    }
                    for cc in c..<c1 { for rr in r..<(r + 4) { single(rr, cc, alpha, a, lda, b, ldb, shift, lds) } }
                    r += 4
                }
                for rr in r..<r1 { for cc in c0..<c1 { single(rr, cc, alpha, a, lda, b, ldb, shift, lds) } }
            }
        }
    }

    @inline(__always)
    private static func single(_ r: Int, _ c: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                               _ b: UnsafeMutablePointer<Float>, _ ldb: Int, _ shift: UnsafePointer<Float>?, _ lds: Int) {
        b[c &* ldb &+ r] = alpha * a[r &* lda &+ c] + (shift?[c &* lds &+ r] ?? 0)
    }

    /// The 4 × 4 block at (r, c): four row loads, two rounds of interleaving, four column stores.
    @inline(__always)
    private static func block(_ r: Int, _ c: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                              _ b: UnsafeMutablePointer<Float>, _ ldb: Int, _ shift: UnsafePointer<Float>?, _ lds: Int) {
        let source = UnsafeRawPointer(a + (r &* lda &+ c))
        let step = lda &* 4
        let x0 = source.loadUnaligned(as: SIMD4<Float>.self)
        let x1 = source.loadUnaligned(fromByteOffset: step, as: SIMD4<Float>.self)
        let x2 = source.loadUnaligned(fromByteOffset: 2 &* step, as: SIMD4<Float>.self)
        let x3 = source.loadUnaligned(fromByteOffset: 3 &* step, as: SIMD4<Float>.self)
        let low01 = SIMD4(x0[0], x1[0], x0[1], x1[1]), low23 = SIMD4(x2[0], x3[0], x2[1], x3[1])
        let high01 = SIMD4(x0[2], x1[2], x0[3], x1[3]), high23 = SIMD4(x2[2], x3[2], x2[3], x3[3])
        store(SIMD4(low01[0], low01[1], low23[0], low23[1]), column: c, r, alpha, b, ldb, shift, lds)
        store(SIMD4(low01[2], low01[3], low23[2], low23[3]), column: c &+ 1, r, alpha, b, ldb, shift, lds)
        store(SIMD4(high01[0], high01[1], high23[0], high23[1]), column: c &+ 2, r, alpha, b, ldb, shift, lds)
        store(SIMD4(high01[2], high01[3], high23[2], high23[3]), column: c &+ 3, r, alpha, b, ldb, shift, lds)
    }

    @inline(__always)
    private static func store(_ values: SIMD4<Float>, column: Int, _ r: Int, _ alpha: Float,
                              _ b: UnsafeMutablePointer<Float>, _ ldb: Int, _ shift: UnsafePointer<Float>?, _ lds: Int) {
        var value = values * alpha
        if let shift { value += UnsafeRawPointer(shift + (column &* lds &+ r)).loadUnaligned(as: SIMD4<Float>.self) }
        UnsafeMutableRawPointer(b + (column &* ldb &+ r)).storeBytes(of: value, as: SIMD4<Float>.self)
    }
}
