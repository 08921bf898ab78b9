import Foundation

/// Band-limited sinc resampling as resampy 0.2.2 does it, which is what librosa 0.8.1's
/// `resample(..., res_type='kaiser_fast')` and its constant-Q transform call.
///
/// resampy ships its filters as precomputed tables; we rebuild the same table at run
/// time from its recipe (`resampy.filters.sinc_window`) and check it against the shipped
/// values in the tests.
public enum Resampy {
    /// The right wing of a windowed-sinc interpolation filter, sampled `precision` times
    /// per zero crossing (`resampy.filters.sinc_window`).
    public struct Filter: Sendable {
        /// `numZeros * precision + 1` coefficients, from the centre outwards.
        public let halfWindow: [Double]
        /// Table entries per zero crossing (resampy's `num_table`, `2**precision_bits`).
        public let precision: Int
        /// Roll-off frequency as a fraction of Nyquist.
        public let rolloff: Double

        /// Builds `sinc_window(num_zeros, precision_bits, window=kaiser(beta), rolloff)`:
        /// `rolloff * sinc(rolloff * x)` for `x` on `linspace(0, numZeros)`, tapered by the
        /// right half of a symmetric Kaiser window of `2n + 1` points, all in Double.
        public init(numZeros: Int, precisionBits: Int, kaiserBeta: Double, rolloff: Double) {
            let perZero = 1 << precisionBits
            let n = perZero * numZeros
            let i0Beta = besselI0(kaiserBeta)
            var table = [Double](repeating: 0, count: n + 1)
            let step = Double(numZeros) / Double(n)  // numpy linspace's step; exact here
            for i in 0...n {
                let x = i == n ? Double(numZeros) : Double(i) * step
                let arg = rolloff * x
                let sinc = arg == 0 ? 1.0 : sin(Double.pi * arg) / (Double.pi * arg)
                // scipy.signal.kaiser(2n+1)[n + i]: (k - alpha) / alpha with alpha = n.
                let r = Double(i) / Double(n)
                let taper = besselI0(kaiserBeta * (1 - r * r).squareRoot()) / i0Beta
                table[i] = taper * (rolloff * sinc)
            }
            halfWindow = table
            precision = perZero
            self.rolloff = rolloff
        }

        /// resampy's `kaiser_fast`: 16 zero crossings, 512 entries per crossing, Kaiser
        /// beta 8.555504641634386, roll-off 0.85 of Nyquist.
        public static let kaiserFast = Filter(numZeros: 16, precisionBits: 9,
                                              kaiserBeta: 8.555504641634386, rolloff: 0.85)

        /// resampy's `kaiser_best`, librosa's default for `resample` and `load`: 64 zero
        /// crossings, 512 entries per crossing, Kaiser beta 14.769656459379492, roll-off
        /// 0.9475937167399596 of Nyquist.
        public static let kaiserBest = Filter(numZeros: 64, precisionBits: 9,
                                              kaiserBeta: 14.769656459379492, rolloff: 0.9475937167399596)
    }

    /// `resampy.resample(x, sr_orig, sr_new, filter=...)` for a float32 signal: the output
    /// has `floor(count * sr_new / sr_orig)` samples.
    ///
    /// Numerics follow resampy's numba loop on a float32 array: each tap's product is
    /// formed in Double and added to the Float output sample, which is rounded back to
    /// Float after every addition.
    ///
    /// - Throws: `AudioError.invalidParameter` for non-positive rates or an output that
    ///   would be empty.
    public static func resample(_ x: [Float], from sourceRate: Double, to targetRate: Double,
                                filter: Filter = .kaiserFast) throws -> [Float] {
        try checkRates(count: x.count, from: sourceRate, to: targetRate)
        let ratio = targetRate / sourceRate
        // The filter table is stepped through at ratio × its precision per input sample:
        // below one step (downsampling by more than `precision`) there is no filter left.
        guard Int(min(1.0, ratio) * Double(filter.precision)) >= 1 else {
            throw AudioError.invalidParameter("resample: from \(sourceRate) to \(targetRate) Hz divides the rate by more than \(filter.precision), beyond the filter's resolution; resample in two stages")
        }
        let outCount = Int(Double(x.count) * ratio)
        guard outCount >= 1 else {
            throw AudioError.invalidParameter("resample: input of \(x.count) samples is too short to resample from \(sourceRate) to \(targetRate) Hz")
        }
        // resampy scales the (copied) table by the ratio when downsampling. Halving reads
        // only every (precision / 2)-th entry and no differences: it scales just those.
        if ratio == 0.5, filter.precision % 2 == 0 {
            return halve(x, window: filter.halfWindow, scale: ratio, precision: filter.precision, outCount: outCount)
        }
        var win = filter.halfWindow
        if ratio < 1 { for i in win.indices { win[i] *= ratio } }
        var delta = [Double](repeating: 0, count: win.count)
        for i in 0..<(win.count - 1) { delta[i] = win[i + 1] - win[i] }
        var y = [Float](repeating: 0, count: outCount)
        interpolate(x, into: &y, ratio: ratio, window: win, delta: delta, precision: filter.precision)
        return y
    }

