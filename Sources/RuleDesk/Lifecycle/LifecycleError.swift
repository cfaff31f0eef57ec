/// Why an event cannot be recorded. Nothing is written when one is thrown.
public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    /// The number, and the nearest numbers there are.
    case unknownTicket(String, [String])
    /// The ticket, and what is wrong with the event.
    case refused(String, String)
    /// The work queue was asked for one department, but no rules in force say who is responsible.
    case noResponsible

    public var description: String {
        switch self {
        case .unknownTicket(let number, let near):
            let hint = near.isEmpty ? "; check the number (ruledesk find can look it up by the owner's phone)"
                : "; did you mean \(near.joined(separator: ", "))?"
            return "no ticket \(number)\(hint)"
        case .refused(let number, let why):
            return "\(number): \(why); nothing was recorded"
        case .noResponsible:
            return "no rule in force declares `responsible` (the output naming who must act), so the queue cannot be filtered by department; publish rules that declare it"
        }
    }
}
