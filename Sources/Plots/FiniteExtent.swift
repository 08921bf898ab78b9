/// The smallest and largest finite values of some data; NaN and infinities are skipped, so
/// one bad value cannot stretch an axis to infinity.
struct FiniteExtent: Equatable {
    var lower: Double
    var upper: Double

    /// `nil` when there is no finite value at all.
    init?<S: Sequence>(_ values: S) where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        guard lo <= hi else { return nil }
        lower = lo
        upper = hi
    }

    /// Where `value` lies in the extent, 0 at `lower` and 1 at `upper` (0.5 when they are equal).
    func fraction(_ value: Double) -> Double {
        Self.fraction(value, lower, upper)
    }

    /// Where `value` lies between `lower` and `upper` (0.5 when they are equal or not finite).
    /// Computed on halves so that a span like -1e308...1e308 does not overflow to infinity.
    static func fraction(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        let span = upper / 2 - lower / 2
        guard span > 0, span.isFinite else { return 0.5 }
        return (value / 2 - lower / 2) / span
    }

    /// `range` if both ends are finite, else `fallback` (an image's axis given as -inf...inf).
    static func finite(_ range: ClosedRange<Double>, or fallback: ClosedRange<Double>) -> ClosedRange<Double> {
        range.lowerBound.isFinite && range.upperBound.isFinite ? range : fallback
    }
}
