import GRDB
import LuaRuntime

/// What a batch did, and what is left for another run.
public struct BatchSummary: Sendable {
    /// A ticket whose evaluation failed, and why.
    public struct Failure: Sendable {
        public let number: String
        public let message: String
    }

    /// How many failures the summary lists by name.
    public static let failuresShown = 20

    public var evaluated = 0
    public var failed = 0
    /// Tickets evaluated here that another process had committed first (their claim was lost).
    public var skipped = 0
    public var seconds = 0.0
    public var dryRun = false
    public var rulesVersion = ""
    /// The first failures (at most ``failuresShown``); `failed` counts them all.
    public var failures: [Failure] = []
    /// Tickets in status `rule_error` when the batch ended, whether they failed now or in an earlier run.
    public var ruleErrors = 0
    /// Tickets claimed by other batches still running when this one ended.
    public var claimedByOthers = 0
    /// The day the overdue deadlines are counted on: today in the company's time zone.
    public var overdueOn: LocalDate?
    /// Unmet deadlines of open tickets whose due date had passed on ``overdueOn``, by deadline name.
    public var overdue: [String: Int] = [:]

    /// Counts the overdue deadlines of open tickets on `day`.
    mutating func countOverdue(on day: LocalDate, in db: Database) throws {
        overdueOn = day
        overdue = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT deadline, count(*) AS n FROM deadline_clocks
            WHERE closed_on IS NULL AND met_on IS NULL AND due < ? GROUP BY deadline
            """, arguments: [day]).map { ($0["deadline"] as String, $0["n"] as Int) })
    }

    public var ticketsPerSecond: Double { seconds > 0 ? Double(evaluated + failed) / seconds : 0 }

    /// Whether nothing is left: no ticket in `rule_error` and none in the hands of another batch.
    public var isAllDone: Bool { ruleErrors == 0 && claimedByOthers == 0 }

    /// A line for people, the failures under it, and the backlog.
    public var text: String {
        var lines = [String(format: "%@evaluated %d, failed %d, skipped %d in %.2f s (%.0f tickets/s)",
                            dryRun ? "dry run: " : "", evaluated, failed, skipped, seconds, ticketsPerSecond)]
        for failure in failures { lines.append("  \(failure.number): \(failure.message)") }
        if failed > failures.count { lines.append("  … and \(failed - failures.count) more (status rule_error)") }
        var backlog = "backlog: \(ruleErrors) ticket\(ruleErrors == 1 ? "" : "s") in rule_error"
        if ruleErrors > 0 { backlog += " (fix the rules, then `ruledesk batch --retry-errors`)" }
        backlog += ", \(claimedByOthers) claimed by other running batches"
        lines.append(backlog)
        if let overdueOn {
            let total = overdue.values.reduce(0, +)
            let kinds = overdue.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("overdue on \(overdueOn): \(total) deadline\(total == 1 ? "" : "s")"
                         + (total > 0 ? " (\(kinds)); see `ruledesk due --overdue`" : ""))
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object.
    public var json: String {
        JSONText.encode(.table([
            "evaluated": .integer(Int64(evaluated)), "failed": .integer(Int64(failed)),
            "skipped": .integer(Int64(skipped)), "seconds": .number((seconds * 1000).rounded() / 1000),
            "tickets_per_second": .number(ticketsPerSecond.rounded()), "dry_run": .boolean(dryRun),
            "rules_version": .string(rulesVersion),
            "failures": .array(failures.map { .table(["ticket": .string($0.number), "message": .string($0.message)]) }),
            "failures_total": .integer(Int64(failed)),
            "failures_truncated": .boolean(failed > failures.count),
            "backlog": .table(["rule_error": .integer(Int64(ruleErrors)),
                               "claimed_by_other_runs": .integer(Int64(claimedByOthers))]),
            "overdue": .table([
                "on": overdueOn.map { .string($0.description) } ?? .nil,
                "total": .integer(Int64(overdue.values.reduce(0, +))),
                "by_deadline": .table(overdue.mapValues { .integer(Int64($0)) }),
            ]),
        ]))
    }
}

/// Where a running batch is, for progress displays.
public struct BatchProgress: Sendable {
    public let done: Int
    public let total: Int
    public let seconds: Double
}
