import Foundation
import LuaRuntime

/// Records typed in Lua (a test's `community{…}`, the console's `case{…}`) as the CSV fields an import reads.
enum LuaFields {
    /// A Lua table of fields as CSV text: numbers and booleans written out, lists joined with `|`,
    /// and a `received_at` without an offset read in the company's time zone (a bare date at 09:00).
    static func csvFields(_ value: LuaValue, kind: ImportKind, zone: TimeZone) throws -> [String: String] {
        guard let table = value.tableValue else {
            throw LuaError(.runtime, "\(kind.rawValue){…} expects a table of fields")
        }
        var fields: [String: String] = [:]
        for (key, field) in table {
            switch field {
            case .nil: continue
            case .string(let s): fields[key] = s
            case .boolean(let b): fields[key] = b ? "true" : "false"
            case .integer(let i): fields[key] = String(i)
            case .number(let d): fields[key] = String(d)
            case .array(let items): fields[key] = items.compactMap(\.stringValue).joined(separator: "|")
            case .table: throw LuaError(.runtime, "\(key) cannot be a table")
            }
        }
        if let received = fields["received_at"] {
            let text = LocalDate(received) != nil ? received + "T09:00:00" : received
            if let moment = Timestamp(text, zone: zone) { fields["received_at"] = moment.iso8601(in: zone) }
        }
        return fields
    }
}
