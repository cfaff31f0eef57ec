/// The work queue for people (an aligned table), for Excel (CSV) and for programs (JSON).
extension WorkQueue {
    /// A headline with the counts, then one line per deadline.
    public func text(wording: LifecycleWording) -> String {
        let headline = wording.say(.queue(on: wording.date(on), count: items.count, overdue: items.filter(\.overdue).count))
        guard !items.isEmpty else { return headline }
        let rows = items.map { item in
            [item.ticket, wording.deadline(item.deadline) + (item.extended ? wording.say(.extended) : ""), wording.date(item.due),
             String(item.workdaysLeft), item.department.map(wording.key) ?? "—", item.community, item.household ?? "—",
             Self.short(item.description)]
        }
        let columns: [LifecycleMessage.Column] = [.ticket, .deadline, .due, .left, .department, .community, .household, .description]
        return headline + "\n" + AlignedTable.render(header: columns.map { wording.say(.column($0)) }, rows: rows)
    }

    /// One array of `{"ticket","deadline","due","workdays_left","overdue","department","community","household"}`.
    public var json: String {
        "[" + items.map { item in
            JSONText.object([
                ("ticket", JSONText.quote(item.ticket)), ("deadline", JSONText.quote(item.deadline)),
                ("due", JSONText.quote(item.due.description)), ("workdays_left", String(item.workdaysLeft)),
                ("overdue", String(item.overdue)), ("department", item.department.map(JSONText.quote) ?? "null"),
                ("community", JSONText.quote(item.community)), ("household", item.household.map(JSONText.quote) ?? "null"),
            ])
        }.joined(separator: ",\n") + "]"
    }

    /// A header line, then one line per deadline.
    public var csv: String {
        ([CSVText.row(["ticket", "deadline", "due", "workdays_left", "overdue", "department", "community", "household", "description"])]
            + items.map { item in
                CSVText.row([item.ticket, item.deadline, item.due.description, String(item.workdaysLeft), String(item.overdue),
                             item.department ?? "", item.community, item.household ?? "", item.description])
            }).joined(separator: "\n")
    }

    /// The first 20 columns of a description, with `…` when cut.
    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var out = "", width = 0
        for character in line {
            let next = DisplayWidth.of(String(character))
            if width + next > 20 { return out + "…" }
            out.append(character)
            width += next
        }
        return out
    }
}
