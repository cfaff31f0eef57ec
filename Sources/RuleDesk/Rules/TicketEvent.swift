/// What can happen to a ticket after it is registered, in the host's words: what `ruledesk record` records, and
/// the events a rule's `deadlines` say meet each deadline.
public enum TicketEvent: String, CaseIterable, Sendable {
    case survey, feedback, consent, complete, callback, close, reopen

    /// The events that can meet a deadline: every event but `reopen`.
    public static var meetingDeadlines: [TicketEvent] { allCases.filter { $0 != .reopen } }

    /// `survey, feedback, consent, complete, callback or close`: the events that can meet a deadline.
    static var list: String { sentence(meetingDeadlines) }

    /// `a, b or c`.
    static func sentence(_ events: [TicketEvent]) -> String {
        let names = events.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
