/// What `record`, `sla`, `due` and `find` (and their console helpers) say to a clerk.
public enum LifecycleMessage: ClerkMessage {
    /// A column of the queue's, a ticket's deadlines' or a search's table.
    public enum Column: String, Sendable, CaseIterable {
        case ticket, deadline, due, left, department, community, household, description, metBy, metOn, state
    }

    case column(Column)
    /// An event's name.
    case event(TicketEvent)
    /// A deadline's state (the JSON keeps the English key).
    case state(DeadlineClock.State)
    /// `(extended)` after a state.
    case extended
    /// Working days left before a due date.
    case workdaysLeft(Int)
    /// Working days past an unmet due date.
    case overdueBy(Int)
    /// Working days a deadline was met after its due date.
    case lateBy(Int)
    /// `record` did it: the event, its day, the ticket.
    case recorded(TicketEvent, on: String, ticket: String)
    /// The rules in force failed on the ticket after the event.
    case rulesFailedAfterEvent(String)
    /// The headline of `sla`: the ticket, the day, and whether it is open.
    case deadlinesOf(String, on: String, closedOn: String?)
    /// A ticket without deadline rows.
    case noDeadlines
    /// The headline of `due`: the day, the deadlines listed, how many are overdue.
    case queue(on: String, count: Int, overdue: Int)
    /// The headline of `find`: how many households, the text searched, whether the list was cut.
    case found(Int, String, cut: Bool)
    /// Nothing matched.
    case nothingFound(String)
    /// How a household was found: `phone`, `phone ending`, `owner`, `household`, `room` or `ticket`.
    case foundBy(String)
    /// A ticket of a household found: open, and its next deadline.
    case openNext(deadline: String, due: String, state: DeadlineClock.State)
    /// Open, nothing pending.
    case openNothingPending
    /// Closed on a day.
    case closed(String)
    /// A household without tickets.
    case noTickets
    /// A ticket found by number that names no household.
    case noHousehold
    /// `eval` of a number the database does not have: the number, the database, the nearest numbers.
    case noTicketIn(String, database: String, near: [String])

