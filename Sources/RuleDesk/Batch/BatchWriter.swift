import GRDB
import LuaRuntime

/// What evaluating one claimed ticket gave.
struct BatchOutcome: Sendable {
    let ticketId: Int64
    let number: String
    let result: Result<RecordedDecision, RuleFailure>
}

/// Commits a chunk of outcomes in one transaction: for each ticket still claimed by this run, its status,
/// key results and decision (and a work order for a repair with a class); nothing for a ticket it lost.
struct BatchWriter {
    let run: BatchRun
    let rulesVersion: String

    /// Returns the ids of the tickets written (the others had lost their claim).
    func write(_ outcomes: [BatchOutcome], in db: Database) throws -> Set<Int64> {
        let now = Timestamp.nowText()
        let decided = try db.cachedStatement(sql: """
            UPDATE tickets SET status = 'evaluated', department = ?, survey_due = ?, repair_due = ?, resolve_due = ?,
              tier = ?, class = ?, major = ?, rules_version = ?, evaluated_at = ?, error = NULL, claim_run = NULL
            WHERE id = ? AND claim_run = ?
            """)
        let failed = try db.cachedStatement(sql: """
            UPDATE tickets SET status = 'rule_error', error = ?, rules_version = ?, evaluated_at = ?, claim_run = NULL
            WHERE id = ? AND claim_run = ?
            """)
        let decision = try db.cachedStatement(sql: """
            INSERT INTO decisions (ticket_id, evaluated_at, rules_version, results, trace) VALUES (?, ?, ?, ?, ?)
            """)
        let workOrder = try db.cachedStatement(sql: """
            INSERT INTO work_orders (ticket_id, class, survey_due, repair_due, rules_version, issued_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET class = excluded.class, survey_due = excluded.survey_due,
              repair_due = excluded.repair_due, rules_version = excluded.rules_version, issued_at = excluded.issued_at
            """)
        var written = Set<Int64>()
        for outcome in outcomes {
            switch outcome.result {
            case .success(let result):
                let key = result.keys.map(\.columnValue)
                try decided.execute(arguments: StatementArguments(key + [rulesVersion.databaseValue, now.databaseValue,
                                                                         outcome.ticketId.databaseValue, run.id.databaseValue]))
                guard db.changesCount == 1 else { continue }
                try decision.execute(arguments: [outcome.ticketId, now, rulesVersion, result.resultsJSON, result.traceJSON])
                if case .string(let workClass) = result.keys[KeyResults.classIndex] {
                    try workOrder.execute(arguments: [
                        outcome.ticketId, workClass, key[KeyResults.surveyDueIndex], key[KeyResults.repairDueIndex],
                        rulesVersion, now,
                    ])
                }
            case .failure(let failure):
                try failed.execute(arguments: [failure.message, rulesVersion, now, outcome.ticketId, run.id])
                guard db.changesCount == 1 else { continue }
            }
            written.insert(outcome.ticketId)
        }
        return written
    }
}
