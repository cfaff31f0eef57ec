import Foundation
import GRDB
import GRDBSQLite
import LuaRuntime

/// A statement of GRDB's connection that writes (or looks for) one row at a time, bound by index and stepped through SQLite's C
/// API: nothing is built per row (no `StatementArguments`, no `DatabaseValue`s). For use inside a transaction GRDB
/// opened on the statement's connection, while the `Statement` lives.
struct RowStatement {
    private let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }

    init(_ statement: Statement) {
        self.statement = statement
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    /// Binds text that stays where it is until the statement has run (``StaticText``), without a copy.
    func bind(_ index: Int32, _ text: StaticText) {
        sqlite3_bind_text(handle, index, text.bytes.baseAddress, Int32(text.count), nil)
    }

    /// Binds a value as a column holds it (``LuaValue/columnValue``): tables as JSON text.
    func bind(_ index: Int32, _ value: LuaValue) {
        switch value {
        case .nil: sqlite3_bind_null(handle, index)
        case .boolean(let b): bind(index, b)
        case .integer(let i): sqlite3_bind_int64(handle, index, i)
        case .number(let d): sqlite3_bind_double(handle, index, d)
        case .string(var s): _ = s.withUTF8 { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
        case .array, .table: bind(index, LuaValue.string(JSONText.encode(value)))
        }
    }

    /// Runs the statement with `blob` bound at `index` (without a copy), then the rest as bound before.
    func execute(binding blob: Data, at index: Int32) throws {
        try blob.withUnsafeBytes { bytes in
            sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil)
            try execute()
        }
    }

    /// Runs the statement with the values bound, then forgets them (no pointer stays bound after it).
    func execute() throws {
        _ = try step()
    }

    /// Runs a query with the values bound and says whether it found a row, then forgets them.
    func findsRow() throws -> Bool {
        try step() == SQLITE_ROW
    }

    /// Steps once, resets and clears the bindings; returns `SQLITE_DONE` or `SQLITE_ROW`, throws for anything else.
    private func step() throws -> Int32 {
        let code = sqlite3_step(handle)
        let failed = code != SQLITE_DONE && code != SQLITE_ROW
        let message = failed ? String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))) : nil
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        if let message { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql) }
        return code
    }
}

/// SQLite's `SQLITE_TRANSIENT`: the text is copied before the bind returns.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// UTF-8 text kept at one address for as long as it lives, to bind as `SQLITE_STATIC` (``RowStatement``).
final class StaticText: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes the text has.
    let count: Int

    init(_ text: String) {
        count = text.utf8.count
        bytes = .allocate(capacity: max(count, 1))
        _ = bytes.initialize(from: text.utf8)
    }

    deinit { bytes.deallocate() }
}
