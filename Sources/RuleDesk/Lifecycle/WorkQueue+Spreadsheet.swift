extension WorkQueue {
    /// The queue as a sheet, with the columns of ``csv``: dates as dates, days left as numbers, overdue as a flag.
    public var spreadsheet: SpreadsheetTable {
        SpreadsheetTable(name: "due", header: ["ticket", "deadline", "due", "workdays_left", "overdue", "department", "community",
                                               "household", "description"], rows: items.map { item in
            [.text(item.ticket), .text(item.deadline), .date(item.due), .number(Double(item.workdaysLeft)), .boolean(item.overdue),
             item.department.map(SpreadsheetCell.text) ?? .empty, .text(item.community), item.household.map(SpreadsheetCell.text) ?? .empty,
             .text(item.description)]
        })
    }
}
