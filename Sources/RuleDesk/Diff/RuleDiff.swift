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
    public var chunkSize = 2000

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
            EnginePair(current: try RuleEngine(ruleSet: current, store: store, settings: settings, calendar: calendar),
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
        for start in stride(from: 0, to: ids.count, by: chunkSize) {
            let chunk = Array(ids[start..<min(start + chunkSize, ids.count)])
            let cases = try store.read { try TicketCase.loadMany(ids: chunk, from: $0) }.filter(inRange)
            let outcomes = ParallelMap.run(cases, workers: workers) { pair, ticketCase in
                (ticketCase.ticket.number, pair.decisions(ticketCase))
            }
            for (number, decisions) in outcomes {
                if let (before, after) = decisions { report.add(number, before: before, after: after) } else { report.addUnchanged() }
            }
        }
        return report
    }

    private func inRange(_ ticketCase: TicketCase) -> Bool {
        guard range.since != nil || range.until != nil else { return true }
        guard let day = Timestamp(ticketCase.ticket.receivedAt)?.localDate(in: settings.timeZone) else { return false }
        return (range.since.map { day >= $0 } ?? true) && (range.until.map { day <= $0 } ?? true)
    }
}

/// The two engines one worker thread uses.
final class EnginePair: @unchecked Sendable {
    let current: RuleEngine
    let proposed: RuleEngine
    init(current: RuleEngine, proposed: RuleEngine) {
        self.current = current
        self.proposed = proposed
    }

    /// The ticket's decision under each rule set, or nil when both decide it with the same results: found from the
    /// results' JSON (the batch's, written in C), so that the usual ticket, which a change leaves as it was, is never
    /// converted into Swift values; a ticket whose results differ, or that fails, is decided again into ``Decision``s.
    func decisions(_ ticketCase: TicketCase) -> (before: Result<Decision, any Error>, after: Result<Decision, any Error>)? {
        if let before = try? current.record(ticketCase, keys: []), let after = try? proposed.record(ticketCase, keys: []),
           before.resultsJSON == after.resultsJSON {
            return nil
        }
        return (Result { try current.evaluate(ticketCase) }, Result { try proposed.evaluate(ticketCase) })
    }
}
