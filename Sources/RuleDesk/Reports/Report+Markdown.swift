extension Report {
    /// The report for chat and mail: a heading, each section as a `##` with a pipe table.
    public var markdown: String {
        var lines = ["# \(Self.escaped(heading))", "", "规则版本 `\(rulesVersion.prefix(12))`"]
        if let draft { lines += ["", "**\(Self.escaped(draft))**"] }
        for section in sections {
            lines += ["", "## \(Self.escaped(section.title))", ""]
            switch section.content {
            case .figures(let figures):
                lines += Self.table(["项目", "数值"], figures.map { [$0.label, $0.value.display] })
            case .table(let columns, let rows):
                lines += rows.isEmpty ? ["(无)"] : Self.table(columns, rows.map { $0.map(\.display) })
            case .chart(let chart):
                let table = Self.rows(of: chart)
                lines += chart.labels.isEmpty ? ["(无)"] : Self.table(table.columns, table.rows.map { $0.map(\.display) })
            }
            if !section.note.isEmpty { lines += ["", "*\(Self.escaped(section.note))*"] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func table(_ columns: [String], _ rows: [[String]]) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(escaped).joined(separator: " | ") + " |" }
        return [line(columns), "|" + columns.map { _ in "---|" }.joined()] + rows.map(line)
    }

    /// Text safe in a Markdown table cell or heading.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|\\*_`#[]<>".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
