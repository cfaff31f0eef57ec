import LuaRuntime

/// `ruledesk sla` and what `ruledesk record` prints: one ticket's deadlines, for people and for programs.
extension TicketClocks {
    /// Working days left of a clock not met by `day` (negative when overdue), nil for a met one.
    func workdaysLeft(_ clock: DeadlineClock, on day: LocalDate, calendar: WorkCalendar) throws -> Int? {
        clock.met(by: asOf(day)) == nil ? try calendar.workdays(from: asOf(day), to: clock.due) : nil
    }

    /// `pending (extended), 3 working days left`, `overdue by 2 working days`, `met`, `late by 1 working day`.
    func stateText(_ clock: DeadlineClock, on day: LocalDate, calendar: WorkCalendar, wording: LifecycleWording) throws -> String {
        let state = clock.state(on: asOf(day))
        let extended = clock.extended ? wording.say(.extended) : ""
        if let left = try workdaysLeft(clock, on: day, calendar: calendar) {
            guard left >= 0 else { return wording.say(.overdueBy(-left)) + extended }
            return wording.say(.state(state)) + extended + (wording.language == .zh ? "," : ", ") + wording.say(.workdaysLeft(left))
        }
        if state == .late, let metOn = clock.met(by: asOf(day)) {
            return wording.say(.lateBy(try calendar.workdays(from: clock.due, to: metOn))) + extended
        }
        return wording.say(.state(state)) + extended
    }

    /// The table of deadlines with a headline naming the ticket, the day and whether it is open.
    public func text(on day: LocalDate, calendar: WorkCalendar, wording: LifecycleWording) throws -> String {
        let headline = wording.say(.deadlinesOf(number, on: wording.date(day),
                                                closedOn: closedOn.flatMap { isClosed(on: day) ? wording.date($0) : nil }))
        guard !clocks.isEmpty else { return headline + "\n" + wording.say(.noDeadlines) }
        let rows = try clocks.map { clock in
            [wording.deadline(clock.deadline), wording.date(clock.due), wording.say(.event(clock.event)),
             clock.met(by: asOf(day)).map(wording.date) ?? "—", try stateText(clock, on: day, calendar: calendar, wording: wording)]
        }
        let columns: [LifecycleMessage.Column] = [.deadline, .due, .metBy, .metOn, .state]
        return headline + "\n" + AlignedTable.render(header: columns.map { wording.say(.column($0)) }, rows: rows)
    }

    /// `{"ticket", "on", "closed_on", "deadlines": [{"deadline", "due", "event", "met_on", "state", "extended",
    /// "workdays_left"}]}`.
    public func json(on day: LocalDate, calendar: WorkCalendar) throws -> String {
        JSONText.object([
            ("ticket", JSONText.quote(number)), ("on", JSONText.quote(day.description)),
            ("closed_on", closedOn.flatMap { isClosed(on: day) ? JSONText.quote($0.description) : nil } ?? "null"),
            ("deadlines", "[" + (try clocks.map { try clockJSON($0, on: day, calendar: calendar) }).joined(separator: ", ") + "]"),
        ])
    }

    func clockJSON(_ clock: DeadlineClock, on day: LocalDate, calendar: WorkCalendar) throws -> String {
        JSONText.object([
            ("deadline", JSONText.quote(clock.deadline)), ("due", JSONText.quote(clock.due.description)),
            ("event", JSONText.quote(clock.event.rawValue)),
            ("met_on", clock.met(by: asOf(day)).map { JSONText.quote($0.description) } ?? "null"),
            ("state", JSONText.quote(clock.state(on: asOf(day)).rawValue)), ("extended", String(clock.extended)),
            ("workdays_left", try workdaysLeft(clock, on: day, calendar: calendar).map(String.init) ?? "null"),
        ])
    }
}
