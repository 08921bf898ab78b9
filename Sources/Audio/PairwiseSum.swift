/// numpy's sum along a contiguous axis (`pairwise_sum_FLOAT` / `_DOUBLE`), which librosa's
/// means over a frame's samples or a spectrogram's bins, and its normalisations, go
/// through: below 8 values a plain running sum; up to 128, eight running sums over
/// interleaved values combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) and the leftovers
/// added after; above that, the halves (split at a multiple of 8) summed apart and added.
/// Its rounding differs from a plain running sum by many ulps over a thousand values, so
/// the order is kept exactly.
///
/// numpy takes this path only when the summed axis is the contiguous one, which it is for
/// librosa's own STFT (stored column-major) and for frames cut from a signal.
func pairwiseSum<T: BinaryFloatingPoint>(_ a: UnsafePointer<T>, count n: Int) -> T {
    if n < 8 {
        var sum: T = 0
        for i in 0..<n { sum += a[i] }
        return sum
    }
    if n <= 128 {
        var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
        var i = 8
        while i < n - n % 8 {
            r.0 += a[i]; r.1 += a[i + 1]; r.2 += a[i + 2]; r.3 += a[i + 3]
            r.4 += a[i + 4]; r.5 += a[i + 5]; r.6 += a[i + 6]; r.7 += a[i + 7]
            i += 8
        }
        var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
        while i < n { sum += a[i]; i += 1 }
        return sum
    }
    let half = n / 2 - (n / 2) % 8
    return pairwiseSum(a, count: half) + pairwiseSum(a + half, count: n - half)
}

/// `np.sum` of a float64 array, so that normalisations divide by the same Double numpy does.
func pairwiseSum(_ a: [Double]) -> Double {
    a.withUnsafeBufferPointer { pairwiseSum($0.baseAddress!, count: $0.count) }
}
