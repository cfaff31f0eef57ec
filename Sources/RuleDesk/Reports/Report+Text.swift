extension Report {
    /// The report for a terminal: each section under its title, figures and tables aligned, charts as tables.
    public var text: String {
        var lines = (draft.map { [$0] } ?? []) + [heading, "规则版本 \(rulesVersion.prefix(12))"]
        for section in sections {
            lines += ["", "【\(section.title)】"]
            switch section.content {
            case .figures(let figures):
                lines += AlignedTable.render(header: ["", ""], rows: figures.map { [$0.label, $0.value.display] })
                    .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { "  " + $0 }
            case .table(let columns, let rows):
                lines.append(rows.isEmpty ? "  (无)" : AlignedTable.render(header: columns, rows: rows.map { $0.map(\.display) }))
            case .chart(let chart):
                let table = Self.rows(of: chart)
                lines.append(chart.labels.isEmpty ? "  (无)" : AlignedTable.render(header: table.columns, rows: table.rows.map { $0.map(\.display) }))
            }
            if !section.note.isEmpty { lines.append("  · " + section.note) }
        }
        return lines.joined(separator: "\n")
    }
}
