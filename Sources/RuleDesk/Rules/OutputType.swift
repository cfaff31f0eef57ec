import LuaRuntime

/// The type a rule declares for one of its outputs: `string`, `integer`, `number`, `boolean`, `date`,
/// `table` or `any`; `T[]` for an array of `T`; a trailing `?` when the field may be nil.
public indirect enum OutputType: Equatable, Sendable, CustomStringConvertible {
    case string, integer, number, boolean, date, table, any
    case array(OutputType)
    case optional(OutputType)

    /// Parses a declaration such as `"string[]"` or `"date?"`; nil when it is not one.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("?") {
            guard let inner = OutputType(String(text.dropLast())), !inner.isOptional else { return nil }
            self = .optional(inner)
        } else if text.hasSuffix("[]") {
            guard let inner = OutputType(String(text.dropLast(2))) else { return nil }
            self = .array(inner)
        } else {
            switch text {
            case "string": self = .string
            case "integer": self = .integer
            case "number": self = .number
            case "boolean": self = .boolean
            case "date": self = .date
            case "table": self = .table
            case "any": self = .any
            default: return nil
            }
        }
    }

    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "boolean"
        case .date: return "date"
        case .table: return "table"
        case .any: return "any"
        case .array(let inner): return "\(inner)[]"
        case .optional(let inner): return "\(inner)?"
        }
    }

    /// The type as the driver reads it: `{ base = "integer" }`, `{ array = T }` or `{ optional = T }`.
    var luaSpec: LuaValue {
        switch self {
        case .optional(let inner): return ["optional": inner.luaSpec]
        case .array(let inner): return ["array": inner.luaSpec]
        default: return ["base": .string(description)]
        }
    }

    /// Whether the value is a list (an empty table is written `[]`).
    var isArray: Bool {
        switch self {
        case .array: return true
        case .optional(let inner): return inner.isArray
        default: return false
        }
    }
}
