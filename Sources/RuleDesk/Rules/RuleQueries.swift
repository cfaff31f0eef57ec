import Foundation
import GRDBSQLite
import LuaRuntime

/// The connection `ctx.query` reads through: its own read-only SQLite connection, so that what a rule may see and
/// how long and how large its query may get are set on this connection alone.
///
/// - Personal data: each table with personal columns (``PersonalData/columns``) is shadowed by a view of the same
///   name without them (`households` has no `owner` or `phone`), and an authorizer refuses those columns by any
///   other route (`main.households`). Only reading statements pass the authorizer.
/// - Time: SQLite's progress handler stops the statement once the running Lua call is past a limit (its deadline,
///   its budget, Ctrl-C).
/// - Size: one value at most ``maxValueBytes``, at most ``maxRows`` rows, and no more bytes in all than the
///   state's memory cap leaves.
final class RuleQueries {
    /// The most rows one `ctx.query` returns.
    static let maxRows = 10_000
    /// The largest text or blob a query may make (SQLite's length limit on this connection).
    static let maxValueBytes: Int32 = 1_000_000

    private let connection: OpaquePointer

    /// Opens `store`'s database read-only, with the views and the authorizer in place.
    init(store: Store) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(store.connectionPath, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "SQLite error \(status)"
            sqlite3_close_v2(handle)
            throw LuaError(.runtime, "ctx.query: cannot open the database for rules: \(reason)")
        }
        connection = handle
        sqlite3_busy_timeout(connection, 30_000)
        sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, Self.maxValueBytes)
        sqlite3_limit(connection, SQLITE_LIMIT_ATTACHED, 0)
        if store.isInMemory { sqlite3_exec(connection, "PRAGMA read_uncommitted = 1", nil, nil, nil) }
        // Reports count the same index pages again and again; a page cache of its own (64 MB at most, filled only
        // as pages are read) spares them reading each from the file every time.
        sqlite3_exec(connection, "PRAGMA cache_size = -65536", nil, nil, nil)
        do {
            try hidePersonalData()
        } catch {
            sqlite3_close_v2(connection)
            throw error
        }
        sqlite3_set_authorizer(connection, authorize, nil)
    }

    deinit { sqlite3_close_v2(connection) }

    /// Runs one reading statement with `arguments` bound, for the Lua call of `lua`: the rows as an array of tables.
    func rows(_ sql: String, _ arguments: [LuaValue], for lua: LuaState) throws -> LuaValue {
        sqlite3_progress_handler(connection, 1_000, { context in
            Unmanaged<LuaState>.fromOpaque(context!).takeUnretainedValue().mustStop ? 1 : 0
        }, Unmanaged.passUnretained(lua).toOpaque())
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }

        var statement: OpaquePointer?
        var rest = ""
        let prepared = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            defer { rest = tail.map { String(cString: $0) } ?? "" }
            return sqlite3_prepare_v2(connection, text, -1, &statement, &tail)
        }
        defer { sqlite3_finalize(statement) }
        guard prepared == SQLITE_OK, let statement else { throw failure(prepared, lua) }
        guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            throw LuaError(.runtime, "ctx.query runs one statement; remove what follows the first ';'")
        }
        guard sqlite3_stmt_readonly(statement) != 0 else {
            throw LuaError(.runtime, "ctx.query runs SELECT statements only; rules read records and write nothing")
        }
        for (index, argument) in arguments.enumerated() {
            try bind(argument, at: Int32(index + 1), in: statement)
        }

        let columns = (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [LuaValue] = []
        var bytes = 0
        let allowance = lua.limits.memory > 0 ? lua.limits.memory - lua.memoryInUse : .max
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw failure(step, lua) }
            guard rows.count < Self.maxRows else {
                throw LuaError(.runtime, "ctx.query: more than \(Self.maxRows) rows; add a WHERE or a LIMIT")
            }
            var fields: [String: LuaValue] = [:]
            for (index, column) in columns.enumerated() {
                let value = Self.value(of: statement, at: Int32(index))
                bytes += 40 + column.utf8.count + (value.stringValue?.utf8.count ?? 0)
                fields[column] = value
            }
            guard bytes <= allowance else {
                throw LuaError(.runtime, "ctx.query: the rows need more memory than the memory limit (\(lua.limits.memory >> 20) MiB) leaves; select fewer rows or columns")
            }
            rows.append(.table(fields))
        }
        return .array(rows)
    }

    // MARK: - Personal data

    /// Shadows each table that has personal columns with a temporary view of its other columns.
    private func hidePersonalData() throws {
        for (table, personal) in PersonalData.columns {
            var statement: OpaquePointer?
            sqlite3_prepare_v2(connection, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &statement, nil)
            sqlite3_bind_text(statement, 1, table, -1, SQLITE_TRANSIENT)
            var kept: [String] = []
            while sqlite3_step(statement) == SQLITE_ROW {
                let name = String(cString: sqlite3_column_text(statement, 0))
                if !personal.contains(name) { kept.append("\"\(name)\"") }
            }
            sqlite3_finalize(statement)
            guard !kept.isEmpty else { continue }
            let sql = "CREATE TEMP VIEW \"\(table)\" AS SELECT \(kept.joined(separator: ", ")) FROM main.\"\(table)\""
            guard sqlite3_exec(connection, sql, nil, nil, nil) == SQLITE_OK else {
                throw LuaError(.runtime, "ctx.query: cannot prepare the view of \(table): \(String(cString: sqlite3_errmsg(connection)))")
            }
        }
    }

    // MARK: - Values

    private func bind(_ value: LuaValue, at index: Int32, in statement: OpaquePointer) throws {
        switch value {
        case .nil: sqlite3_bind_null(statement, index)
        case .boolean(let b): sqlite3_bind_int64(statement, index, b ? 1 : 0)
        case .integer(let i): sqlite3_bind_int64(statement, index, i)
        case .number(let d): sqlite3_bind_double(statement, index, d)
        case .string(let s): sqlite3_bind_text(statement, index, s, -1, SQLITE_TRANSIENT)
        case .array, .table:
            throw LuaError(.runtime, "ctx.query: parameter \(index) is a table; pass text, numbers or booleans")
        }
    }

    /// A column's value as scripts see it (a blob as text when it is UTF-8).
    private static func value(of statement: OpaquePointer, at index: Int32) -> LuaValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .number(sqlite3_column_double(statement, index))
        case SQLITE_TEXT, SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_blob(statement, index) else { return .string("") }
            let buffer = UnsafeRawBufferPointer(start: bytes, count: count)
            if sqlite3_column_type(statement, index) == SQLITE_TEXT {
                return .string(String(decoding: buffer, as: UTF8.self))
            }
            return String(validating: buffer.bindMemory(to: UInt8.self), as: UTF8.self).map(LuaValue.string) ?? .nil
        default: return .nil
        }
    }

    /// What SQLite said, as rules should read it.
    private func failure(_ status: Int32, _ lua: LuaState) -> LuaError {
        let message = String(cString: sqlite3_errmsg(connection))
        if status == SQLITE_INTERRUPT, lua.mustStop {
            return LuaError(.runtime, "ctx.query stopped: \(lua.stopReason ?? "interrupted")")
        }
        if status == SQLITE_TOOBIG {
            return LuaError(.runtime, "ctx.query: a value is larger than \(Self.maxValueBytes) bytes, the most one value may hold")
        }
        if status == SQLITE_AUTH {
            if let column = PersonalData.column(in: message) {
                return LuaError(.runtime, "ctx.query: \(column) is personal data, which rules cannot read (the \(column.split(separator: ".")[0]) that rules read has no such column)")
            }
            return LuaError(.runtime, "ctx.query runs SELECT statements only; rules read records and write nothing")
        }
        return LuaError(.runtime, "ctx.query: \(message)")
    }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The authorizer: reading statements only, never a personal column of a stored table.
