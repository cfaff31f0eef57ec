/// Why an event cannot be recorded. Nothing is written when one is thrown.
public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    /// The number, and the nearest numbers there are.
    case unknownTicket(String, [String])
    /// The ticket, and what is wrong with the event.
    case refused(String, EventRefusal)
    /// The work queue was asked for one department, but no rules in force say who is responsible.
    case noResponsible

    public var description: String { text(in: .en) }

    /// The error for a clerk who reads `language`.
    public func text(in language: Language) -> String {
        if language == .zh {
            switch self {
            case .unknownTicket(let number, let near):
                return "没有工单 \(number)" + (near.isEmpty ? ";请核对工单号(可用 ruledesk find 按业主电话查找)" : ";是否指 \(near.joined(separator: "、"))?")
            case .refused(let number, let why):
                return "\(number):\(why.text(in: .zh));未作任何登记"
            case .noResponsible:
                return "现行规则没有声明 `responsible`(负责处理的部门),无法按部门筛选待办;请发布声明了它的规则"
            }
        }
        switch self {
        case .unknownTicket(let number, let near):
            let hint = near.isEmpty ? "; check the number (ruledesk find can look it up by the owner's phone)"
                : "; did you mean \(near.joined(separator: ", "))?"
            return "no ticket \(number)\(hint)"
        case .refused(let number, let why):
            return "\(number): \(why.text(in: .en)); nothing was recorded"
        case .noResponsible:
            return "no rule in force declares `responsible` (the output naming who must act), so the queue cannot be filtered by department; publish rules that declare it"
        }
    }
}
