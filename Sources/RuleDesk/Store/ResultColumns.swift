import Foundation
import GRDB

/// The columns a rule set may copy its outputs into (`record` and `work_order` in a rule's table): every column of
/// `tickets` and `work_orders` that the host does not fill itself, read from the schema the migrations make. The
/// host names only its own columns; the policy's are whatever the schema holds besides them.
struct ResultColumns: Sendable {
    /// One column that takes a declared output.
    struct Column: Sendable, Equatable {
        let name: String
        /// The declared SQL type: `TEXT`, `INTEGER`, `BOOLEAN`, `DOUBLE`.
        let sqlType: String
        /// NOT NULL: a work order is issued only when every such column has a value.
        let required: Bool

        /// Whether an output of `type` can go in this column: text and dates into TEXT, integers into INTEGER,
        /// booleans into BOOLEAN, numbers and integers into DOUBLE or REAL.
        func accepts(_ type: OutputType) -> Bool {
            if case .optional(let inner) = type { return accepts(inner) }
            switch (sqlType.uppercased(), type) {
            case ("TEXT", .string), ("TEXT", .date), ("INTEGER", .integer), ("BOOLEAN", .boolean),
                 ("DOUBLE", .number), ("DOUBLE", .integer), ("REAL", .number), ("REAL", .integer):
                return true
            default:
                return false
            }
        }
    }

    /// Columns of `tickets` for copies of decided results, in schema order.
    let tickets: [Column]
    /// Columns of `work_orders` for a work order's details, in schema order.
    let workOrders: [Column]

    /// The columns of the current schema: those of the first database a ``Store`` opened (a store is always at the
    /// current schema: it migrates its file, or refuses one that lacks a migration), else read once from a database
    /// in memory that the migrations make (`check`, `types` without a store). Migrating in memory costs a fresh
    /// process as much as the rest of `eval` (docs/performance.md).
    static var current: Result<ResultColumns, any Error> {
        lock.withLock {
            if let known { return known }
            let made = Result { () throws -> ResultColumns in
                let queue = try DatabaseQueue()
                try Migrations.migrator.migrate(queue)
                return try queue.read(read)
            }
            known = made
            return made
        }
    }

    /// Takes the columns from `database`, which is at the current schema, unless they are known already.
    static func learn(from database: any DatabaseReader) {
        lock.withLock {
            if known == nil, let columns = try? database.read(read) { known = .success(columns) }
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: Result<ResultColumns, any Error>?

    private static func read(_ db: Database) throws -> ResultColumns {
        ResultColumns(tickets: try columns(of: "tickets", besides: ticketHostColumns, in: db),
                      workOrders: try columns(of: "work_orders", besides: workOrderHostColumns, in: db))
    }

    /// What the host itself writes into a ticket: the imported fields (with their ids), the recorded facts, the
    /// status and the batch's bookkeeping.
    static let ticketHostColumns: Set<String> = Set(ImportKind.tickets.columns).union(Ticket.factColumns).union([
        "id", "community_id", "household_id", "status", "rules_version", "evaluated_at", "error",
    ])

    /// What the host itself writes into a work order.
    static let workOrderHostColumns: Set<String> = ["id", "ticket_id", "rules_version", "issued_at"]

    private static func columns(of table: String, besides host: Set<String>, in db: Database) throws -> [Column] {
        try db.columns(in: table).filter { !host.contains($0.name) }.map {
            Column(name: $0.name, sqlType: $0.type, required: $0.isNotNull)
        }
    }
}