private func authorize(_: UnsafeMutableRawPointer?, _ action: Int32, _ first: UnsafePointer<CChar>?,
                       _ second: UnsafePointer<CChar>?, _ database: UnsafePointer<CChar>?,
                       _: UnsafePointer<CChar>?) -> Int32 {
    switch action {
    case SQLITE_SELECT, SQLITE_FUNCTION, SQLITE_RECURSIVE:
        return SQLITE_OK
    case SQLITE_READ:
        guard let first, let second, let database, String(cString: database) == "main" else { return SQLITE_OK }
        return PersonalData.isPersonal(table: String(cString: first), column: String(cString: second)) ? SQLITE_DENY : SQLITE_OK
    default:
        return SQLITE_DENY
    }
}

/// Where owners' names and phones are stored: never shown to rules, logs or messages unless asked for.
enum PersonalData {
    /// Table → its personal columns.
    static let columns: [(table: String, columns: Set<String>)] = [("households", ["owner", "phone"])]

    static func isPersonal(table: String, column: String) -> Bool {
        columns.contains { $0.table == table && $0.columns.contains(column) }
    }

    /// The `table.column` SQLite's "access to table.column is prohibited" names, when it is personal.
    static func column(in message: String) -> String? {
        columns.lazy.flatMap { entry in entry.columns.map { "\(entry.table).\($0)" } }.first { message.contains($0) }
    }
}
