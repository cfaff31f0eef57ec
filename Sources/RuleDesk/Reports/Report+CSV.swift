extension Report {
    /// The report for Excel: RFC 4180 CSV (CRLF line ends, quoted where needed) after a UTF-8 byte-order mark, so
    /// that Excel reads the Chinese; one block per section — its title, the header, the rows — with a blank line
    /// between. Rates read `75% (3/4)`; an empty rate is an empty cell.
    public var csv: String {
        var lines = [[heading], ["规则版本", String(rulesVersion.prefix(12))]] + (draft.map { [[$0]] } ?? [])
        for section in sections {
            lines.append([])
            lines.append([section.title])
            switch section.content {
            case .figures(let figures):
                lines.append(["项目", "数值"])
                lines += figures.map { [$0.label, $0.value.cell] }
            case .table(let columns, let rows):
                lines.append(columns)
                lines += rows.map { $0.map(\.cell) }
            case .chart(let chart):
                let table = Self.rows(of: chart)
                lines.append(table.columns)
                lines += table.rows.map { $0.map(\.cell) }
            }
        }
        return "\u{FEFF}" + lines.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
