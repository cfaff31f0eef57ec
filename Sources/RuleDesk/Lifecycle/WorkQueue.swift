import GRDB

/// The work queue (`ruledesk due`): every unmet deadline of open tickets, most urgent first, as it stood at the end
/// of a day (today, or a day past: what was met or closed later was still waiting then).
///
/// ```swift
/// var filter = WorkQueue.Filter()
/// filter.overdueOnly = true
/// let queue = try store.read { try WorkQueue(on: LocalDate("2026-05-11")!, filter: filter, calendar: calendar,
///                                            responsible: engine.declared.responsibleColumn, in: $0) }
/// ```
public struct WorkQueue: Sendable {
    /// Which deadlines to list.
    public struct Filter: Sendable {
        /// Only deadlines whose due date has passed.
        public var overdueOnly = false
        /// Only deadlines due within this many working days (overdue ones included).
        public var withinWorkdays: Int?
        /// Only tickets of this responsible department (its key): the output the rules declare `responsible`.
        public var department: String?
        /// Only tickets of this community (its code).
        public var community: String?

        public init() {}
    }

    /// One unmet deadline.
    public struct Item: Sendable, Equatable {
        public let ticket: String
        public let deadline: String
        public let due: LocalDate
        /// Working days from the queue's day to the due date; negative when overdue.
        public let workdaysLeft: Int
        public let overdue: Bool
        public let extended: Bool
        public let department: String?
        public let community: String
        public let household: String?
        public let description: String
    }

    /// The day the queue is for.
    public let on: LocalDate
    public let items: [Item]

    /// The queue on `day`; `responsible` is the ticket column the rules' `responsible` output is copied into
    /// (``DeclaredResults/responsibleColumn``), nil when no rules are in force or they declare none.
    public init(on day: LocalDate, filter: Filter, calendar: WorkCalendar, responsible: String?, in db: Database) throws {
        // Registered, open and unmet at the end of `day`: what was met or closed later was still waiting then.
        var conditions = ["t.registered_on <= ?", "(c.closed_on IS NULL OR c.closed_on > ?)", "(c.met_on IS NULL OR c.met_on > ?)"]
        var arguments: [any DatabaseValueConvertible] = [day, day, day]
        let who = responsible.map { "t." + $0.quotedDatabaseIdentifier } ?? "NULL"
        if filter.overdueOnly {
            conditions.append("c.due < ?")
            arguments.append(day)
        }
        if let department = filter.department {
            guard responsible != nil else { throw LifecycleError.noResponsible }
            conditions.append("\(who) = ?")
            arguments.append(department)
        }
        if let community = filter.community {
            conditions.append("co.code = ?")
            arguments.append(community)
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.number, c.deadline, c.due, c.extended, \(who) AS responsible, co.code AS community,
                   h.code AS household, t.description
            FROM deadline_clocks c JOIN tickets t ON t.id = c.ticket_id JOIN communities co ON co.id = t.community_id
            LEFT JOIN households h ON h.id = t.household_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY c.due, t.number, c.deadline
            """, arguments: StatementArguments(arguments))
        var items: [Item] = []
        while let row = try rows.next() {
            let due: LocalDate = row["due"]
            let left = try calendar.workdays(from: day, to: due)
            if let within = filter.withinWorkdays, left > within { break }   // by due date: the rest are later still
            items.append(Item(ticket: row["number"], deadline: row["deadline"], due: due, workdaysLeft: left,
                              overdue: due < day, extended: row["extended"], department: row["responsible"],
                              community: row["community"], household: row["household"], description: row["description"]))
        }
        on = day
        self.items = items
    }
}
