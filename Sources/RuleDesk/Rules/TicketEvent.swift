/// What can happen to a ticket after it is registered, in the host's words: the events a rule's `deadlines`
/// say meet each deadline.
public enum TicketEvent: String, CaseIterable, Sendable {
    case survey, feedback, consent, complete, callback, close

    /// `survey, feedback, consent, complete, callback or close`.
    static var list: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
