import GRDB

/// One deadline of a ticket as a clock: its due date (from the latest decision), the event that meets it, and the
/// day that event was recorded, if it was.
public struct DeadlineClock: Sendable, Equatable {
    /// Where a deadline stands on a day.
    public enum State: String, Sendable, CaseIterable {
        /// Not met, and the due date has not passed.
        case pending
        /// Not met, and the due date has passed.
        case overdue
        /// Met on or before the due date.
        case met
        /// Met after the due date.
        case late
    }

    /// The deadline's name: the rule output that holds it (`repair_due`).
    public let deadline: String
    public let due: LocalDate
    /// The event that meets it.
    public let event: TicketEvent
    /// When that event happened.
    public let metOn: LocalDate?
    /// A recorded consent moved it.
    public let extended: Bool

    /// Where the deadline stood at the end of `day`: an event recorded after that day had not happened yet.
    public func state(on day: LocalDate) -> State {
        if let metOn = met(by: day) { return metOn <= due ? .met : .late }
        return due < day ? .overdue : .pending
    }

    /// The day it was met, if that was on or before `day`.
    public func met(by day: LocalDate) -> LocalDate? {
        metOn.flatMap { $0 <= day ? $0 : nil }
    }

    /// Reads a row of `deadline_clocks`.
    init(row: Row) {
        deadline = row["deadline"]
        due = row["due"]
        event = TicketEvent(rawValue: row["event"]) ?? .close
        metOn = row["met_on"]
        extended = row["extended"]
    }
}

/// Every deadline of one ticket, by due date, and whether the ticket is closed.
public struct TicketClocks: Sendable {
    public let number: String
    public let clocks: [DeadlineClock]
    /// When the ticket was closed, nil while open: a closed ticket's clocks are read as of that day.
    public let closedOn: LocalDate?

    init(ticketId: Int64, in db: Database) throws {
        let ticket = try Row.fetchOne(db, sql: "SELECT number, closed_on FROM tickets WHERE id = ?", arguments: [ticketId])
        number = ticket?["number"] ?? ""
        closedOn = ticket?["closed_on"]
        clocks = try Row.fetchAll(db, sql: """
            SELECT deadline, due, event, met_on, extended FROM deadline_clocks WHERE ticket_id = ? ORDER BY due, deadline
            """, arguments: [ticketId]).map(DeadlineClock.init(row:))
    }

    /// The clocks of the ticket `number`; an error naming the nearest numbers when there is none.
    public init(number: String, in db: Database) throws {
        let number = TicketSearch.normalisedNumber(number)
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tickets WHERE number = ?", arguments: [number]) else {
            throw LifecycleError.unknownTicket(number, try TicketSearch.closest(to: number, in: db))
        }
        try self.init(ticketId: id, in: db)
    }

    /// The day a clock is read on when the question is about `day`: the closing day of a ticket closed by then.
    public func asOf(_ day: LocalDate) -> LocalDate {
        closedOn.map { min($0, day) } ?? day
    }

    /// Whether the ticket was closed at the end of `day`.
    public func isClosed(on day: LocalDate) -> Bool { closedOn.map { $0 <= day } ?? false }

    /// The earliest deadline not met by `day`.
    public func next(on day: LocalDate) -> DeadlineClock? { clocks.first { $0.met(by: day) == nil } }
}
