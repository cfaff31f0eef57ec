import GRDB
import LuaRuntime

/// What evaluating one claimed ticket gave.
struct BatchOutcome: Sendable {
    let ticketId: Int64
    let number: String
    let result: Result<RecordedDecision, RuleFailure>
}

/// Commits a chunk of outcomes in one transaction: for each ticket still claimed by this run, its status, the
/// outputs the rules declare (copied onto the ticket, into its work order, its deadlines) and its decision;
/// nothing for a ticket it lost.
struct BatchWriter {
    let run: BatchRun
    let rulesVersion: String
    let declared: DeclaredResults

    /// Returns the ids of the tickets written (the others had lost their claim).
    func write(_ outcomes: [BatchOutcome], in db: Database) throws -> Set<Int64> {
        let now = Timestamp.nowText()
        let copied = declared.ticketColumns.map { "\($0.column.quotedDatabaseIdentifier) = ?, " }.joined()
        let decided = try db.cachedStatement(sql: """
            UPDATE tickets SET status = 'evaluated', \(copied)rules_version = ?, evaluated_at = ?, error = NULL, claim_run = NULL
            WHERE id = ? AND claim_run = ?
            """)
        let failed = try db.cachedStatement(sql: """
            UPDATE tickets SET status = 'rule_error', error = ?, rules_version = ?, evaluated_at = ?, claim_run = NULL
            WHERE id = ? AND claim_run = ?
            """)
        let decision = try db.cachedStatement(sql: """
            INSERT INTO decisions (ticket_id, evaluated_at, rules_version, results, trace) VALUES (?, ?, ?, ?, ?)
            """)
        let workOrder = try workOrderStatement(in: db)
        let clearDeadlines = try db.cachedStatement(sql: "DELETE FROM ticket_deadlines WHERE ticket_id = ?")
        let deadline = try db.cachedStatement(sql: """
            INSERT INTO ticket_deadlines (ticket_id, deadline, due, event) VALUES (?, ?, ?, ?)
            """)
        var written = Set<Int64>()
        for outcome in outcomes {
            switch outcome.result {
            case .success(let result):
                let values = result.keys.map(\.columnValue)
                try decided.execute(arguments: StatementArguments(declared.ticketColumns.map { values[$0.key] }
                    + [rulesVersion.databaseValue, now.databaseValue, outcome.ticketId.databaseValue, run.id.databaseValue]))
                guard db.changesCount == 1 else { continue }
                try decision.execute(arguments: [outcome.ticketId, now, rulesVersion, result.resultsJSON, result.traceJSON])
                if let workOrder, declared.workOrderColumns.allSatisfy({
                    !declared.requiredWorkOrderColumns.contains($0.column) || !values[$0.key].isNull
                }) {
                    try workOrder.execute(arguments: StatementArguments([outcome.ticketId.databaseValue]
                        + declared.workOrderColumns.map { values[$0.key] } + [rulesVersion.databaseValue, now.databaseValue]))
                }
                try clearDeadlines.execute(arguments: [outcome.ticketId])
                for due in declared.deadlines where !values[due.key].isNull {
                    try deadline.execute(arguments: [outcome.ticketId.databaseValue, due.name.databaseValue, values[due.key],
                                                     due.event.rawValue.databaseValue])
                }
            case .failure(let failure):
                try failed.execute(arguments: [failure.message, rulesVersion, now, outcome.ticketId, run.id])
                guard db.changesCount == 1 else { continue }
            }
            written.insert(outcome.ticketId)
        }
        return written
    }

    /// Issues or replaces the ticket's work order with the declared work-order columns; nil when the rules
    /// declare none.
    private func workOrderStatement(in db: Database) throws -> Statement? {
        let columns = declared.workOrderColumns.map { $0.column.quotedDatabaseIdentifier }
        guard !columns.isEmpty else { return nil }
        let updates = (columns + ["rules_version", "issued_at"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return try db.cachedStatement(sql: """
            INSERT INTO work_orders (ticket_id, \(columns.map { "\($0), " }.joined())rules_version, issued_at)
            VALUES (?, \(columns.map { _ in "?, " }.joined())?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET \(updates)
            """)
    }

}
