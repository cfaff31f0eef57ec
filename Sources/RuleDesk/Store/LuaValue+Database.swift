import Foundation
import GRDB
import LuaRuntime

extension LuaValue {
    /// A column's value as scripts see it (a blob as text when it is UTF-8).
    init(databaseValue value: DatabaseValue) {
        switch value.storage {
        case .null: self = .nil
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .blob(let data): self = String(data: data, encoding: .utf8).map(LuaValue.string) ?? .nil
        }
    }

    /// The value as a column value (tables as JSON text).
    var columnValue: DatabaseValue {
        switch self {
        case .nil: return .null
        case .boolean(let b): return b.databaseValue
        case .integer(let i): return i.databaseValue
        case .number(let d): return d.databaseValue
        case .string(let s): return s.databaseValue
        case .array, .table: return JSONText.encode(self).databaseValue
        }
    }
}
