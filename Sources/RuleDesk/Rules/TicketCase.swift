import Foundation
import GRDB
import LuaRuntime

/// Everything the rules see of one case: the ticket, its community and its household.
public struct TicketCase: Sendable {
    public var ticket: Ticket
    public var community: Community
    public var household: Household?

    public init(ticket: Ticket, community: Community, household: Household?) {
        self.ticket = ticket
        self.community = community
        self.household = household
    }

    /// The stored ticket with this number, with its community and household.
    public static func load(number: String, from db: Database) throws -> TicketCase? {
        guard let ticket = try Ticket.filter(Column("number") == number).fetchOne(db) else { return nil }
        return try load(ticket, from: db)
    }

    /// The case of a stored ticket.
    public static func load(_ ticket: Ticket, from db: Database) throws -> TicketCase {
        let community = try Community.fetchOne(db, key: ticket.communityId)!
        let household = try ticket.householdId.flatMap { try Household.fetchOne(db, key: $0) }
        return TicketCase(ticket: ticket, community: community, household: household)
    }

    /// The cases of stored tickets, in the order of `ids`.
    public static func loadMany(ids: [Int64], from db: Database) throws -> [TicketCase] {
        var tickets: [Ticket] = [], households: [Household] = []
        tickets.reserveCapacity(ids.count)
        try ColumnReader.each(try db.cachedStatement(sql: Self.rows(Ticket.readColumns, of: "tickets")),
                              binding: Self.list(ids)) { tickets.append(try Ticket(columns: $0)) }
        let communities = try Community.fetchAll(db, sql: Self.rows("*", of: "communities"),
                                                 arguments: [Self.list(Set(tickets.map(\.communityId)))])
        try ColumnReader.each(try db.cachedStatement(sql: Self.rows(Household.readColumns, of: "households")),
                              binding: Self.list(Set(tickets.compactMap(\.householdId)))) {
            households.append(try Household(columns: $0))
        }
        let communityById = Dictionary(uniqueKeysWithValues: communities.map { ($0.id!, $0) })
        let householdById = Dictionary(uniqueKeysWithValues: households.map { ($0.id!, $0) })
        let byId = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id!, $0) })
        return ids.compactMap { id in
            byId[id].map { TicketCase(ticket: $0, community: communityById[$0.communityId]!,
                                      household: $0.householdId.flatMap { householdById[$0] }) }
        }
    }

    /// The `columns` of the rows of `table` whose ids are in the JSON list bound to it: one short statement for a
    /// chunk of any size, where a query with one parameter per id costs more to build and compile than to run.
    private static func rows(_ columns: String, of table: String) -> String {
        "SELECT \(columns) FROM \(table) WHERE id IN (SELECT value FROM json_each(?))"
    }

    /// `ids` as a JSON list.
    private static func list(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The ticket as the rules see it (see docs/rules.md). Owners' names and phones are left out.
    func ticketValue(in zone: TimeZone) throws -> LuaValue {
        guard let received = Timestamp(ticket.receivedAt) else {
            throw RuleFailure(rule: "-", path: "-", kind: .script,
                              message: "ticket \(ticket.number): received_at '\(ticket.receivedAt)' is not an ISO 8601 time with an offset")
        }
        var fields: [String: LuaValue] = [
            "number": .string(ticket.number),
            "received_at": .string(ticket.receivedAt),
            "registered_on": .string(received.localDate(in: zone).description),
            "channel": .string(ticket.channel),
            "community": .string(community.code),
            "cause": .string(ticket.cause),
            "kind": .string(ticket.kind),
            "trades": .array(ticket.tradeList.map(LuaValue.string)),
            "complex": .boolean(ticket.complex),
            "households_affected": .integer(Int64(ticket.householdsAffected)),
            "hazard": .boolean(ticket.hazard),
            "media": .boolean(ticket.media),
            "description": .string(ticket.description),
            "status": .string(ticket.status),
        ]
        if let household { fields["household"] = .string(household.code) }
        if let component = ticket.component { fields["component"] = .string(component) }
        if let cost = ticket.estimatedCost { fields["estimated_cost"] = Self.amount(cost) }
        if let survey = ticket.surveyDate { fields["survey_date"] = .string(survey.description) }
        if let completed = ticket.completedAt {
            fields["completed_at"] = .string(completed)
            if let day = Ticket.completionDate(completed, in: zone) { fields["completed_on"] = .string(day.description) }
        }
        if let cost = ticket.finalCost { fields["final_cost"] = Self.amount(cost) }
        for (name, date) in [("feedback_on", ticket.feedbackOn), ("consent_until", ticket.consentUntil),
                             ("callback_on", ticket.callbackOn), ("closed_on", ticket.closedOn)] {
            if let date { fields[name] = .string(date.description) }
        }
        if let rating = ticket.callbackRating { fields["callback_rating"] = .string(rating) }
        return .table(fields)
    }

    func communityValue() -> LuaValue { Self.communityValue(community) }

    /// A community as scripts see it.
    static func communityValue(_ community: Community) -> LuaValue {
        var fields: [String: LuaValue] = [
            "code": .string(community.code),
            "name": .string(community.name),
            "completion_date": .string(community.completionDate.description),
            "households_total": .integer(Int64(community.householdsTotal)),
            "office": .string(community.office),
        ]
        if let handover = community.handoverDate { fields["handover_date"] = .string(handover.description) }
        return .table(fields)
    }

    func householdValue() -> LuaValue {
        guard let household else { return .nil }
        var fields: [String: LuaValue] = [
            "code": .string(household.code), "building": .string(household.building),
            "unit": .string(household.unit), "room": .string(household.room),
        ]
        if let moved = household.movedInOn { fields["moved_in_on"] = .string(moved.description) }
        return .table(fields)
    }

    /// Whole amounts as integers (so `800` prints as 800 in scripts), others as floats.
    static func amount(_ value: Double) -> LuaValue {
        value.rounded() == value && abs(value) < 1e15 ? .integer(Int64(value)) : .number(value)
    }
}
