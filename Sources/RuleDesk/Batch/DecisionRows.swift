import Foundation
import GRDB
import LuaRuntime

/// The rows a decided ticket gets, for the batch and for `ruledesk record` alike: the ticket's status and the outputs
/// copied onto it, the decision appended to `decisions`, the work order issued or replaced, and the ticket's
/// deadlines (replacing its earlier ones), each as its rules declare; and the ticket's claim let go.
///
/// Each transaction that writes decisions gets its ``DecidedRows`` from ``prepare(first:reusing:at:in:)``.
struct DecisionRows {
    let rulesVersion: String
    let declared: DeclaredResults
    /// The version's number and dictionary, as the last `prepare` found them, and the compressor of what comes
    /// uncompressed (one writer at a time).
    private let version = PreparedVersion()
    /// The statements' SQL, made once (a batch writes thousands of tickets with them).
    private let decidedSQL: String
    private let workOrderSQL: String?
    /// The deadlines' `INSERT` for each number of rows, one to as many as the rules declare (`[0]` inserts one).
    private let deadlinesSQL: [String]
    /// The texts bound to every row, kept where SQLite can read them without a copy.
    fileprivate let versionText: StaticText
    fileprivate let deadlineTexts: [(name: StaticText, event: StaticText, extendedByConsent: Bool)]

