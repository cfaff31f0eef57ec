import GRDB
import LuaRuntime

/// The decisions recorded for one ticket, oldest first, and what changed from one to the next.
public struct DecisionHistory: Sendable {
    /// One recorded decision.
    public struct Entry: Sendable {
        public let id: Int64
        public let evaluatedAt: String
        public let decision: Decision
        /// `rule.field: old → new` against the entry before (empty for the first).
        public let changes: [String]
    }

    public let ticket: String
    public let entries: [Entry]

    /// The ticket's history; an error when the ticket does not exist.
    public init(ticket: String, in db: Database) throws {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tickets WHERE number = ?", arguments: [ticket]) else {
            let near = try TicketSearch.closest(to: ticket, in: db)
            throw HistoryError.unknownTicket(ticket, near)
        }
        self.ticket = ticket
        var entries: [Entry] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT id, evaluated_at, rules_version, results, trace FROM decisions WHERE ticket_id = ? ORDER BY id
            """, arguments: [id]) {
            let decision = Decision(ticket: ticket, rulesVersion: row["rules_version"],
                                    results: JSONReader.read(row["results"]) ?? .nil, trace: JSONReader.read(row["trace"]) ?? .nil)
            entries.append(Entry(id: row["id"], evaluatedAt: row["evaluated_at"], decision: decision,
                                 changes: entries.last.map { Self.changes(from: $0.decision, to: decision) } ?? []))
        }
        self.entries = entries
    }

    /// The latest entry, or the latest under the rule version whose first digits are `version`; an error when there
    /// is none.
    public func latest(under version: String?, in db: Database) throws -> Entry {
        var candidates = entries
        if let version {
            guard let full = try RuleArchive.resolve(version, in: db) else { throw HistoryError.unknownVersion(version) }
            candidates = candidates.filter { $0.decision.rulesVersion == full }
            guard !candidates.isEmpty else { throw HistoryError.noDecisionUnder(ticket, full) }
        }
        guard let entry = candidates.last else { throw HistoryError.noDecision(ticket) }
        return entry
    }

    /// `approval.tier: 1 → 2` for each field that differs.
    public static func changes(from old: Decision, to new: Decision) -> [String] {
        old.differences(to: new).map {
            "\($0.rule).\($0.field): \(JSONText.encode($0.before)) → \(JSONText.encode($0.after))"
        }
    }
}
