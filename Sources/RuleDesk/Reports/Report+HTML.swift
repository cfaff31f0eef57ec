extension Report {
    /// The report as one self-contained HTML file: inline CSS and SVG charts, no scripts, no network; laid out for a
    /// screen and for A4 paper, in Chinese.
    public var html: String {
        var body = ""
        for section in sections {
            body += "<section id=\"\(HTMLText.escape(section.id))\" class=\"\(Self.kind(section.content))\">"
            body += "<h2>\(HTMLText.escape(section.title))</h2>"
            switch section.content {
            case .figures(let figures):
                body += "<dl class=\"figures\">" + figures.map {
                    "<div class=\"figure\"><dt>\(HTMLText.escape($0.label))</dt><dd\(Self.valueClass($0.value))>\(HTMLText.escape($0.value.display))</dd></div>"
                }.joined() + "</dl>"
            case .table(let columns, let rows):
                body += rows.isEmpty ? "<p class=\"none\">无</p>" : Self.table(columns, rows)
            case .chart(let chart):
                body += "<figure>" + ReportChartSVG.svg(chart, title: section.title) + "</figure>"
                let table = Self.rows(of: chart)
                body += "<details><summary>数据</summary>" + Self.table(table.columns, table.rows) + "</details>"
            }
            if !section.note.isEmpty { body += "<p class=\"note\">\(HTMLText.escape(section.note))</p>" }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(heading))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(HTMLText.escape(title))</h1>
            <p class="period">\(HTMLText.escape(parameters.label)) · \(parameters.from) 至 \(parameters.to) · \(HTMLText.escape(officeName))</p>
            <p class="version">规则版本 \(rulesVersion.prefix(12))</p>\(draft.map { "<p class=\"draft\">\(HTMLText.escape($0))</p>" } ?? "")</header>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    private static func kind(_ content: Content) -> String {
        switch content {
        case .figures: return "figures"
        case .table: return "table"
        case .chart(let chart): return "chart " + chart.kind.rawValue
        }
    }

    private static func valueClass(_ value: Value) -> String {
        switch value {
        case .text: return ""
        case .rate(_, 0): return " class=\"rate empty\""
        case .rate: return " class=\"rate\""
        default: return " class=\"number\""
        }
    }

    private static func table(_ columns: [String], _ rows: [[Value]]) -> String {
        "<table><thead><tr>" + columns.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { row in
                "<tr>" + row.map { "<td\(valueClass($0))>\(HTMLText.escape($0.display))</td>" }.joined() + "</tr>"
            }.joined() + "</tbody></table>"
    }

    private static let style = """
        :root { color-scheme: light; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif;
          margin: 0 auto; max-width: 980px; padding: 24px; color: #1d2430; background: #fff; line-height: 1.5; }
        header { border-bottom: 3px solid #2f6db5; margin-bottom: 16px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 0 0 8px; color: #2f6db5; }
        .draft { color: #b8434f; font-weight: 600; margin: 0 0 8px; }
        .period { margin: 0; font-size: 15px; } .version { margin: 0 0 8px; color: #667; font-size: 12px; }
        section { margin: 0 0 22px; break-inside: avoid; page-break-inside: avoid; }
        dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 0; }
        .figure { border: 1px solid #d5dbe5; border-radius: 6px; padding: 8px 10px; background: #f6f8fb; }
        dt { font-size: 13px; color: #556; } dd { margin: 0; font-size: 20px; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { border: 1px solid #d5dbe5; padding: 3px 6px; text-align: left; }
        th { background: #eef2f8; } td.number, td.rate { text-align: right; font-variant-numeric: tabular-nums; }
        .empty { color: #999; } .note, .none { color: #556; font-size: 12px; margin: 4px 0 0; }
        figure { margin: 0; } svg.chart { width: 100%; height: auto; max-height: 320px; }
        svg .grid { stroke: #e3e7ee; } svg .axis { stroke: #889; } svg text { font-size: 11px; fill: #334; }
        svg text.value { font-size: 10px; } svg text.empty { fill: #999; }
        details summary { cursor: pointer; color: #556; font-size: 12px; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print { body { max-width: none; padding: 0; font-size: 11pt; } details { display: none; }
          h1 { font-size: 20pt; } section { margin-bottom: 12pt; } }
        """
}
