import LuaRuntime

/// What a batch did.
public struct BatchSummary: Sendable {
    /// A ticket whose evaluation failed, and why.
    public struct Failure: Sendable {
        public let number: String
        public let message: String
    }

    public var evaluated = 0
    public var failed = 0
    /// Tickets evaluated here that another process had committed first (their claim was lost).
    public var skipped = 0
    public var seconds = 0.0
    public var dryRun = false
    public var rulesVersion = ""
    /// The first failures (at most 20).
    public var failures: [Failure] = []

    public var ticketsPerSecond: Double { seconds > 0 ? Double(evaluated + failed) / seconds : 0 }

    /// One line for people, and the failures under it.
    public var text: String {
        var lines = [String(format: "%@evaluated %d, failed %d, skipped %d in %.2f s (%.0f tickets/s)",
                            dryRun ? "dry run: " : "", evaluated, failed, skipped, seconds, ticketsPerSecond)]
        for failure in failures { lines.append("  \(failure.number): \(failure.message)") }
        if failed > failures.count { lines.append("  … and \(failed - failures.count) more (status rule_error)") }
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
        ]))
    }
}

/// Where a running batch is, for progress displays.
public struct BatchProgress: Sendable {
    public let done: Int
    public let total: Int
    public let seconds: Double
}
