import Foundation
import GRDB

/// The SQLite database of one site: records, the calendar and the decisions made.
///
/// ```swift
/// let store = try Store(path: "ruledesk.db", access: .create)
/// let count = try store.read { db in try Ticket.fetchCount(db) }
/// ```
public final class Store: Sendable {
    /// How a command uses the database file.
    public enum Access: Sendable {
        /// Reads only: nothing is written, and a read-only file or disk will do. The database must have the
        /// current schema.
        case read
        /// Reads and writes a ruledesk database, bringing one made by an older ruledesk to the current schema.
        case write
        /// As `write`, and a missing or empty file becomes a new database.
        case create
    }

    /// The connection(s): a WAL pool for a file, a queue in memory.
    public let writer: any DatabaseWriter
    /// Where it lives (`:memory:` for an in-memory store).
    public let path: String
    /// What another connection opens to reach the same database (rules' queries): the path, or the shared
    /// in-memory database's URI.
    let connectionPath: String
    var isInMemory: Bool { path == ":memory:" }

    /// Opens the database at `path` for `access`. A file that is not a ruledesk database, or that a newer
    /// ruledesk made, is refused before anything is written to it.
    public init(path: String, access: Access = .write) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists, access != .create { throw StoreError.missing(path) }
        let contents = exists ? try Self.inspect(path) : .empty
        let known = Migrations.migrator.migrations
        switch contents {
        case .foreign(let what):
            throw StoreError.notRuleDesk(path, what)
        case .empty where access != .create:
            throw StoreError.empty(path)
        case .ruledesk(let applied):
            if let unknown = applied.first(where: { !known.contains($0) }) { throw StoreError.newer(path, unknown) }
            if access == .read, let missing = known.first(where: { !applied.contains($0) }) {
                throw StoreError.older(path, missing)
            }
        case .empty:
            break
        }
        do {
            if access == .read {
                writer = try DatabasePool(path: DatabaseFile.readOnlyLocation(path), configuration: DatabaseFile.readOnlyConfiguration)
            } else {
                var configuration = Configuration()
                configuration.foreignKeysEnabled = true
                configuration.busyMode = .timeout(30)
                writer = try DatabasePool(path: path, configuration: configuration)
                try Migrations.migrator.migrate(writer)
            }
            ResultColumns.learn(from: writer)
        } catch let error as DatabaseError {
            if access != .read, !DatabaseFile.isWritable(path) { throw StoreError.readOnly(path) }
            throw StoreError.cannotOpen(path, error.message ?? "\(error.resultCode)")
        }
        self.path = path
        connectionPath = path
    }

    /// A fresh database in memory (tests, `ruledesk test`).
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let name = "ruledesk-\(UUID().uuidString)"
        writer = try DatabaseQueue(named: name, configuration: configuration)
        try Migrations.migrator.migrate(writer)
        ResultColumns.learn(from: writer)
        path = ":memory:"
        connectionPath = "file:\(name)?mode=memory&cache=shared"
    }

    private static func inspect(_ path: String) throws -> DatabaseFile {
        do {
            return try DatabaseFile.inspect(path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, error.message ?? "\(error.resultCode)")
        }
    }

    /// Reads in a read-only transaction.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// Writes in one transaction: all of `body` or nothing.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }

    /// The working-day calendar as stored now.
    public func calendar() throws -> WorkCalendar {
        WorkCalendar(days: try read { try CalendarDay.fetchAll($0) })
    }
}
