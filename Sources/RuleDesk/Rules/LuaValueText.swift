import LuaRuntime

/// Short renderings of values for messages and tables.
enum LuaValueText {
    /// `a string "x"`, `the integer 3`, `a table`…: what a value is, for an error message.
    static func brief(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let b): return "the boolean \(b)"
        case .integer(let i): return "the integer \(i)"
        case .number(let d): return "the number \(d)"
        case .string(let s): return "the string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}
