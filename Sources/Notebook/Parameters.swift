/// A type a lesson parameter can have: `nb.param("epochs", default: 100)` reads
/// `--param epochs=5` as the type of its default.
public protocol ParameterValue: Sendable {
    /// Parses the text after `=`; nil when it is not a value of this type.
    init?(parameterText: String)
    /// The value as it is written on the command line (also used in cache keys).
    var parameterText: String { get }
}

extension Int: ParameterValue {
    public init?(parameterText: String) { self.init(parameterText) }
    public var parameterText: String { String(self) }
}

/// Seeds: `--param seed=-1` is refused as not a UInt64 rather than trapping where the
/// lesson converts it.
extension UInt64: ParameterValue {
    public init?(parameterText: String) { self.init(parameterText) }
    public var parameterText: String { String(self) }
}

extension Double: ParameterValue {
    public init?(parameterText: String) { self.init(parameterText) }
    public var parameterText: String { String(self) }
}

extension String: ParameterValue {
    public init?(parameterText: String) { self = parameterText }
    public var parameterText: String { self }
}

extension Bool: ParameterValue {
    public init?(parameterText: String) {
        switch parameterText.lowercased() {
        case "true", "yes", "1": self = true
        case "false", "no", "0": self = false
        default: return nil
        }
    }
    public var parameterText: String { self ? "true" : "false" }
}

/// The parameter types by name, as `Lesson.parameterTypeNames` gives them.
public enum ParameterTypes {
    static let byName: [String: any ParameterValue.Type] = [
        "Int": Int.self, "UInt64": UInt64.self, "Double": Double.self, "String": String.self, "Bool": Bool.self,
    ]

    /// Whether `text` parses as the type named `typeName`, as `nb.param` will parse it;
    /// nil for a type this check does not know.
    public static func accepts(_ text: String, typeNamed typeName: String) -> Bool? {
        byName[typeName].map { $0.init(parameterText: text) != nil }
    }

    /// `text` as a run records the value it parses to (`2` as `2.0` for a Double, `yes` as
    /// `true`); nil when the type is unknown or the text does not parse.
    public static func recorded(_ text: String, typeNamed typeName: String) -> String? {
        byName[typeName]?.init(parameterText: text)?.parameterText
    }

    /// Whether `text` is below `bound` (the `1` of `in: 1...`), both read as the type named
    /// `typeName`, as `nb.param` compares them; nil when either does not parse or the type
    /// has no order this check knows.
    public static func isBelow(_ text: String, bound: String, typeNamed typeName: String) -> Bool? {
        func compare<T: ParameterValue & Comparable>(_: T.Type) -> Bool? {
            guard let value = T(parameterText: text), let lowest = T(parameterText: bound) else { return nil }
            return value < lowest
        }
        switch typeName {
        case "Int": return compare(Int.self)
        case "UInt64": return compare(UInt64.self)
        case "Double": return compare(Double.self)
        default: return nil
        }
    }
}

/// A `--param` value that does not parse as the parameter's type.
public struct ParameterError: Error, CustomStringConvertible, Sendable {
    public var name: String
    public var text: String
    public var expectedType: String
    /// For a value of the right type outside the lesson's range: what the range is.
    public var allowed: String?
    /// Whether the value came from `--param` (false: it is the lesson's own default, which
    /// the message must not blame on a `--param` nobody gave).
    public var given: Bool

    public init(name: String, text: String, expectedType: String, allowed: String? = nil, given: Bool = true) {
        self.name = name
        self.text = text
        self.expectedType = expectedType
        self.allowed = allowed
        self.given = given
    }

    public var description: String {
        let source = given ? "from --param \(name)=\(text)" : "the lesson's default; no --param \(name) was given"
        if let allowed { return "parameter '\(name)' must be \(allowed), not \(text) (\(source))" }
        return "parameter '\(name)': '\(text)' is not a valid \(expectedType) (\(source))"
    }
}

/// Parses `k=v` command-line assignments.
public enum ParameterAssignments {
    /// The assignments as a dictionary; throws for an item without `=` or an empty name,
    /// and for a name given two different values (`--param seed=1 --param seed=2` would
    /// otherwise run with whichever came last, and the reader may have meant the other).
    public static func parse(_ items: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw InvalidAssignment(text: item)
            }
            let name = String(item[..<equals]), value = String(item[item.index(after: equals)...])
            if let earlier = result[name], earlier != value {
                throw ConflictingAssignments(name: name, first: earlier, second: value)
            }
            result[name] = value
        }
        return result
    }

    public struct InvalidAssignment: Error, CustomStringConvertible {
        public var text: String
        public var description: String { "--param '\(text)': write NAME=VALUE, e.g. --param epochs=5" }
    }

    public struct ConflictingAssignments: Error, CustomStringConvertible {
        public var name: String, first: String, second: String
        public var description: String {
            "--param \(name) is given twice, as '\(first)' and as '\(second)': give it once"
        }
    }
}