    init(rulesVersion: String, declared: DeclaredResults) {
        self.rulesVersion = rulesVersion
        self.declared = declared
        let copied = declared.ticketColumns.map { "\($0.column.quotedDatabaseIdentifier) = ?, " }.joined()
        decidedSQL = """
            UPDATE tickets SET status = 'evaluated', \(copied)rules_version = ?, evaluated_at = ?, error = NULL WHERE id = ?
            """
        let columns = declared.workOrderColumns.map { $0.column.quotedDatabaseIdentifier }
        let updates = (columns + ["rules_version", "issued_at"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        workOrderSQL = columns.isEmpty ? nil : """
            INSERT INTO work_orders (ticket_id, \(columns.map { "\($0), " }.joined())rules_version, issued_at)
            VALUES (?, \(columns.map { _ in "?, " }.joined())?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET \(updates)
            """
        deadlinesSQL = declared.deadlines.indices.map { count in
            "INSERT INTO ticket_deadlines (ticket_id, deadline, due, event, extended) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?)", count: count + 1).joined(separator: ", ")
        }
        versionText = StaticText(rulesVersion)
        let extendable = declared.consent?.extends ?? []
        deadlineTexts = declared.deadlines.map {
            (StaticText($0.name), StaticText($0.event.rawValue), extendable.contains($0.name))
        }
    }

    /// Sets the ticket `rule_error` with the failure's message, and lets go of its claim.
    func markFailed(_ ticketId: Int64, _ failure: RuleFailure, at now: String, in db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE tickets SET status = 'rule_error', error = ?, rules_version = ?, evaluated_at = ? WHERE id = ?
            """).execute(arguments: [failure.message, rulesVersion, now, ticketId])
        try db.cachedStatement(sql: Self.releaseSQL).execute(arguments: [ticketId])
    }

    /// Lets go of a ticket's claim (``TicketClaims``).
    private static let releaseSQL = "DELETE FROM ticket_claims WHERE ticket_id = ?"

    /// The statements that write decided tickets in the transaction of `db`, at the time `now`. Finds the rule
    /// version's number and dictionary; when no decision was stored under it yet, records it with the dictionary
    /// `first` makes (of the decisions about to be written: see ``DecisionTexts``). `offered`, a dictionary the
    /// decisions were compressed against already (``CompressedTexts``), is used when it has the version's bytes.
    func prepare(first: @autoclosure () -> DecisionDictionary, reusing offered: DecisionDictionary? = nil, at now: String,
                 in db: Database) throws -> DecidedRows {
        let current = try DecisionVersions.dictionary(for: rulesVersion, first: first,
                                                      reusing: [offered, version.current?.dictionary].compactMap { $0 },
                                                      in: db)
        version.current = current
        return DecidedRows(
            rows: self, versionId: current.id, dictionary: current.dictionary, compressor: version.compressor,
            now: StaticText(now),
            decided: RowStatement(try db.cachedStatement(sql: decidedSQL)),
            release: RowStatement(try db.cachedStatement(sql: Self.releaseSQL)),
            decision: RowStatement(try db.cachedStatement(sql: """
                INSERT INTO decisions (ticket_id, evaluated_at, version_id, event_id, results_bytes, texts) VALUES (?, ?, ?, ?, ?, ?)
                """)),
            workOrder: try workOrderSQL.map { RowStatement(try db.cachedStatement(sql: $0)) },
            hasDeadlines: RowStatement(try db.cachedStatement(sql: "SELECT 1 FROM ticket_deadlines WHERE ticket_id = ? LIMIT 1")),
            clearDeadlines: RowStatement(try db.cachedStatement(sql: "DELETE FROM ticket_deadlines WHERE ticket_id = ?")),
            deadlines: try deadlinesSQL.map { RowStatement(try db.cachedStatement(sql: $0)) })
    }
}

/// The statements one transaction writes decided tickets with (``DecisionRows/prepare(first:reusing:at:in:)``),
/// each bound by index for every ticket: used in that transaction only.
struct DecidedRows {
    fileprivate let rows: DecisionRows
    fileprivate let versionId: Int64
    fileprivate let dictionary: DecisionDictionary
    fileprivate let compressor: DecisionCompressor
    fileprivate let now: StaticText
    fileprivate let decided: RowStatement
    fileprivate let release: RowStatement
    fileprivate let decision: RowStatement
    fileprivate let workOrder: RowStatement?
    /// Whether the ticket has deadlines, and their `DELETE`: with foreign keys enforced, SQLite runs a `DELETE` of a
    /// table that has one in two passes through a temporary table, even when it finds no row, which costs far more
    /// than the look.
    fileprivate let hasDeadlines: RowStatement
    fileprivate let clearDeadlines: RowStatement
    /// The deadlines' `INSERT` of one row, two rows, … (one statement for all of a ticket's deadlines).
    fileprivate let deadlines: [RowStatement]

    /// Sets the ticket `evaluated` with the declared copies and lets go of its claim, appends the decision (after the
    /// event `eventId`, if one) and writes the work order and deadlines it declares. `stored`: the decision compressed already (it is
    /// compressed here when that was against another dictionary). `consented`: the owner's consent is recorded, so
    /// the deadlines a consent extends show as extended.
    func write(_ ticketId: Int64, _ result: RecordedDecision, stored: CompressedTexts? = nil, consented: Bool,
               after eventId: Int64? = nil) throws {
        let declared = rows.declared, values = result.keys
        var index: Int32 = 1
        for copy in declared.ticketColumns {
            decided.bind(index, values[copy.key])
            index += 1
        }
        decided.bind(index, rows.versionText)
        decided.bind(index + 1, now)
        decided.bind(index + 2, ticketId)
        try decided.execute()
        release.bind(1, ticketId)
        try release.execute()

        decision.bind(1, ticketId)
        decision.bind(2, now)
        decision.bind(3, versionId)
        decision.bind(4, eventId)
        decision.bind(5, Int64(result.resultsJSON.utf8.count))
        let frame = stored.flatMap { $0.dictionary === dictionary ? $0.frame : nil }
        try decision.execute(binding: try frame ?? compressor.compress(result.texts, with: dictionary), at: 6)

        if let workOrder, declared.workOrderColumns.allSatisfy({
            !declared.requiredWorkOrderColumns.contains($0.column) || values[$0.key] != .nil
        }) {
            workOrder.bind(1, ticketId)
            index = 2
            for copy in declared.workOrderColumns {
                workOrder.bind(index, values[copy.key])
                index += 1
            }
            workOrder.bind(index, rows.versionText)
            workOrder.bind(index + 1, now)
            try workOrder.execute()
        }

        hasDeadlines.bind(1, ticketId)
        if try hasDeadlines.findsRow() {
            clearDeadlines.bind(1, ticketId)
            try clearDeadlines.execute()
        }
        let due = zip(declared.deadlines, rows.deadlineTexts).filter { values[$0.0.key] != .nil }
        guard !due.isEmpty else { return }
        let insert = deadlines[due.count - 1]
        index = 1
        for (deadline, texts) in due {
            insert.bind(index, ticketId)
            insert.bind(index + 1, texts.name)
            insert.bind(index + 2, values[deadline.key])
            insert.bind(index + 3, texts.event)
            insert.bind(index + 4, consented && texts.extendedByConsent)
            index += 5
        }
        try insert.execute()
    }
}

/// The version a ``DecisionRows`` writes under, as its last `prepare` found it, and its compressor (one writer at a
/// time).
private final class PreparedVersion: @unchecked Sendable {
    var current: (id: Int64, dictionary: DecisionDictionary)?
    let compressor = DecisionCompressor()
}

extension RecordedDecision {
    /// The results and trace, as stored.
    var texts: DecisionTexts { DecisionTexts(results: resultsJSON, trace: traceJSON) }
}
