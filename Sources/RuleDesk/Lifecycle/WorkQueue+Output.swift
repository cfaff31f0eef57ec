/// The work queue for people (an aligned table), for Excel (CSV) and for programs (JSON).
extension WorkQueue {
    /// `1 working day`, `3 working days`.
    static func workdays(_ n: Int) -> String { n == 1 ? "1 working day" : "\(n) working days" }

    /// A headline with the counts, then one line per deadline.
    public func text(departmentNames: [String: String] = [:]) -> String {
        let overdue = items.filter(\.overdue).count
        let headline = "due on \(on): \(items.count) open deadline\(items.count == 1 ? "" : "s"), \(overdue) overdue"
        guard !items.isEmpty else { return headline }
        let rows = items.map { item in
            [item.ticket, item.deadline + (item.extended ? " (extended)" : ""), item.due.description, String(item.workdaysLeft),
             item.department.map { key in departmentNames[key].map { "\(key) (\($0))" } ?? key } ?? "—",
             item.community, item.household ?? "—", Self.short(item.description)]
        }
        return headline + "\n" + AlignedTable.render(
            header: ["ticket", "deadline", "due", "left", "department", "community", "household", "description"], rows: rows)
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
