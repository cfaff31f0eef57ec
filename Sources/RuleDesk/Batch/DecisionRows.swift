import Foundation
import GRDB
import LuaRuntime

/// The rows a decided ticket gets, for the batch and for `ruledesk record` alike: the ticket's status and the outputs
/// copied onto it, the decision appended to `decisions`, the work order issued or replaced, and the ticket's
/// deadlines (replacing its earlier ones), each as its rules declare.
///
/// Each transaction that writes decisions calls ``prepare(first:in:)`` before its first ``write``.
struct DecisionRows {
    let rulesVersion: String
    let declared: DeclaredResults
    /// The version's number and compressor, found (or made) by `prepare` in the transaction writing.
    private let version = PreparedVersion()
    /// The statements' SQL, made once (a batch writes thousands of tickets with them).
    private let decidedSQL: String
    private let workOrderSQL: String?

    init(rulesVersion: String, declared: DeclaredResults) {
        self.rulesVersion = rulesVersion
        self.declared = declared
        let copied = declared.ticketColumns.map { "\($0.column.quotedDatabaseIdentifier) = ?, " }.joined()
        decidedSQL = """
            UPDATE tickets SET status = 'evaluated', \(copied)rules_version = ?, evaluated_at = ?, error = NULL, claim_run = NULL
            WHERE id = ?
            """
        let columns = declared.workOrderColumns.map { $0.column.quotedDatabaseIdentifier }
        let updates = (columns + ["rules_version", "issued_at"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        workOrderSQL = columns.isEmpty ? nil : """
            INSERT INTO work_orders (ticket_id, \(columns.map { "\($0), " }.joined())rules_version, issued_at)
            VALUES (?, \(columns.map { _ in "?, " }.joined())?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET \(updates)
            """
    }

    /// Sets the ticket `evaluated` with the declared copies; `condition` narrows the update (the batch's claim).
    /// Returns whether the ticket was updated.
    func markDecided(_ ticketId: Int64, _ result: RecordedDecision, at now: String, condition: String = "",
                     in db: Database) throws -> Bool {
        let values = result.keys.map(\.columnValue)
        try db.cachedStatement(sql: condition.isEmpty ? decidedSQL : decidedSQL + " " + condition).execute(arguments: StatementArguments(declared.ticketColumns.map { values[$0.key] }
                + [rulesVersion.databaseValue, now.databaseValue, ticketId.databaseValue]))
        return db.changesCount == 1
    }

    /// Sets the ticket `rule_error` with the failure's message. Returns whether the ticket was updated.
    func markFailed(_ ticketId: Int64, _ failure: RuleFailure, at now: String, condition: String = "",
                    in db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE tickets SET status = 'rule_error', error = ?, rules_version = ?, evaluated_at = ?, claim_run = NULL
            WHERE id = ? \(condition)
            """).execute(arguments: [failure.message, rulesVersion, now, ticketId])
        return db.changesCount == 1
    }

    /// Finds the rule version's number and dictionary in `db`; when no decision was stored under it yet, records
    /// it with a dictionary made of `first`, the decisions about to be written (see ``DecisionTexts``).
    func prepare(first: @autoclosure () -> [RecordedDecision], in db: Database) throws {
        version.current = try DecisionVersions.compressor(for: rulesVersion, first: { first().map(\.texts) },
                                                          reusing: version.current, in: db)
    }

    /// Appends the decision (after the event `eventId`, if one) and writes the work order and deadlines it declares.
    /// `consented`: the owner's consent is recorded, so the deadlines a consent extends show as extended.
    func write(_ ticketId: Int64, _ result: RecordedDecision, consented: Bool, after eventId: Int64? = nil, at now: String,
               in db: Database) throws {
        guard let (versionId, compressor) = version.current else { preconditionFailure("DecisionRows.prepare was not called") }
        let values = result.keys.map(\.columnValue)
        try db.cachedStatement(sql: """
            INSERT INTO decisions (ticket_id, evaluated_at, version_id, event_id, results_bytes, texts) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [ticketId, now, versionId, eventId, result.resultsJSON.utf8.count,
                                     try compressor.compress(result.texts)])
        if let workOrder = try workOrderStatement(in: db), declared.workOrderColumns.allSatisfy({
            !declared.requiredWorkOrderColumns.contains($0.column) || !values[$0.key].isNull
        }) {
            try workOrder.execute(arguments: StatementArguments([ticketId.databaseValue]
                + declared.workOrderColumns.map { values[$0.key] } + [rulesVersion.databaseValue, now.databaseValue]))
        }
        try db.cachedStatement(sql: "DELETE FROM ticket_deadlines WHERE ticket_id = ?").execute(arguments: [ticketId])
        let deadline = try db.cachedStatement(sql: """
            INSERT INTO ticket_deadlines (ticket_id, deadline, due, event, extended) VALUES (?, ?, ?, ?, ?)
            """)
        let extendable = consented ? declared.consent?.extends ?? [] : []
        for due in declared.deadlines where !values[due.key].isNull {
            try deadline.execute(arguments: [ticketId.databaseValue, due.name.databaseValue, values[due.key],
                                             due.event.rawValue.databaseValue, extendable.contains(due.name).databaseValue])
        }
    }

    /// Issues or replaces the ticket's work order with the declared work-order columns; nil when the rules
    /// declare none.
    private func workOrderStatement(in db: Database) throws -> Statement? {
        try workOrderSQL.map { try db.cachedStatement(sql: $0) }
    }
}

/// The version a ``DecisionRows`` writes under, as its last `prepare` found it (one writer at a time).
private final class PreparedVersion: @unchecked Sendable {
    var current: (id: Int64, compressor: DecisionCompressor)?
}

extension RecordedDecision {
    /// The results and trace, as stored.
    var texts: DecisionTexts { DecisionTexts(results: resultsJSON, trace: traceJSON) }
}
