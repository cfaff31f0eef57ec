import GRDB
import LuaRuntime

/// The Swift functions scripts reach through `ctx`: the calendar and read-only queries.
/// Made once per Lua state; the calendar can be swapped between evaluations.
final class HostAPI {
    var calendar: WorkCalendar
    let store: Store?

    /// `ctx.calendar`, a read-only table of methods.
    private(set) var calendarTable: LuaRef!
    private(set) var query: LuaRef!

    /// The most rows one `ctx.query` returns.
    static let maxRows = 10_000

    init(lua: LuaState, calendar: WorkCalendar, store: Store?) throws {
        self.calendar = calendar
        self.store = store
        query = lua.function { [unowned self] call in try runQuery(call) }
        calendarTable = try lua.table([
            "add_workdays": .reference(lua.function { [unowned self] call in
                let (date, n) = try Self.dateAndCount(call, "add_workdays")
                return [.string(try Self.calendarAnswer { try self.calendar.adding(workdays: n, to: date) }.description)]
            }),
            "is_workday": .reference(lua.function { [unowned self] call in
                let date = try Self.date(call, 1, "is_workday")
                return [.boolean(try Self.calendarAnswer { try self.calendar.isWorkday(date) })]
            }),
            "add_days": .reference(lua.function { call in
                let (date, n) = try Self.dateAndCount(call, "add_days")
                return [.string(date.adding(days: n).description)]
            }),
            "add_months": .reference(lua.function { call in
                let (date, n) = try Self.dateAndCount(call, "add_months")
                return [.string(date.adding(months: n).description)]
            }),
        ], readOnly: true)
    }

    // MARK: - Calendar arguments (methods: argument 0 is the calendar itself)

    private static func date(_ call: LuaCall, _ index: Int, _ function: String) throws -> LocalDate {
        let value = try call.value(index)
        guard case .string(let text) = value, let date = LocalDate(text) else {
            throw LuaError(.runtime, "ctx.calendar:\(function) expects a date 'YYYY-MM-DD', got \(LuaValueText.brief(value)) (call it with a colon)")
        }
        return date
    }

    private static func dateAndCount(_ call: LuaCall, _ function: String) throws -> (LocalDate, Int) {
        let date = try date(call, 1, function)
        let value = try call.value(2)
        guard let n = value.integerValue, abs(n) <= 100_000 else {
            throw LuaError(.runtime, "ctx.calendar:\(function) expects a whole number of days, got \(LuaValueText.brief(value))")
        }
        return (date, Int(n))
    }

    private static func calendarAnswer<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CalendarError { throw LuaError(.runtime, error.description) }
    }

    // MARK: - Queries

    private func runQuery(_ call: LuaCall) throws -> [LuaValue] {
        guard case .string(let sql) = try call.value(0) else {
            throw LuaError(.runtime, "ctx.query expects SQL text first")
        }
        guard let store else { throw LuaError(.runtime, "ctx.query: no database is open") }
        let arguments = try (1..<max(1, call.count)).map { try Self.databaseValue(call.value($0), index: $0) }
        let keyword = sql.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(6).uppercased()
        guard keyword.hasPrefix("SELECT") || keyword.hasPrefix("WITH") else {
            throw LuaError(.runtime, "ctx.query runs SELECT statements only; rules read records and write nothing")
        }
        do {
            return try store.read { db in
                let statement = try db.makeStatement(sql: sql)
                guard statement.isReadonly else {
                    throw LuaError(.runtime, "ctx.query runs SELECT statements only; rules read records and write nothing")
                }
                try statement.setArguments(StatementArguments(arguments))
                var rows: [LuaValue] = []
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    guard rows.count < Self.maxRows else {
                        throw LuaError(.runtime, "ctx.query: more than \(Self.maxRows) rows; add a WHERE or a LIMIT")
                    }
                    var fields: [String: LuaValue] = [:]
                    for (column, value) in row { fields[column] = LuaValue(databaseValue: value) }
                    rows.append(.table(fields))
                }
                return [.array(rows)]
            }
        } catch let error as DatabaseError {
            throw LuaError(.runtime, "ctx.query: \(error.message ?? "SQLite error \(error.resultCode)")")
        }
    }

    private static func databaseValue(_ value: LuaValue, index: Int) throws -> DatabaseValue {
        switch value {
        case .array, .table: throw LuaError(.runtime, "ctx.query: parameter \(index) is a table; pass text, numbers or booleans")
        default: return value.columnValue
        }
    }
}
