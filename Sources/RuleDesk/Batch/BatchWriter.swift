import GRDB
import LuaRuntime

/// What evaluating one claimed ticket gave.
struct BatchOutcome: Sendable {
    let ticketId: Int64
    let number: String
    /// Whether the owner's consent to a later date is recorded on the ticket (its deadlines then show as extended).
    let consented: Bool
    let result: Result<RecordedDecision, RuleFailure>
    /// The decision's stored form, compressed on the thread that evaluated it; nil for a failure, or while the
    /// version's dictionary was not known.
    var stored: CompressedTexts?
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

    /// Returns the ids of the tickets written (the others had lost their claim). The claims are read once, in the
    /// transaction that writes: nobody else can take a claim before it commits.
    func write(_ outcomes: [BatchOutcome], in db: Database) throws -> Set<Int64> {
        guard let low = outcomes.map(\.ticketId).min(), let high = outcomes.map(\.ticketId).max() else { return [] }
        let claimed = Set(try Int64.fetchAll(db, sql: "SELECT ticket_id FROM ticket_claims WHERE ticket_id BETWEEN ? AND ? AND run = ?",
                                             arguments: [low, high, run.id]))
        let now = Timestamp.nowText()
        let decided = outcomes.compactMap { try? $0.result.get() }
        let offered = outcomes.lazy.compactMap(\.stored).first?.dictionary
        let writing = decided.isEmpty ? nil : try rows.prepare(first: offered ?? DecisionDictionary(first: decided.map(\.texts)),
                                                                reusing: offered, at: now, in: db)
        var written = Set<Int64>()
        for outcome in outcomes where claimed.contains(outcome.ticketId) {
            switch outcome.result {
            case .success(let result):
                try writing!.write(outcome.ticketId, result, stored: outcome.stored, consented: outcome.consented)
            case .failure(let failure):
                try rows.markFailed(outcome.ticketId, failure, at: now, in: db)
            }
            written.insert(outcome.ticketId)
        }
        return written
    }
}
