import GRDB

/// Finding an owner on a call (`ruledesk find`): by phone (`+86 138-0000-0010`, full-width digits, or its last
/// four digits or more), owner name, household code, room (`3-2-801`: building, unit, room), or ticket number —
/// the households found, each with its tickets, open ones first, and their next deadline.
///
/// ```swift
/// let found = try store.read { try OwnerSearch(text: "138 0000 0010", on: settings.today, in: $0) }
/// ```
public struct OwnerSearch: Sendable {
    /// One ticket of a household found.
    public struct TicketLine: Sendable, Equatable {
        public let number: String
        public let receivedAt: String
        public let kind: String
        public let closedOn: LocalDate?
        /// The earliest unmet deadline of an open ticket.
        public let next: DeadlineClock?
        public let description: String
    }

    /// One household found (nil fields for a ticket found by number that names no household).
    public struct Match: Sendable {
        public let household: String?
        public let community: String
        public let building: String?
        public let unit: String?
        public let room: String?
        /// Personal data: shown to the clerk, never logged.
        public let owner: String?
        public let phone: String?
        /// How it was found: `phone`, `phone ending`, `owner`, `household`, `room` or `ticket`.
        public let foundBy: String
        public let tickets: [TicketLine]
    }

    public let text: String
    /// The day the next deadlines are read on.
    public let on: LocalDate
    public let matches: [Match]

    /// The most households one search lists.
    public static let limit = 50

    public init(text: String, on day: LocalDate, in db: Database) throws {
        let typed = HalfWidth.folded(text).trimmingCharacters(in: .whitespaces)
        self.text = typed
        on = day
        var matches: [Match] = []
        var seen = Set<Int64>()
        func add(_ sql: String, _ arguments: StatementArguments, by: String) throws {
            for row in try Row.fetchAll(db, sql: """
                SELECT h.id, h.code, c.code AS community, h.building, h.unit, h.room, h.owner, h.phone
                FROM households h JOIN communities c ON c.id = h.community_id WHERE \(sql) ORDER BY h.code LIMIT \(Self.limit)
                """, arguments: arguments) where matches.count < Self.limit {
                let id: Int64 = row["id"]
                guard seen.insert(id).inserted else { continue }
                matches.append(Match(household: row["code"], community: row["community"], building: row["building"],
                                     unit: row["unit"], room: row["room"], owner: row["owner"], phone: row["phone"],
                                     foundBy: by, tickets: try Self.tickets("t.household_id = ?", [id], on: day, in: db)))
            }
        }
        guard !typed.isEmpty else {
            self.matches = []
            return
        }
        let number = TicketSearch.normalisedNumber(typed)
        if let ticket = try Row.fetchOne(db, sql: "SELECT household_id, community_id FROM tickets WHERE number = ?", arguments: [number]) {
            if let household: Int64 = ticket["household_id"] {
                try add("h.id = ?", [household], by: "ticket")
            } else {
                let community = try String.fetchOne(db, sql: "SELECT code FROM communities WHERE id = ?", arguments: [ticket["community_id"]])
                matches.append(Match(household: nil, community: community ?? "", building: nil, unit: nil, room: nil, owner: nil,
                                     phone: nil, foundBy: "ticket",
                                     tickets: try Self.tickets("t.number = ?", [number], on: day, in: db)))
            }
        }
        if let phone = PhoneNumber.normalised(typed) {
            try add("h.phone = ?", [phone], by: "phone")
        } else {
            let digits = typed.filter { !" -()".contains($0) }
            if digits.count >= 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
                try add("h.phone LIKE ?", ["%" + digits], by: "phone ending")
            }
        }
        try add("upper(h.code) = upper(?)", [typed], by: "household")
        let parts = typed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) {
            try add("h.building = ? AND h.unit = ? AND h.room = ?", [parts[0], parts[1], parts[2]], by: "room")
        }
        if typed.count >= 2 || typed.unicodeScalars.contains(where: { $0.value > 0x2E80 }) {
            try add("h.owner = ?", [typed], by: "owner")
            try add("h.owner LIKE ? ESCAPE '\\'", ["%" + Self.escapedForLike(typed) + "%"], by: "owner")
        }
        self.matches = matches
    }

    static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// Tickets matching `condition`, open ones first, newest first, each with its next deadline.
    static func tickets(_ condition: String, _ arguments: StatementArguments, on day: LocalDate,
                        in db: Database) throws -> [TicketLine] {
        try Row.fetchAll(db, sql: """
            SELECT t.id, t.number, t.received_at, t.kind, t.closed_on, t.description FROM tickets t WHERE \(condition)
            ORDER BY t.closed_on IS NOT NULL, t.received_at DESC, t.number
            """, arguments: arguments).map { row in
            let closed: LocalDate? = row["closed_on"]
            let next = closed == nil ? try TicketClocks(ticketId: row["id"], in: db).next(on: day) : nil
            return TicketLine(number: row["number"], receivedAt: row["received_at"], kind: row["kind"], closedOn: closed,
                              next: next, description: row["description"])
        }
    }
}
