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
        upper > lower ? (value - lower) / (upper - lower) : 0.5
    }
}
