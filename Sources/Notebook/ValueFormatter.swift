import Foundation

/// Turns values passed to `show` into text: short arrays in full, long ones abbreviated
/// NumPy-style (first and last three, then the count), numbers without float noise.
public enum ValueFormatter {
    /// Arrays longer than this are abbreviated.
    public static let fullArrayLimit = 20

    /// The text `show` records for `value`.
    public static func text(_ value: Any) -> String {
        if let string = value as? String { return string }
        if let array = value as? [Any], !(value is Showable), array.allSatisfy(isNumber) {
            return numbers(array)
        }
        if let array = value as? [[Any]], array.allSatisfy({ $0.allSatisfy(isNumber) }) {
            return matrix(array)
        }
        if isNumber(value) { return cell(value) }
        return String(describing: value)
    }

    /// A number as a short readable string: integers plainly, floats with up to 6
    /// significant digits (`0.9300000000000001` reads `0.93`).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6g", value)
        if text.contains("e") { return text }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    static func isNumber(_ value: Any) -> Bool {
        value is Double || value is Float || value is Int || value is Int64 || value is Int32 || value is UInt8
    }

    static func cell(_ value: Any) -> String {
        switch value {
        case let v as Double: return number(v)
        case let v as Float: return number(Double(v))
        case let v as Int: return String(v)
        case let v as Int64: return String(v)
        case let v as Int32: return String(v)
        case let v as UInt8: return String(v)
        case let v as String: return v
        default: return String(describing: value)
        }
    }

    static func numbers(_ array: [Any]) -> String {
        if array.count <= fullArrayLimit { return "[" + array.map(cell).joined(separator: ", ") + "]" }
        let head = array.prefix(3).map(cell), tail = array.suffix(3).map(cell)
        return "[" + (head + ["…"] + tail).joined(separator: ", ") + "] (\(array.count) values)"
    }

    static func matrix(_ rows: [[Any]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let shown = rows.count <= fullArrayLimit ? rows.map(numbers) : rows.prefix(3).map(numbers) + ["…"] + rows.suffix(3).map(numbers)
        return shown.joined(separator: "\n") + (rows.count > fullArrayLimit || columns > fullArrayLimit ? "\n(\(rows.count) × \(columns))" : "")
    }
}
