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

    /// The value, normalised (a whole float declared `integer` becomes an integer), or nil when it does not fit.
    func conform(_ value: LuaValue) -> LuaValue? {
        switch (self, value) {
        case (.optional, .nil): return .nil
        case (.optional(let inner), _): return inner.conform(value)
        case (.any, _): return value
        case (_, .nil): return nil
        case (.string, .string): return value
        case (.integer, _): return value.integerValue.map(LuaValue.integer)
        case (.number, .integer), (.number, .number): return value
        case (.boolean, .boolean): return value
        case (.date, .string(let s)): return LocalDate(s).map { _ in value }
        case (.table, _): return value.tableValue == nil && value.arrayValue == nil ? Optional.none : value
        case (.array(let inner), _):
            guard let elements = value.arrayValue else { return nil }
            var conformed: [LuaValue] = []
            for element in elements {
                guard let fit = inner.conform(element), !fit.isNil else { return nil }
                conformed.append(fit)
            }
            return .array(conformed)
        default: return nil
        }
    }
}
