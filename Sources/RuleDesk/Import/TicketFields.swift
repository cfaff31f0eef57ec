import GRDB

/// The fields of a ticket as written in a CSV row (or a test), checked and resolved against the store.
struct TicketFields {
    let row: RowReader
    let settings: Settings

    func ticket(in db: Database) throws -> Ticket {
        let receivedText = try row.text("received_at")
        guard let received = Timestamp(receivedText) else {
            throw row.fail("received_at", "'\(receivedText)' is not an ISO 8601 time with an offset; write e.g. 2026-03-02T10:15:00+08:00")
        }
        let communityCode = try row.text("community")
        guard let community = try Community.filter(Column("code") == communityCode).fetchOne(db) else {
            throw row.fail("community", "unknown community '\(communityCode)'; import communities first")
        }
        var householdId: Int64?
        if let code = row.optionalText("household") {
            guard let household = try Household.filter(Column("code") == code).fetchOne(db) else {
                throw row.fail("household", "unknown household '\(code)'; import households first")
            }
            guard household.communityId == community.id else {
                throw row.fail("household", "household '\(code)' is not in community '\(communityCode)'")
            }
            householdId = household.id
        }
        let number = try row.optionalText("number")
            ?? TicketNumber.next(year: received.localDate(in: settings.timeZone).year, in: db)
        guard try Ticket.filter(Column("number") == number).fetchCount(db) == 0 else {
            throw row.fail("number", "ticket '\(number)' exists already; leave number empty to get the next one")
        }
        let trades = row.raw("trades").split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let surveyDate = try row.optionalDate("survey_date")
        if let completed = row.optionalText("completed_at"), LocalDate(completed) == nil, Timestamp(completed) == nil {
            throw row.fail("completed_at", "'\(completed)' is neither a date (YYYY-MM-DD) nor an ISO 8601 time with an offset")
        }
        if let survey = surveyDate, survey < received.localDate(in: settings.timeZone) {
            throw row.fail("survey_date", "\(survey) is before the ticket was registered; check the date")
        }
        return Ticket(
            id: nil, number: number, receivedAt: receivedText, channel: row.optionalText("channel") ?? "cs",
            communityId: community.id!, householdId: householdId,
            cause: try row.text("cause"), kind: try row.text("kind"), component: row.optionalText("component"),
            trades: trades.joined(separator: "|"), complex: try row.boolean("complex"),
            estimatedCost: try row.optionalAmount("estimated_cost"),
            householdsAffected: try row.integer("households_affected", default: 1, minimum: 1),
            hazard: try row.boolean("hazard"), media: try row.boolean("media"),
            surveyDate: surveyDate, completedAt: row.optionalText("completed_at"),
            description: row.raw("description"),
            completedOn: row.optionalText("completed_at").flatMap { Ticket.completionDate($0, in: settings.timeZone) },
            registeredOn: received.localDate(in: settings.timeZone))
    }
}

/// Running numbers `KF-YYYY-NNNNNN` (统一编号) for tickets registered without one: one more than the
/// highest number of the year, compared as numbers (`KF-2026-1000000` follows `KF-2026-999999`); numbers
/// written by hand that are not digits (`KF-2026-X1`) are not part of the sequence.
enum TicketNumber {
    static func next(year: Int, in db: Database) throws -> String {
        let prefix = "KF-\(year)-"
        let used = try Int.fetchOne(db, sql: """
            SELECT max(CAST(substr(number, :start) AS INTEGER)) FROM tickets
            WHERE substr(number, 1, :length) = :prefix AND substr(number, :start) <> ''
              AND length(number) <= :length + 18 AND substr(number, :start) NOT GLOB '*[^0-9]*'
            """, arguments: ["prefix": prefix, "length": prefix.count, "start": prefix.count + 1]) ?? 0
        let digits = String(used + 1)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
