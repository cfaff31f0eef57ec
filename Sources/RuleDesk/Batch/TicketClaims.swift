import GRDB

/// Which tickets a batch may take, and taking them.
struct TicketClaims {
    let selection: BatchOptions.Selection
    let rulesVersion: String

    /// The SQL condition for tickets of this selection (on `tickets`).
    private var condition: String {
        switch selection {
        case .new: return "status = 'new'"
        case .errors: return "status = 'rule_error'"
        case .reevaluate: return "closed_on IS NULL AND (rules_version IS NULL OR rules_version <> :version)"
        }
    }

    /// The SQL condition for a ticket (of `tickets`) that no unfinished run holds.
    private var free: String {
        """
        NOT EXISTS (SELECT 1 FROM ticket_claims c JOIN batch_runs r ON r.id = c.run
                    WHERE c.ticket_id = tickets.id AND r.finished_at IS NULL)
        """
    }

    /// How many tickets the selection holds now.
    func count(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets WHERE \(condition)",
                         arguments: ["version": rulesVersion]) ?? 0
    }

    /// What is left for another run: tickets in `rule_error`, and tickets claimed by runs not finished.
    func backlog(in db: Database) throws -> (ruleErrors: Int, claimedByOthers: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM tickets WHERE status = 'rule_error') AS errors,
                   (SELECT count(*) FROM ticket_claims WHERE run IN (SELECT id FROM batch_runs WHERE finished_at IS NULL)) AS claimed
            """)!
        return (row["errors"], row["claimed"])
    }

    /// Claims up to `limit` free tickets after id `after`, in id order, for `run` (taking over the claims of
    /// finished runs); returns their ids.
    func claim(_ limit: Int, after: Int64, for run: BatchRun, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            INSERT INTO ticket_claims (ticket_id, run)
            SELECT id, :run FROM tickets WHERE id > :after AND \(condition) AND \(free) ORDER BY id LIMIT :limit
            ON CONFLICT (ticket_id) DO UPDATE SET run = excluded.run
            RETURNING ticket_id
            """, arguments: ["run": run.id, "after": after, "version": rulesVersion, "limit": limit]).sorted()
    }

    /// Up to `limit` ids of the selection after `after`, without claiming them (dry runs).
    func peek(_ limit: Int, after: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM tickets WHERE id > :after AND \(condition) ORDER BY id LIMIT :limit",
                           arguments: ["after": after, "version": rulesVersion, "limit": limit])
    }
}
