/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990), so that tick labels are short round numbers.
public struct NiceTicks: Equatable, Sendable {
    /// The tick values, ascending, each an integer multiple of `step`.
    public let values: [Double]
    /// The distance between neighbouring ticks: 1, 2 or 5 times a power of ten.
    public let step: Double

    /// Decimal places that print every tick exactly (0.25-style steps never occur).
    public var decimals: Int {
        let exponent = Int((log10(step) + 1e-9).rounded(.down))
        return max(0, -exponent)
    }

    /// Ticks that cover `lower...upper`: the first tick is at or below `lower`, the last at
    /// or above `upper` (a "loose" axis). Aims for about `count` ticks.
    public static func covering(_ lower: Double, _ upper: Double, count: Int) -> NiceTicks {
        let (lo, hi) = widened(lower, upper)
        let step = niceStep(span: hi - lo, count: count)
        let first = (lo / step).rounded(.down)
        let last = (hi / step).rounded(.up)
        return NiceTicks(values: multiples(first, last, step), step: step)
    }

    /// Ticks inside `lower...upper` (for an axis whose ends are fixed by the data, such as
    /// an image's time range). Aims for about `count` ticks; at least one when the range is finite.
    public static func inside(_ lower: Double, _ upper: Double, count: Int) -> NiceTicks {
        let (lo, hi) = widened(lower, upper)
        let step = niceStep(span: hi - lo, count: count)
        // A small tolerance keeps ticks that sit on an end despite rounding (0.1 * 3).
        let tolerance = step * 1e-9
        let first = ((lo - tolerance) / step).rounded(.up)
        let last = ((hi + tolerance) / step).rounded(.down)
        return NiceTicks(values: multiples(first, last, step), step: step)
    }

    /// The nice step for `count` ticks over `span`: the nice number nearest to the even
    /// spacing. (Heckbert first rounds the span itself up, which can halve the tick count:
    /// 1...30 would get steps of 10 instead of 5.)
    static func niceStep(span: Double, count: Int) -> Double {
        let intervals = Double(max(1, count - 1))
        return niceNumber(span / intervals, rounding: true)
    }

    /// The nice number (1, 2, 5 or 10 times a power of ten) nearest to `x` (`rounding`), or
    /// the smallest one at least `x` (not `rounding`).
    static func niceNumber(_ x: Double, rounding: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = log10(x).rounded(.down)
        let power = pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if rounding {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// A non-empty finite range: an empty one (`lower == upper`) is widened around its value,
    /// and non-finite ends fall back to 0...1.
    static func widened(_ lower: Double, _ upper: Double) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite else { return (0, 1) }
        let lo = min(lower, upper), hi = max(lower, upper)
        if hi > lo { return (lo, hi) }
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        return (lo - pad, hi + pad)
    }

    private static func multiples(_ first: Double, _ last: Double, _ step: Double) -> [Double] {
        guard first <= last, last - first < 1000 else { return [] }
        // Multiply rather than accumulate, so that 0.1 * 3 does not drift further.
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            return v == 0 ? 0 : v  // no negative zero
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
