import Foundation
import GRDB

/// The SQLite database of one site: records, the calendar and the decisions made.
///
/// ```swift
/// let store = try Store(path: "ruledesk.db", create: true)
/// let count = try store.read { db in try Ticket.fetchCount(db) }
/// ```
public final class Store: Sendable {
    /// The connection(s): a WAL pool for a file, a queue in memory.
    public let writer: any DatabaseWriter
    /// Where it lives (`:memory:` for an in-memory store).
    public let path: String
    /// What another connection opens to reach the same database (rules' queries): the path, or the shared
    /// in-memory database's URI.
    let connectionPath: String
    var isInMemory: Bool { path == ":memory:" }

    /// Opens the database at `path`, migrating it to the current schema. Without `create`, a missing file
    /// is an error that says how to make one.
    public init(path: String, create: Bool = false) throws {
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missing(path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(writer)
        } catch let error as DatabaseError {
            let folder = (path as NSString).deletingLastPathComponent
            if access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0 {
                throw StoreError.readOnly(path)
            }
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
        path = ":memory:"
        connectionPath = "file:\(name)?mode=memory&cache=shared"
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

/// Why a database cannot be used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case cannotOpen(String, String)
    case readOnly(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no database at \(path): create it with `ruledesk init --db \(path)`"
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason)"
        case .readOnly(let path):
            return "the database \(path) is read-only (the file, its folder or the disk): nothing was written; make it writable and run again"
        }
    }
}
