import GRDB

extension Ticket {
    /// Every stored property's column, in order: what an import writes. A test checks that the list covers every
    /// property of `Ticket` and writes the same row as GRDB's `insert`.
    static let importedColumns = [
        "id", "number", "received_at", "channel", "community_id", "household_id", "cause", "kind", "component", "trades",
        "complex", "estimated_cost", "households_affected", "hazard", "media", "survey_date", "completed_at", "description",
        "status", "completed_on", "feedback_on", "consent_until", "final_cost", "callback_on", "callback_rating", "closed_on",
        "registered_on",
    ]

    private static let insertSQL = "INSERT INTO tickets (\(importedColumns.joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: importedColumns.count).joined(separator: ", ") + ")"

    private var importedValues: [(any DatabaseValueConvertible)?] {
        [id, number, receivedAt, channel, communityId, householdId, cause, kind, component, trades,
         complex, estimatedCost, householdsAffected, hazard, media, surveyDate, completedAt, description,
         status, completedOn, feedbackOn, consentUntil, finalCost, callbackOn, callbackRating, closedOn, registeredOn]
    }

    /// Inserts the ticket with one prepared statement, reused by every row of an import (GRDB's `insert` encodes
    /// each record through `Codable`, which took a third of a 100,000-row import).
    mutating func insertImported(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        try statement.execute(arguments: StatementArguments(importedValues))
        id = db.lastInsertedRowID
    }

    /// Whether a ticket numbered `number` is stored.
    static func exists(number: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM tickets WHERE number = ?"), arguments: [number]) ?? false
    }
}
