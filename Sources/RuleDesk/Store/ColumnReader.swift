import GRDB
import GRDBSQLite

/// The current row of a statement stepped through SQLite's C API, read by column position: for the batch, which
/// reads thousands of records, where GRDB's `Row` looks each column up by name and builds a value around each. Each
/// read converts as GRDB does (text by `sqlite3_column_text`, booleans and integers by `sqlite3_column_int64`).
struct ColumnReader {
    private let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }

    /// Runs `statement` (GRDB's, on a connection in a transaction) with `text` bound to its one parameter, and
    /// reads each row with `body`.
    static func each(_ statement: Statement, binding text: String, _ body: (ColumnReader) throws -> Void) throws {
        let handle = statement.sqliteStatement
        var text = text
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        _ = text.withUTF8 { sqlite3_bind_text(handle, 1, $0.baseAddress, Int32($0.count), sqliteTransient) }
        let reader = ColumnReader(statement: statement)
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try body(reader)
            case SQLITE_DONE: return
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
            }
        }
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, column) != 0
    }

    func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(handle, column)
    }

    func string(_ column: Int32) -> String {
        String(cString: sqlite3_column_text(handle, column))
    }

    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    /// A `YYYY-MM-DD` date, nil for NULL; anything else is an error.
    func optionalDate(_ column: Int32) throws -> LocalDate? {
        guard let text = optionalString(column) else { return nil }
        guard let date = LocalDate(text) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH,
                                message: "\(String(cString: sqlite3_column_name(handle, column))): '\(text)' is not a YYYY-MM-DD date",
                                sql: statement.sql)
        }
        return date
    }
}
