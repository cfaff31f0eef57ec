import Foundation
import GRDB
import LuaRuntime

/// `ruledesk diff`: what a rule change would do to stored tickets. Evaluates each ticket in the range under
/// both rule sets, in parallel, writing nothing, and counts for every rule and field how values change.
public struct RuleDiff {
    /// Which tickets to compare.
    public struct Range: Sendable {
        /// Registration dates, inclusive.
        public var since: LocalDate?
        public var until: LocalDate?
        public var community: String?
        /// Only the most recently stored tickets, at most this many.
        public var latest: Int?
        public init() {}
    }

    public let store: Store
    public let current: RuleSet
    public let proposed: RuleSet
    public let settings: Settings
    public var range = Range()
    public var jobs = 1
    /// Tickets a worker reads at a time. Each worker reads its own, so reading runs beside deciding.
    public var chunkSize = 500

    public init(store: Store, current: RuleSet, proposed: RuleSet, settings: Settings) {
        self.store = store
        self.current = current
        self.proposed = proposed
        self.settings = settings
    }

    /// Compares the two rule sets over the range.
    public func run() throws -> DiffReport {
        let calendar = try store.calendar()
        let workers = try (0..<min(max(1, jobs), BatchOptions.maxJobs)).map { _ in
            try EnginePair(current: try RuleEngine(ruleSet: current, store: store, settings: settings, calendar: calendar),
                           proposed: try RuleEngine(ruleSet: proposed, store: store, settings: settings, calendar: calendar))
        }
        var report = DiffReport(current: current, proposed: proposed)
        let ids = try store.read { db -> [Int64] in
            var sql = "SELECT t.id FROM tickets t JOIN communities c ON c.id = t.community_id"
            var arguments: StatementArguments = []
            if let community = range.community {
                sql += " WHERE c.code = ?"
                arguments += [community]
            }
            guard let latest = range.latest else {
                return try Int64.fetchAll(db, sql: sql + " ORDER BY t.id", arguments: arguments)
            }
            return try Int64.fetchAll(db, sql: sql + " ORDER BY t.id DESC LIMIT ?", arguments: arguments + [latest]).reversed()
        }
        let chunks = stride(from: 0, to: ids.count, by: chunkSize).map { Array(ids[$0..<min($0 + chunkSize, ids.count)]) }
        // A few chunks per worker at a time: what the workers found is added to the report in the tickets' order,
        // and only that many chunks' worth of it is held at once.
        let round = workers.count * 8
        for start in stride(from: 0, to: chunks.count, by: round) {
            let compared = ParallelMap.run(Array(chunks[start..<min(start + round, chunks.count)]), workers: workers) { pair, chunk in
                Result { try compare(chunk, with: pair) }
            }
            for outcome in compared {
                let chunk = try outcome.get()
                report.addUnchanged(chunk.unchanged)
                for (number, before, after) in chunk.changed { report.add(number, before: before, after: after) }
            }
        }
        return report
    }

    /// What a worker found in one chunk: how many tickets in range decide the same under both rule sets, and the
    /// decisions of the others, in the tickets' order.
    private struct ComparedChunk {
        var unchanged = 0
        var changed: [(ticket: String, before: Result<Decision, any Error>, after: Result<Decision, any Error>)] = []
    }

    private func compare(_ ids: [Int64], with pair: EnginePair) throws -> ComparedChunk {
        var chunk = ComparedChunk()
        for ticketCase in try store.read({ try TicketCase.loadMany(ids: ids, from: $0) }) where inRange(ticketCase) {
            if let (before, after) = pair.decisions(ticketCase) {
                chunk.changed.append((ticketCase.ticket.number, before, after))
            } else {
                chunk.unchanged += 1
            }
        }
        return chunk
    }

    private func inRange(_ ticketCase: TicketCase) -> Bool {
        guard range.since != nil || range.until != nil else { return true }
        guard let day = Timestamp(ticketCase.ticket.receivedAt)?.localDate(in: settings.timeZone) else { return false }
        return (range.since.map { day >= $0 } ?? true) && (range.until.map { day <= $0 } ?? true)
    }
}
