import GRDB
import LuaRuntime

/// What evaluating one claimed ticket gave.
struct BatchOutcome: Sendable {
    let ticketId: Int64
    let number: String
    /// Whether the owner's consent to a later date is recorded on the ticket (its deadlines then show as extended).
    let consented: Bool
    let result: Result<RecordedDecision, RuleFailure>
}

/// Commits a chunk of outcomes in one transaction: for each ticket still claimed by this run, its status, the
/// outputs the rules declare (copied onto the ticket, into its work order, its deadlines) and its decision;
/// nothing for a ticket it lost.
struct BatchWriter {
    let run: BatchRun
    let rows: DecisionRows

    init(run: BatchRun, rulesVersion: String, declared: DeclaredResults) {
        self.run = run
        rows = DecisionRows(rulesVersion: rulesVersion, declared: declared)
    }

    /// Returns the ids of the tickets written (the others had lost their claim).
    func write(_ outcomes: [BatchOutcome], in db: Database) throws -> Set<Int64> {
        let now = Timestamp.nowText()
        let claimed = "AND claim_run = \(run.id)"
        var written = Set<Int64>()
        try rows.prepare(first: outcomes.compactMap { try? $0.result.get() }, in: db)
        for outcome in outcomes {
            switch outcome.result {
            case .success(let result):
                guard try rows.markDecided(outcome.ticketId, result, at: now, condition: claimed, in: db) else { continue }
                try rows.write(outcome.ticketId, result, consented: outcome.consented, at: now, in: db)
            case .failure(let failure):
                guard try rows.markFailed(outcome.ticketId, failure, at: now, condition: claimed, in: db) else { continue }
            }
            written.insert(outcome.ticketId)
        }
        return written
    }
}