    /// The rates are positive numbers and `count` samples resampled stay below 2^31
    /// (beyond, the counts would overflow on their way to an Int).
    ///
    /// - Throws: `AudioError.invalidParameter` naming the rates.
    static func checkRates(count: Int, from sourceRate: Double, to targetRate: Double) throws {
        guard sourceRate > 0, targetRate > 0, sourceRate.isFinite, targetRate.isFinite else {
            throw AudioError.invalidParameter("resample: sample rates must be positive, finite numbers (got \(sourceRate) -> \(targetRate))")
        }
        guard Double(count) * (targetRate / sourceRate) < Double(Int32.max) else {
            throw AudioError.invalidParameter("resample: from \(sourceRate) to \(targetRate) Hz would give more than \(Int32.max) samples")
        }
    }

    /// resampy's `resample_f`, one output sample after another.
    static func interpolate(_ x: [Float], into y: inout [Float], ratio: Double,
                            window win: [Double], delta: [Double], precision: Int) {
        let scale = min(1.0, ratio)
        let timeIncrement = 1.0 / ratio
        let indexStep = Int(scale * Double(precision))
        let nwin = win.count
        let nOrig = x.count
        var timeRegister = 0.0
        for t in 0..<y.count {
            let n = Int(timeRegister)
            var frac = scale * (timeRegister - Double(n))
            var indexFrac = frac * Double(precision)
            var offset = Int(indexFrac)
            var eta = indexFrac - Double(offset)
            var acc = y[t]
            let iMax = min(n + 1, (nwin - offset) / indexStep)
            for i in 0..<max(iMax, 0) {
                let k = offset + i * indexStep
                let weight = win[k] + eta * delta[k]
                acc = Float(Double(acc) + weight * Double(x[n - i]))
            }
            frac = scale - frac
            indexFrac = frac * Double(precision)
            offset = Int(indexFrac)
            eta = indexFrac - Double(offset)
            let kMax = min(nOrig - n - 1, (nwin - offset) / indexStep)
            for k in 0..<max(kMax, 0) {
                let j = offset + k * indexStep
                let weight = win[j] + eta * delta[j]
                acc = Float(Double(acc) + weight * Double(x[n + k + 1]))
            }
            y[t] = acc
            timeRegister += timeIncrement
        }
    }
}

/// `librosa.resample(y, orig_sr, target_sr, res_type=, fix=True, scale=)`: resampy's
/// output padded with zeros (or cut) to `ceil(count * ratio)` samples, and with `scale`
/// divided by `sqrt(ratio)` (in Float, as NumPy divides a float32 array by a scalar), so
/// that energy is kept. Equal rates return `y` unchanged. The filter defaults to
/// librosa's `kaiser_best`; its constant-Q transform halves with `kaiser_fast`.
///
/// - Throws: `AudioError.invalidParameter` as `Resampy.resample`, and for a sample that is
///   not finite (librosa's ParameterError).
public func resample(_ y: [Float], from sourceRate: Double, to targetRate: Double,
                     filter: Resampy.Filter = .kaiserBest, scale: Bool = false) throws -> [Float] {
    // Before the equal-rate shortcut and the count below, which an infinite rate would overflow.
    try Resampy.checkRates(count: y.count, from: sourceRate, to: targetRate)
    // librosa's valid_audio, as its resample checks; resampy alone would spread a NaN over
    // the filter's reach.
    try ArgumentChecks.require(ArgumentChecks.finiteSignalProblem(y, in: "resample"))
    if sourceRate == targetRate { return y }
    let ratio = targetRate / sourceRate
    let count = Int((Double(y.count) * ratio).rounded(.up))
    var out = try Resampy.resample(y, from: sourceRate, to: targetRate, filter: filter)
    if out.count > count { out.removeLast(out.count - count) }
    if out.count < count { out.append(contentsOf: repeatElement(0, count: count - out.count)) }
    if scale {
        let s = Float(ratio.squareRoot())
        for i in out.indices { out[i] /= s }
    }
    return out
}

/// The modified Bessel function of the first kind, order 0, by its power series
/// `sum_k ((x/2)^k / k!)^2`; the terms fall fast for the Kaiser betas used here (< 20).
func besselI0(_ x: Double) -> Double {
    let q = x * x / 4
    var term = 1.0, sum = 1.0
    var k = 1.0
    while term > sum * 1e-18 {
        term *= q / (k * k)
        sum += term
        k += 1
    }
    return sum
}
