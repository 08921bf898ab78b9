/// A JSON document built in code (a notebook), encoded with sorted keys so the same input
/// always gives the same bytes.
enum JSONValue: Encodable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value.isFinite {
                try container.encode(value)
            } else {
                // JSON has no NaN or infinity. Written as run reports write them (ReportStore's
                // "nan", "inf", "-inf"), which Python's float() reads back; a 0 would pass for
                // a real result.
                try container.encode(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf")
            }
        case .integer(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// Text as Jupyter stores it: a list of lines, each but the last ending in `\n`.
    static func lines(_ text: String) -> JSONValue {
        var lines: [JSONValue] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                lines.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }
}
