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
        case .number(let value): try container.encode(value.isFinite ? value : 0)
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
