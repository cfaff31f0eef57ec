extension Report {
    /// The report's figures and tables as one sheet for Excel (`--format xlsx`), one row per value in long form:
    /// the section, the row's label (a table's first cell, or a figure's label), the column, and the value — counts
    /// and amounts as numbers, a rate as its fraction with its numerator and denominator beside it (empty where
    /// nothing fell due). Charts are left out: their data are the tables'.
    public var spreadsheet: SpreadsheetTable {
        var rows: [[SpreadsheetCell]] = []
        func add(_ section: Section, _ label: String, _ column: String, _ value: Value) {
            let cells: [SpreadsheetCell]
            switch value {
            case .text(let text): cells = [text.isEmpty ? .empty : .text(text), .empty, .empty]
            case .integer(let i): cells = [.number(Double(i)), .empty, .empty]
            case .number(let d): cells = [.number(d), .empty, .empty]
            case .rate(let n, let d):
                cells = [d == 0 ? .empty : .number(Double(n) / Double(d)), .number(Double(n)), .number(Double(d))]
            }
            rows.append([.text(section.id), .text(section.title), .text(label), .text(column)] + cells)
        }
        for section in sections {
            switch section.content {
            case .figures(let figures):
                for figure in figures { add(section, figure.label, "数值", figure.value) }
            case .table(let columns, let tableRows):
                for row in tableRows {
                    for index in row.indices.dropFirst() { add(section, row[0].display, columns[index], row[index]) }
                }
            case .chart:
                continue
            }
        }
        return SpreadsheetTable(name: title, header: ["section", "title", "row", "column", "value", "numerator", "denominator"],
                                rows: rows)
    }
}
