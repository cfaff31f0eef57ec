extension DiffReport {
    /// The changes as a sheet, with the columns of ``csv``: `rule, field, from, to, tickets, examples`, one row per
    /// change, and one row per ticket that fails under the new rules (field `(fails)`, the message under `to`).
    public var spreadsheet: SpreadsheetTable {
        var rows: [[SpreadsheetCell]] = sortedChanges.map { change in
            [.text(change.rule), .text(change.field), .text(change.from), .text(change.to), .number(Double(change.tickets)),
             .text(change.examples.joined(separator: " "))]
        }
        rows += failures.map { [.empty, .text("(fails)"), .empty, .text($0.message), .number(1), .text($0.ticket)] }
        return SpreadsheetTable(name: "diff", header: ["rule", "field", "from", "to", "tickets", "examples"], rows: rows)
    }
}
