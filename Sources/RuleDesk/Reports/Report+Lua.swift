import LuaRuntime

extension Report {
    /// The report a script's `build` returned: a list of sections, each
    /// `{ id =, title =, note =, figures = { { label =, value = }, … } }`,
    /// `{ id =, title =, table = { columns = { … }, rows = { { … }, … } } }` or
    /// `{ id =, title =, chart = { kind = "bar"|"line"|"pie", labels = { … }, series = { { name =, values = { … } } } } }`.
    /// A value is text, a number, or a rate `{ numerator = N, denominator = D }`. Fails naming the script's file and
    /// the section.
    init(_ value: LuaValue, script: ReportScript, parameters: ReportParameters, rulesVersion: String) throws {
        func broken(_ problem: String) -> ReportError { .badReport(script.path, problem) }
        guard let list = value.arrayValue else {
            throw broken("`build` must return a list of sections, e.g. { { id = \"total\", title = \"受理\", figures = { … } } }")
        }
        var seen = Set<String>()
        sections = try list.enumerated().map { index, item in
            let place = "section \(index + 1)"
            guard let id = item["id"].stringValue, !id.isEmpty else { throw broken("\(place) needs an `id`, a text unique in the report") }
            guard seen.insert(id).inserted else { throw broken("\(place): the id '\(id)' is taken by an earlier section") }
            let at = "section '\(id)'"
            guard let title = item["title"].stringValue else { throw broken("\(at) needs a `title` (text)") }
            let note = item["note"]
            guard note == .nil || note.stringValue != nil else { throw broken("\(at): `note` must be text") }
            let kinds = ["figures", "table", "chart"].filter { item[$0] != .nil }
            guard kinds.count == 1 else { throw broken("\(at) must have one of figures, table or chart") }
            let content: Content
            switch kinds[0] {
            case "figures":
                guard let figures = item["figures"].arrayValue else { throw broken("\(at): `figures` must be a list of { label =, value = }") }
                content = .figures(try figures.enumerated().map { n, figure in
                    guard let label = figure["label"].stringValue else { throw broken("\(at): figure \(n + 1) needs a `label` (text)") }
                    return (label, try Self.value(figure["value"], "\(at), figure '\(label)'", broken))
                })
            case "table":
                let table = item["table"]
                guard let columns = table["columns"].arrayValue?.compactMap(\.stringValue),
                      columns.count == table["columns"].arrayValue?.count, !columns.isEmpty else {
                    throw broken("\(at): `table.columns` must be a list of column titles")
                }
                guard let rows = table["rows"].arrayValue else { throw broken("\(at): `table.rows` must be a list of rows") }
                content = .table(columns: columns, rows: try rows.enumerated().map { n, row in
                    guard let cells = row.arrayValue, cells.count == columns.count else {
                        throw broken("\(at): row \(n + 1) must have \(columns.count) cells, one per column")
                    }
                    return try cells.enumerated().map { try Self.value($1, "\(at), row \(n + 1), column \($0 + 1)", broken) }
                })
            default:
                content = .chart(try Self.chart(item["chart"], at, broken))
            }
            return Section(id: id, title: title, content: content, note: note.stringValue ?? "")
        }
        name = script.name
        title = script.title
        self.parameters = parameters
        self.rulesVersion = rulesVersion
    }

    private static func chart(_ chart: LuaValue, _ at: String, _ broken: (String) -> ReportError) throws -> Chart {
        guard let kindText = chart["kind"].stringValue, let kind = Chart.Kind(rawValue: kindText) else {
            throw broken("\(at): `chart.kind` must be one of \(Chart.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let labels = chart["labels"].arrayValue?.compactMap(\.stringValue),
              labels.count == chart["labels"].arrayValue?.count else {
            throw broken("\(at): `chart.labels` must be a list of texts, one per point")
        }
        guard let series = chart["series"].arrayValue, !series.isEmpty else {
            throw broken("\(at): `chart.series` must be a list of { name =, values = { … } }")
        }
        if kind == .pie, series.count != 1 { throw broken("\(at): a pie chart has one series") }
        return Chart(kind: kind, labels: labels, series: try series.enumerated().map { n, one in
            guard let name = one["name"].stringValue, let values = one["values"].arrayValue, values.count == labels.count else {
                throw broken("\(at): series \(n + 1) needs a `name` and \(labels.count) `values`, one per label")
            }
            return (name, try values.enumerated().map { index, value in
                let converted = try Self.value(value, "\(at), series '\(name)', value \(index + 1)", broken)
                if case .text = converted { throw broken("\(at), series '\(name)', value \(index + 1): a chart's values are numbers or rates") }
                return converted
            })
        })
    }

    private static func value(_ value: LuaValue, _ at: String, _ broken: (String) -> ReportError) throws -> Value {
        switch value {
        case .string(let text): return .text(text)
        case .integer(let i): return .integer(i)
        case .number(let d) where d.isFinite: return d.rounded() == d && abs(d) < 1e15 ? .integer(Int64(d)) : .number(d)
        case .table(let fields) where Set(fields.keys) == ["numerator", "denominator"]:
            guard let n = fields["numerator"]?.integerValue, let d = fields["denominator"]?.integerValue, n >= 0, d >= n else {
                throw broken("\(at): a rate's numerator and denominator are whole numbers, 0 ≤ numerator ≤ denominator")
            }
            return .rate(numerator: n, denominator: d)
        default:
            throw broken("\(at): a value is text, a number or a rate { numerator = N, denominator = D }, not \(LuaValueText.brief(value))")
        }
    }
}

extension Report {
    /// The report as rule tests read it: `{ name, title, period = { label, from, to }, office, order = { ids },
    /// sections = { [id] = section } }`; a figures section also has `values = { [label] = value }`, a value is text,
    /// a number or `{ numerator =, denominator = }`.
    var luaValue: LuaValue {
        var byId: [String: LuaValue] = [:]
        for section in sections {
            var fields: [String: LuaValue] = ["id": .string(section.id), "title": .string(section.title), "note": .string(section.note)]
            switch section.content {
            case .figures(let figures):
                fields["figures"] = .array(figures.map { .table(["label": .string($0.label), "value": Self.lua($0.value)]) })
                fields["values"] = .table(Dictionary(figures.map { ($0.label, Self.lua($0.value)) }) { first, _ in first })
            case .table(let columns, let rows):
                fields["columns"] = .array(columns.map(LuaValue.string))
                fields["rows"] = .array(rows.map { .array($0.map(Self.lua)) })
            case .chart(let chart):
                fields["chart"] = .string(chart.kind.rawValue)
                fields["labels"] = .array(chart.labels.map(LuaValue.string))
                fields["series"] = .array(chart.series.map { .table(["name": .string($0.name), "values": .array($0.values.map(Self.lua))]) })
            }
            byId[section.id] = .table(fields)
        }
        var report: [String: LuaValue] = [
            "name": .string(name), "title": .string(title),
            "period": .table(["label": .string(parameters.label), "from": .string(parameters.from.description),
                              "to": .string(parameters.to.description)]),
            "order": .array(sections.map { .string($0.id) }), "sections": .table(byId),
        ]
        if let office = parameters.office { report["office"] = .string(office) }
        return .table(report)
    }

    private static func lua(_ value: Value) -> LuaValue {
        switch value {
        case .text(let text): return .string(text)
        case .integer(let i): return .integer(i)
        case .number(let d): return .number(d)
        case .rate(let n, let d): return .table(["numerator": .integer(n), "denominator": .integer(d)])
        }
    }
}
