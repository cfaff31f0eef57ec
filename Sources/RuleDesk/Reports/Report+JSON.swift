import LuaRuntime

extension Report {
    /// The report's data for programs: the same numbers as every other format, in one object with its keys in a
    /// fixed order. A rate is `{"numerator": 3, "denominator": 4, "rate": 0.75}`, `"rate": null` when nothing fell due.
    public var json: String {
        let period = JSONText.object([
            ("kind", JSONText.quote(parameters.period)), ("label", JSONText.quote(parameters.label)),
            ("from", JSONText.quote(parameters.from.description)), ("to", JSONText.quote(parameters.to.description)),
        ])
        return JSONText.object([
            ("report", JSONText.quote(name)), ("title", JSONText.quote(title)), ("period", period),
            ("office", parameters.office.map(JSONText.quote) ?? "null"), ("rules_version", JSONText.quote(rulesVersion)),
            ("draft", draft == nil ? "false" : "true"),
            ("sections", "[" + sections.map(Self.json).joined(separator: ", ") + "]"),
        ])
    }

    private static func json(_ section: Section) -> String {
        var members = [("id", JSONText.quote(section.id)), ("title", JSONText.quote(section.title)),
                       ("note", JSONText.quote(section.note))]
        switch section.content {
        case .figures(let figures):
            members.append(("kind", "\"figures\""))
            members.append(("figures", "[" + figures.map {
                JSONText.object([("label", JSONText.quote($0.label)), ("value", json($0.value))])
            }.joined(separator: ", ") + "]"))
        case .table(let columns, let rows):
            members.append(("kind", "\"table\""))
            members.append(("columns", JSONText.encode(.array(columns.map(LuaValue.string)))))
            members.append(("rows", "[" + rows.map { "[" + $0.map(json).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"))
        case .chart(let chart):
            members.append(("kind", "\"chart\""))
            members.append(("chart", JSONText.quote(chart.kind.rawValue)))
            members.append(("labels", JSONText.encode(.array(chart.labels.map(LuaValue.string)))))
            members.append(("series", "[" + chart.series.map {
                JSONText.object([("name", JSONText.quote($0.name)), ("values", "[" + $0.values.map(json).joined(separator: ", ") + "]")])
            }.joined(separator: ", ") + "]"))
        }
        return JSONText.object(members)
    }

    private static func json(_ value: Value) -> String {
        switch value {
        case .text(let text): return JSONText.quote(text)
        case .integer(let i): return String(i)
        case .number(let d): return JSONText.number(d)
        case .rate(let n, let d):
            return JSONText.object([("numerator", String(n)), ("denominator", String(d)),
                                    ("rate", d == 0 ? "null" : JSONText.number(Double(n) / Double(d)))])
        }
    }
}