    public var texts: Bilingual {
        switch self {
        case .column(let column): Self.columnTexts(column)
        case .event(let event): Self.eventTexts(event)
        case .state(let state): Self.stateTexts(state)
        case .extended: Bilingual(en: " (extended)", zh: "(已延期)")
        case .workdaysLeft(let n): Bilingual(en: "\(Self.workdays(n)) left", zh: "剩 \(n) 个工作日")
        case .overdueBy(let n): Bilingual(en: "overdue by \(Self.workdays(n))", zh: "逾期 \(n) 个工作日")
        case .lateBy(let n): Bilingual(en: "late by \(Self.workdays(n))", zh: "晚 \(n) 个工作日")
        case .recorded(let event, let on, let ticket):
            Bilingual(en: "recorded \(event.rawValue) on \(on) for \(ticket)",
                      zh: "已登记 \(ticket) 的\(Self.eventTexts(event).zh)(\(on))")
        case .rulesFailedAfterEvent(let message):
            Bilingual(en: "the event is recorded, but the rules in force fail on the ticket: \(message)",
                      zh: "事项已登记,但现行规则处理该工单时出错:\(message)")
        case .deadlinesOf(let ticket, let on, let closedOn):
            Bilingual(en: "\(ticket) · deadlines on \(on) · " + (closedOn.map { "closed on \($0)" } ?? "open"),
                      zh: "工单 \(ticket) · \(on) 的各项期限 · " + (closedOn.map { "已于 \($0) 结案" } ?? "处理中"))
        case .noDeadlines:
            Bilingual(en: "  (no deadlines: the ticket has not been decided, or its rules set none)",
                      zh: "  (没有期限:工单尚未处理,或规则没有为它设定期限)")
        case .queue(let on, let count, let overdue):
            Bilingual(en: "due on \(on): \(count) open deadline\(count == 1 ? "" : "s"), \(overdue) overdue",
                      zh: "\(on) 待办:未完成的期限 \(count) 项,其中逾期 \(overdue) 项")
        case .found(let count, let text, let cut):
            Bilingual(en: "\(count) household\(count == 1 ? "" : "s") found for '\(text)'" + (cut ? " (the first \(count); narrow the search)" : ""),
                      zh: "「\(text)」找到 \(count) 户" + (cut ? "(只列出前 \(count) 户,请缩小查找范围)" : ""))
        case .nothingFound(let text):
            Bilingual(en: "nothing found for '\(text)': try a phone (or its last 4 digits), an owner's name, a household code, a room such as 3-2-801, or a ticket number",
                      zh: "「\(text)」没有找到:可输入电话(或其后 4 位)、业主姓名、户号、房号(如 3-2-801)或工单号")
        case .foundBy(let key): Self.foundByTexts(key)
        case .openNext(let deadline, let due, let state):
            Bilingual(en: "open, next \(deadline) \(due) (\(Self.stateTexts(state).en))",
                      zh: "处理中,下一期限 \(deadline) \(due)(\(Self.stateTexts(state).zh))")
        case .openNothingPending: Bilingual(en: "open, no deadline pending", zh: "处理中,没有待完成的期限")
        case .closed(let on): Bilingual(en: "closed on \(on)", zh: "已于 \(on) 结案")
        case .noTickets: Bilingual(en: "  (no tickets)", zh: "  (没有工单)")
        case .noHousehold: Bilingual(en: "(no household)", zh: "(未登记住户)")
        case .noTicketIn(let number, let database, let near):
            Bilingual(en: "no ticket \(number) in \(database)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"),
                      zh: "\(database) 中没有工单 \(number)" + (near.isEmpty ? ";请核对工单号(可用 ruledesk find 按业主电话查找)"
                          : ";是否指 \(near.joined(separator: "、"))?"))
        }
    }

    static func workdays(_ n: Int) -> String { n == 1 ? "1 working day" : "\(n) working days" }

    private static func columnTexts(_ column: Column) -> Bilingual {
        switch column {
        case .ticket: Bilingual(en: "ticket", zh: "工单号")
        case .deadline: Bilingual(en: "deadline", zh: "期限")
        case .due: Bilingual(en: "due", zh: "到期日")
        case .left: Bilingual(en: "left", zh: "剩余工作日")
        case .department: Bilingual(en: "department", zh: "责任部门")
        case .community: Bilingual(en: "community", zh: "小区")
        case .household: Bilingual(en: "household", zh: "住户")
        case .description: Bilingual(en: "description", zh: "内容")
        case .metBy: Bilingual(en: "met by", zh: "完成事项")
        case .metOn: Bilingual(en: "met on", zh: "完成日期")
        case .state: Bilingual(en: "state", zh: "状态")
        }
    }

    private static func eventTexts(_ event: TicketEvent) -> Bilingual {
        switch event {
        case .survey: Bilingual(en: "survey", zh: "现场勘察")
        case .feedback: Bilingual(en: "feedback", zh: "部门反馈")
        case .consent: Bilingual(en: "consent", zh: "客户同意延期")
        case .complete: Bilingual(en: "complete", zh: "完工")
        case .callback: Bilingual(en: "callback", zh: "电话回访")
        case .close: Bilingual(en: "close", zh: "结案")
        case .reopen: Bilingual(en: "reopen", zh: "重新打开")
        }
    }

    private static func stateTexts(_ state: DeadlineClock.State) -> Bilingual {
        switch state {
        case .pending: Bilingual(en: "pending", zh: "未到期")
        case .overdue: Bilingual(en: "overdue", zh: "已逾期")
        case .met: Bilingual(en: "met", zh: "按时完成")
        case .late: Bilingual(en: "late", zh: "逾期完成")
        }
    }

    private static func foundByTexts(_ key: String) -> Bilingual {
        switch key {
        case "phone": Bilingual(en: "[phone]", zh: "[电话]")
        case "phone ending": Bilingual(en: "[phone ending]", zh: "[电话尾号]")
        case "owner": Bilingual(en: "[owner]", zh: "[业主]")
        case "household": Bilingual(en: "[household]", zh: "[户号]")
        case "room": Bilingual(en: "[room]", zh: "[房号]")
        default: Bilingual(en: "[ticket]", zh: "[工单号]")
        }
    }

    public static let examples: [LifecycleMessage] =
        LifecycleMessage.Column.allCases.map { .column($0) } + TicketEvent.allCases.map { .event($0) }
        + DeadlineClock.State.allCases.map { .state($0) } + [
            .noTicketIn("KF-2026-00001", database: "ruledesk.db", near: ["KF-2026-000001"]),
            .noTicketIn("X", database: "ruledesk.db", near: []),
            .extended, .workdaysLeft(3), .overdueBy(1), .lateBy(2), .recorded(.survey, on: "2026-05-07", ticket: "KF-2026-000014"),
            .rulesFailedAfterEvent("rules/x.lua:1: boom"), .deadlinesOf("KF-2026-000014", on: "2026-05-11", closedOn: nil),
            .deadlinesOf("KF-2026-000014", on: "2026-05-11", closedOn: "2026-05-10"), .noDeadlines,
            .queue(on: "2026-05-11", count: 3, overdue: 1), .found(2, "0010", cut: false), .found(50, "Li", cut: true),
            .nothingFound("x"), .openNext(deadline: "visit_due", due: "2026-05-06", state: .overdue), .openNothingPending,
            .closed("2026-05-16"), .noTickets, .noHousehold,
        ] + ["phone", "phone ending", "owner", "household", "room", "ticket"].map { .foundBy($0) }
}
