import GRDB

/// The fields of a ticket as written in a CSV row (or a test), checked and resolved against the store; the fields
/// the rules' vocabulary lists are stored as its keys, and a value outside it is refused.
struct TicketFields {
    let row: RowReader
    let settings: Settings
    let lookups: ImportLookups
    let vocabulary: Vocabulary

    /// The key `value` of `field` stands for, or the refusal naming the nearest values.
    private func key(_ value: String, _ field: String) throws -> String {
        do {
            return try vocabulary.normalise(value, field: field)
        } catch {
            throw row.fail(field, .outsideVocabulary(error))
        }
    }

    func ticket(in db: Database) throws -> Ticket {
        let (received, receivedText) = try row.moment("received_at", zone: settings.timeZone)
        let communityCode = try row.text("community")
        guard let community = try lookups.community(communityCode, in: db) else {
            throw row.fail("community", .unknownCommunity(communityCode))
        }
        var householdId: Int64?
        if let code = row.optionalText("household") {
            guard let household = try lookups.household(code, in: db) else {
                throw row.fail("household", .unknownHousehold(code))
            }
            guard household.communityId == community.id else {
                throw row.fail("household", .householdNotInCommunity(code, community: communityCode))
            }
            householdId = household.id
        }
        let year = received.localDate(in: settings.timeZone).year
        let number = try row.optionalText("number") ?? lookups.nextTicketNumber(year: year, in: db)
        guard try !Ticket.exists(number: number, in: db) else {
            throw row.fail("number", .ticketExists(number))
        }
        let trades = try row.raw("trades").split(separator: "|")
            .map { String($0).trimmedSpaces }.filter { !$0.isEmpty }.map { try key($0, "trades") }
        let surveyDate = try row.optionalDate("survey_date")
        let completed = try row.dateOrMoment("completed_at", zone: settings.timeZone)
        if let survey = surveyDate, survey < received.localDate(in: settings.timeZone) {
            throw row.fail("survey_date", .surveyBeforeRegistration(survey.description))
        }
        lookups.wrote(ticketNumber: number, year: year)
        return Ticket(
            id: nil, number: number, receivedAt: receivedText, channel: try key(row.optionalText("channel") ?? "cs", "channel"),
            communityId: community.id!, householdId: householdId,
            cause: try key(try row.text("cause"), "cause"), kind: try key(try row.text("kind"), "kind"),
            component: try row.optionalText("component").map { try key($0, "component") },
            trades: trades.joined(separator: "|"), complex: try row.boolean("complex"),
            estimatedCost: try row.optionalAmount("estimated_cost"),
            householdsAffected: try row.integer("households_affected", default: 1, minimum: 1),
            hazard: try row.boolean("hazard"), media: try row.boolean("media"),
            surveyDate: surveyDate, completedAt: completed,
            description: row.raw("description"),
            completedOn: completed.flatMap { Ticket.completionDate($0, in: settings.timeZone) },
            registeredOn: received.localDate(in: settings.timeZone))
    }
}

/// Running numbers `KF-YYYY-NNNNNN` (统一编号) for tickets registered without one: one more than the
/// highest number of the year, compared as numbers (`KF-2026-1000000` follows `KF-2026-999999`); numbers
/// written by hand that are not digits (`KF-2026-X1`) are not part of the sequence.
enum TicketNumber {
    /// The highest running number of `year` in the store, 0 when there is none.
    static func highest(year: Int, in db: Database) throws -> Int {
        let prefix = "KF-\(year)-"
        return try Int.fetchOne(db, sql: """
            SELECT max(CAST(substr(number, :start) AS INTEGER)) FROM tickets
            WHERE substr(number, 1, :length) = :prefix AND substr(number, :start) <> ''
              AND length(number) <= :length + 18 AND substr(number, :start) NOT GLOB '*[^0-9]*'
            """, arguments: ["prefix": prefix, "length": prefix.count, "start": prefix.count + 1]) ?? 0
    }

    /// `KF-YYYY-` and `running`, at least six digits.
    static func format(year: Int, _ running: Int) -> String {
        let digits = String(running)
        return "KF-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The running part of `number` when it is one of `year`'s sequence (digits only, at most 18).
    static func running(_ number: String, year: Int) -> Int? {
        let prefix = "KF-\(year)-"
        guard number.hasPrefix(prefix) else { return nil }
        let digits = number.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
