import GRDB
import LuaRuntime

/// The Swift functions scripts reach through `ctx`: the calendar, read-only queries, and what a revisit plan asks
/// for. Declared once per Lua state, as OPA declares its built-ins: a feature that needs more context for one call
/// (a revisit plan) sets ``planner`` for that call, and never adds functions to the state.
final class HostAPI {
    var calendar: WorkCalendar
    let store: Store?
    /// Answers `ctx.households`, `ctx.revisits` and `ctx.sample` while a plan is made; nil otherwise.
    weak var planner: RevisitPlanner?
    private weak var lua: LuaState?
    private var queries: RuleQueries?

    /// `ctx.calendar`, a read-only table of methods.
    private(set) var calendarTable: LuaRef!
    private(set) var query: LuaRef!
    /// `ctx.households`, `ctx.revisits`, `ctx.sample`, for plans.
    private(set) var planFunctions: [String: LuaRef] = [:]

    init(lua: LuaState, calendar: WorkCalendar, store: Store?) throws {
        self.calendar = calendar
        self.store = store
        self.lua = lua
        query = lua.function { [self] call in try runQuery(call) }
        calendarTable = try lua.table([
            "add_workdays": .reference(lua.function { [self] call in
                let (date, n) = try Self.dateAndCount(call, "add_workdays")
                return [.string(try Self.calendarAnswer { try self.calendar.adding(workdays: n, to: date) }.description)]
            }),
            "is_workday": .reference(lua.function { [self] call in
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
        ], readOnlyAs: "ctx.calendar")
        for name in ["households", "revisits", "sample"] {
            planFunctions[name] = lua.function { [self] call in
                guard let planner else {
                    throw LuaError(.runtime, "ctx.\(name) is there only while a revisit plan is made")
                }
                return try planner.answer(name, call)
            }
        }
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
        guard let store, let lua else { throw LuaError(.runtime, "ctx.query: no database is open") }
        let arguments = try (1..<max(1, call.count)).map { try call.value($0) }
        if queries == nil { queries = try RuleQueries(store: store) }
        return [try queries!.rows(sql, arguments, for: lua)]
    }
}
