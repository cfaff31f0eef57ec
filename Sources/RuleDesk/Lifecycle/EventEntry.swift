/// One thing that happened to a ticket, as a clerk records it (`ruledesk record`, `ruledesk import events`).
///
/// ```swift
/// var entry = EventEntry(event: .survey, by: "王芳")
/// entry.on = LocalDate("2026-05-06")
/// ```
public struct EventEntry: Sendable, Equatable {
    public var event: TicketEvent
    /// The local date it happened on; nil: the date of `at`, else today.
    public var on: LocalDate?
    /// A completion's moment, an ISO 8601 time (with an offset, or in the company's time zone without one).
    public var at: String?
    /// A consent's later date.
    public var until: LocalDate?
    /// A completion's final cost in yuan.
    public var cost: Double?
    /// A callback's rating.
    public var rating: RevisitResult.Rating?
    /// Who recorded it.
    public var by: String
    public var note: String = ""

    public init(event: TicketEvent, by: String) {
        self.event = event
        self.by = by
    }

    /// The options each event takes besides the date, `--by` and `--note`; others are refused.
    var allowedDetails: Set<String> {
        switch event {
        case .consent: return ["until"]
        case .complete: return ["at", "cost"]
        case .callback: return ["rating"]
        default: return []
        }
    }

    /// The details given, by option name.
    var givenDetails: Set<String> {
        var given = Set<String>()
        if at != nil { given.insert("at") }
        if until != nil { given.insert("until") }
        if cost != nil { given.insert("cost") }
        if rating != nil { given.insert("rating") }
        return given
    }
}
