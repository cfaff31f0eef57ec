import LuaRuntime

/// `ruledesk sla` and what `ruledesk record` prints: one ticket's deadlines, for people and for programs.
extension TicketClocks {
    /// Working days left of a clock not met by `day` (negative when overdue), nil for a met one.
    func workdaysLeft(_ clock: DeadlineClock, on day: LocalDate, calendar: WorkCalendar) throws -> Int? {
        clock.met(by: asOf(day)) == nil ? try calendar.workdays(from: asOf(day), to: clock.due) : nil
    }

    /// `pending (extended), 3 working days left`, `overdue by 2 working days`, `met`, `late by 1 working day`.
    func stateText(_ clock: DeadlineClock, on day: LocalDate, calendar: WorkCalendar) throws -> String {
        let state = clock.state(on: asOf(day))
        var text = state.rawValue + (clock.extended ? " (extended)" : "")
        if let left = try workdaysLeft(clock, on: day, calendar: calendar) {
            text += left >= 0 ? ", \(WorkQueue.workdays(left)) left" : " by \(WorkQueue.workdays(-left))"
        } else if state == .late, let metOn = clock.met(by: asOf(day)) {
            text += " by \(WorkQueue.workdays(try calendar.workdays(from: clock.due, to: metOn)))"
        }
        return text
    }

    /// The table of deadlines with a headline naming the ticket, the day and whether it is open.
    public func text(on day: LocalDate, calendar: WorkCalendar) throws -> String {
        let status = closedOn.flatMap { isClosed(on: day) ? "closed on \($0)" : nil } ?? "open"
        let headline = "\(number) · deadlines on \(day) · \(status)"
        guard !clocks.isEmpty else { return headline + "\n  (no deadlines: the ticket has not been decided, or its rules set none)" }
        let rows = try clocks.map { clock in
            [clock.deadline, clock.due.description, clock.event.rawValue, clock.met(by: asOf(day))?.description ?? "—",
             try stateText(clock, on: day, calendar: calendar)]
        }
        return headline + "\n" + AlignedTable.render(header: ["deadline", "due", "met by", "met on", "state"], rows: rows)
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
