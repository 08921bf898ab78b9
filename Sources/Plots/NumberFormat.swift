import Foundation

/// Locale-free, deterministic number text for plots: the same value always prints the same
/// bytes on every machine (no `String(format:)`, whose output can follow the locale).
public enum NumberFormat {
    /// `value` rounded to `decimals` places, an exact tie to the even digit as C's `printf`
    /// and Python's `format` round it, so a plot and a table printed with
    /// `String(format: "%.2f")` show the same figure: `fixed(0.625, 2) == "0.62"`,
    /// `fixed(-0.001, 2) == "0.00"` (no negative zero). Non-finite values print as `nan`,
    /// `inf` and `-inf`; magnitudes too large for fixed notation use Swift's shortest form.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        // Past 12 places (ticks 1e-300 apart) fixed notation would print every value as
        // 0.000000000000: Swift's shortest form (`2e-300`) tells them apart.
        if decimals > 12, value != 0 { return "\(value)" }
        let places = min(max(decimals, 0), 12)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
        guard scaled < 9e15 else { return "\(value)" }
        var digits = String(Int64(scaled))
        if places > 0 {
            if digits.count <= places {
                digits = String(repeating: "0", count: places - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// `fixed(value, decimals:)` without trailing zeros or a trailing point (`"12.5"`, `"3"`):
    /// compact coordinates for SVG.
    public static func compact(_ value: Double, decimals: Int) -> String {
        var text = fixed(value, decimals: decimals)
        guard text.contains("."), value.isFinite, !text.contains("e") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Decimal places for printing a set of data values (cells, bars): none when all are whole
    /// numbers (counts), otherwise enough for about three significant digits of the largest
    /// (at least two places, so 0.004 is "0.00400", not "0.00").
    public static func decimals(forValues values: [Double]) -> Int {
        let finite = values.filter { $0.isFinite }
        guard let largest = finite.map({ abs($0) }).max() else { return 0 }
        if finite.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e12 }) { return 0 }
        if largest >= 100 { return 0 }
        if largest >= 10 { return 1 }
        if largest >= 0.1 { return 2 }
        return min(2 - Int(log10(largest).rounded(.down)), 12)
    }
}
