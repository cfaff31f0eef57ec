import GRDB

/// Where a community stands with its revisits (`ruledesk revisit status`).
///
/// A finding is a visit rated dissatisfied or severely dissatisfied, or a phone callback after a repair rated
/// severely dissatisfied; it is handled once the household has been visited again after it (3.7.5.7: the goal is
/// 100%). A follow-up is open while a severely dissatisfied owner has not been visited again.
public struct RevisitStatus: Sendable, Equatable {
    public let community: String
    public let occupied: Int
    public let householdsTotal: Int
    public let lastFirst: LocalDate?
    public let lastAnnual: LocalDate?
    /// Distinct households with at least one recorded visit.
    public let householdsVisited: Int
    /// Codes of severely dissatisfied owners not visited again yet.
    public let openFollowUps: [String]
    public let findings: Int
    public let findingsHandled: Int

    public var occupancy: Double { householdsTotal == 0 ? 0 : Double(occupied) / Double(householdsTotal) }

    /// Handled findings ÷ findings; 1 when there are none.
    public var handlingRate: Double { findings == 0 ? 1 : Double(findingsHandled) / Double(findings) }

    /// The status on `date` of every community in code order, or of the one with `code` (an error when there is
    /// none).
    public static func all(on date: LocalDate, community code: String? = nil, in db: Database) throws -> [RevisitStatus] {
        let communities = try code.map { [try Community.coded($0, in: db)] } ?? Community.order(Column("code")).fetchAll(db)
        return try communities.map { try RevisitStatus(community: $0, on: date, in: db) }
    }

    /// The status of `community` on `date`.
    public init(community: Community, on date: LocalDate, in db: Database) throws {
        self.community = community.code
        householdsTotal = community.householdsTotal
        occupied = try Household.occupied(in: community, on: date, db).count
        let history = try RevisitHistory(community: community, upTo: date, in: db)
        lastFirst = history.plans.last { $0.kind == "first" }?.on
        lastAnnual = history.plans.last { $0.kind == "annual" }?.on
        householdsVisited = Set(history.visits.map(\.household)).count
        func visitedAgain(_ visit: RevisitHistory.Visit) -> Bool {
            history.visits.contains { $0.household == visit.household && $0.visitedOn > visit.visitedOn }
        }
        let findingVisits = history.findings
        findings = findingVisits.count
        findingsHandled = findingVisits.filter(visitedAgain).count
        openFollowUps = Array(Set(findingVisits.filter { $0.rating == .severelyDissatisfied && !visitedAgain($0) }
            .map(\.household))).sorted()
    }
}
