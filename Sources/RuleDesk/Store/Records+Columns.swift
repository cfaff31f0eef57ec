import GRDB

/// Tickets and households read by column position (``ColumnReader``), as the batch reads a chunk's cases: the same
/// values as `init(row:)` (RecordColumnsTests compares them on a generated world).
extension Ticket {
    /// The columns ``init(columns:)`` reads, in its order.
    static let readColumns = """
        id, number, received_at, channel, community_id, household_id, cause, kind, component, trades, complex,
        estimated_cost, households_affected, hazard, media, survey_date, completed_at, description, status,
        completed_on, feedback_on, consent_until, final_cost, callback_on, callback_rating, closed_on, registered_on
        """

    init(columns c: ColumnReader) throws {
        id = c.int64(0)
        number = c.string(1)
        receivedAt = c.string(2)
        channel = c.string(3)
        communityId = c.int64(4)
        householdId = c.optionalInt64(5)
        cause = c.string(6)
        kind = c.string(7)
        component = c.optionalString(8)
        trades = c.string(9)
        complex = c.bool(10)
        estimatedCost = c.optionalDouble(11)
        householdsAffected = c.int(12)
        hazard = c.bool(13)
        media = c.bool(14)
        surveyDate = try c.optionalDate(15)
        completedAt = c.optionalString(16)
        description = c.string(17)
        status = c.string(18)
        completedOn = try c.optionalDate(19)
        feedbackOn = try c.optionalDate(20)
        consentUntil = try c.optionalDate(21)
        finalCost = c.optionalDouble(22)
        callbackOn = try c.optionalDate(23)
        callbackRating = c.optionalString(24)
        closedOn = try c.optionalDate(25)
        registeredOn = try c.optionalDate(26)
    }
}

extension Household {
    /// The columns ``init(columns:)`` reads, in its order.
    static let readColumns = "id, code, community_id, building, unit, room, owner, phone, moved_in_on"

    init(columns c: ColumnReader) throws {
        id = c.int64(0)
        code = c.string(1)
        communityId = c.int64(2)
        building = c.string(3)
        unit = c.string(4)
        room = c.string(5)
        owner = c.string(6)
        phone = c.string(7)
        movedInOn = try c.optionalDate(8)
    }
}
