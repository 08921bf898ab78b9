/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990), so that tick labels are short round numbers.
public struct NiceTicks: Equatable, Sendable {
    /// The tick values, ascending, each an integer multiple of `step`.
    public let values: [Double]
    /// The distance between neighbouring ticks: 1, 2 or 5 times a power of ten.
    public let step: Double

    /// Decimal places that print every tick exactly (0.25-style steps never occur).
    public var decimals: Int {
        guard step > 0, step.isFinite else { return 0 }
        let exponent = Int((log10(step) + 1e-9).rounded(.down))
        return max(0, -exponent)
    }

    /// Ticks that cover `lower...upper`: the first tick is at or below `lower`, the last at
    /// or above `upper` (a "loose" axis). Aims for about `count` ticks. Where such a tick
    /// would be beyond Double's largest value, the ticks stop at the last finite one, inside
    /// the data (so draw the axis to `axisEnds`).
    public static func covering(_ lower: Double, _ upper: Double, count: Int) -> NiceTicks {
        let (lo, hi) = widened(lower, upper)
        let step = niceStep(lo, hi, count: count)
        let first = (lo / step).rounded(.down)
        let last = (hi / step).rounded(.up)
        return NiceTicks(values: multiples(first, last, step), step: step)
    }

    /// The ends of an axis drawn with these covering ticks for data in `lower...upper`: the
    /// outer ticks, or the data's own ends where the ticks could not reach them.
    public func axisEnds(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
        (min(values.first ?? lower, lower), max(values.last ?? upper, upper))
    }

    /// These ticks, or where their step is below 1, the whole numbers inside
    /// `lower...upper` (for an axis of counts, such as epochs, where 1.5 means nothing).
    func wholeNumbers(inside lower: Double, _ upper: Double) -> NiceTicks {
        guard step < 1, lower.isFinite, upper.isFinite else { return self }
        let first = (lower - 1e-9).rounded(.up), last = (upper + 1e-9).rounded(.down)
        return NiceTicks(values: Self.multiples(first, last, 1), step: 1)
    }

    /// Ticks inside `lower...upper` (for an axis whose ends are fixed by the data, such as
    /// an image's time range). Aims for about `count` ticks; at least one when the range is finite.
    public static func inside(_ lower: Double, _ upper: Double, count: Int) -> NiceTicks {
        let (lo, hi) = widened(lower, upper)
        let step = niceStep(lo, hi, count: count)
        // A small tolerance keeps ticks that sit on an end despite rounding (0.1 * 3). Added
        // after dividing: `hi + step * 1e-9` is infinite when hi is near Double's largest value.
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        return NiceTicks(values: multiples(first, last, step), step: step)
    }

    /// The nice step for `count` ticks over `lo...hi`: the nice number nearest to the even
    /// spacing. (Heckbert first rounds the span itself up, which can halve the tick count:
    /// 1...30 would get steps of 10 instead of 5.)
    static func niceStep(_ lo: Double, _ hi: Double, count: Int) -> Double {
        // A count worked out from a very tall or wide plot is capped: no axis wants more
        // than 50 ticks, and 1,000 or more would come back as none (see `multiples`).
        let intervals = Double(max(1, min(count, 50) - 1))
        // Halved first: `hi - lo` is infinite for -1e308...1e308, which left no ticks at all.
        // Doubling back can still overflow for one interval; `niceNumber` copes with that.
        return niceNumber((hi / 2 - lo / 2) / intervals * 2, rounding: true)
    }

    /// The nice number (1, 2, 5 or 10 times a power of ten) nearest to `x` (`rounding`), or
    /// the smallest one at least `x` (not `rounding`).
    /// Above Double's largest value (an overflowed spacing) it gives the largest finite
    /// nice number, 1e308.
    static func niceNumber(_ x: Double, rounding: Bool) -> Double {
        guard x > 0, !x.isNaN else { return 1 }
        let x = min(x, .greatestFiniteMagnitude)
        let exponent = log10(x).rounded(.down)
        let power = pow(10, exponent)
        // Below 1e-308 the power of ten underflows to 0 (a span of a few subnormals): no
        // nice number is representable, so the spacing itself is the step.
        guard power > 0 else { return x }
        let fraction = x / power
        let nice: Double
        if rounding {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        // 2e308 is infinite; at that power only 1e308 itself is a finite nice number.
        return (nice * power).isFinite ? nice * power : power
    }

    /// A non-empty finite range: an empty one (`lower == upper`) is widened around its value,
    /// and non-finite ends fall back to 0...1.
    static func widened(_ lower: Double, _ upper: Double) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite else { return (0, 1) }
        let lo = min(lower, upper), hi = max(lower, upper)
        if hi > lo { return (lo, hi) }
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        // Capped: around Double's largest value the padding would reach infinity.
        return (max(lo - pad, -.greatestFiniteMagnitude), min(hi + pad, .greatestFiniteMagnitude))
    }

    private static func multiples(_ first: Double, _ last: Double, _ step: Double) -> [Double] {
        // Near Double's limits the outer multiples can be infinite; they are left out.
        let largest = (Double.greatestFiniteMagnitude / step).rounded(.down)
        let first = max(first, -largest), last = min(last, largest)
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
