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
        /// The event recorded just before this decision, which it followed; nil for the batch's decisions.
        public let event: RecordedEventSummary?
    }

    /// An event as history shows it: `callback on 2026-05-14 (severely_dissatisfied) by 王芳: 业主不满`.
    public struct RecordedEventSummary: Sendable {
        public let event: String
        public let on: String
        public let details: [String]
        public let by: String
        public let note: String

        public var text: String {
            "\(event) on \(on)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))") + " by \(by)"
                + (note.isEmpty ? "" : ": \(note)")
        }
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
        for stored in try StoredDecision.fetchAll(db, ticketId: id) {
            let decision = Decision(ticket: ticket, rulesVersion: stored.rulesVersion,
                                    results: JSONReader.read(stored.texts.results) ?? .nil,
                                    trace: JSONReader.read(stored.texts.trace) ?? .nil)
            let event = try stored.eventId.flatMap { try Self.event($0, in: db) }
            entries.append(Entry(id: stored.id, evaluatedAt: stored.evaluatedAt, decision: decision,
                                 changes: entries.last.map { Self.changes(from: $0.decision, to: decision) } ?? [], event: event))
        }
        self.entries = entries
    }

    /// The event `id` as history shows it.
    private static func event(_ id: Int64, in db: Database) throws -> RecordedEventSummary? {
        try Row.fetchOne(db, sql: "SELECT event, on_date, at, until, cost, rating, recorded_by, note FROM events WHERE id = ?",
                         arguments: [id]).map { row in
            RecordedEventSummary(
                event: row["event"], on: row["on_date"],
                details: [(row["at"] as String?).map { "at \($0)" }, (row["until"] as String?).map { "until \($0)" },
                          (row["cost"] as Double?).map { "cost \($0.rounded() == $0 && abs($0) < 1e15 ? String(Int($0)) : String($0)) yuan" }, row["rating"]].compactMap { $0 },
                by: row["recorded_by"], note: row["note"])
        }
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
