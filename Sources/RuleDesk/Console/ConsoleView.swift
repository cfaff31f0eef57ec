import LuaRuntime

/// How the console shows values: a ticket as a card, tickets as a table, a decision and a plan as the
/// commands print them, anything else like Lua would; or everything as JSON.
enum ConsoleView {
    static func show(_ value: LuaValue, kind: String?, format: ConsoleSession.Format, engine: RuleEngine) -> String {
        switch (kind, format) {
        case ("ruledesk.decision", _):
            let decision = decision(value, rules: engine.rules)
            let labels = engine.labels
            return format == .json ? decision.json : decision.text(labels: labels)
        case ("ruledesk.plan", _):
            guard let plan = plan(value) else { return inline(value) }
            return format == .json ? plan.json : plan.text
        case (_, .json): return JSONText.encode(value)
        case ("ruledesk.ticket", _): return card(value)
        case ("ruledesk.tickets", _): return table(value.arrayValue ?? [], results: engine.declared.ticketColumns.map(\.column))
        default: return inline(value)
        }
    }

    /// Lua-like: text as is at the top level, tables as `{ a = 1, list = { "x", "y" } }`.
    static func inline(_ value: LuaValue, nested: Bool = false) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.rounded() == d && abs(d) < 1e15 ? String(format: "%.1f", d) : String(d)
        case .string(let s): return nested ? "\"\(s)\"" : s
        case .array(let items): return "{ " + items.map { inline($0, nested: true) }.joined(separator: ", ") + " }"
        case .table(let fields):
            if fields.isEmpty { return "{}" }
            return "{ " + fields.keys.sorted().map { "\($0) = \(inline(fields[$0]!, nested: true))" }.joined(separator: ", ") + " }"
        }
    }

    /// A ticket: one field a line, the ones a clerk asks about first.
    static func card(_ value: LuaValue) -> String {
        let fields = value.tableValue ?? [:]
        let first = ["number", "registered_on", "received_at", "community", "household", "owner", "phone", "kind", "cause",
                     "component", "trades", "estimated_cost", "status"]
        let keys = first.filter { fields[$0] != nil } + fields.keys.filter { !first.contains($0) }.sorted()
        let width = keys.map(DisplayWidth.of).max() ?? 0
        return keys.map { DisplayWidth.pad($0, to: width + 2) + inline(fields[$0]!, nested: false) }.joined(separator: "\n")
    }

    /// Rows of tickets as an aligned table, with the recorded `results` columns the rules declare.
    static func table(_ rows: [LuaValue], results: [String]) -> String {
        let columns = ["number", "received_at", "community", "community_name", "kind", "cause", "status"] + results
        guard !rows.isEmpty else { return "(no tickets)" }
        return AlignedTable.render(header: columns, rows: rows.map { row in
            columns.map { column in row[column] == .nil ? "—" : inline(row[column]) }
        })
    }

    /// A decision back from the Lua table `eval` made, its outputs completed from the rules' declarations.
    static func decision(_ value: LuaValue, rules: [Rule]) -> Decision {
        let results = value["results"].tableValue ?? [:], traces = value["trace"].tableValue ?? [:]
        let order = (value["order"].arrayValue ?? []).compactMap(\.stringValue)
        return Decision(ticket: value["ticket"].stringValue ?? "", rulesVersion: value["rules_version"].stringValue ?? "",
                        outcomes: (order.isEmpty ? results.keys.sorted() : order).map { name in
                            let fields = results[name]?.tableValue ?? [:]
                            return Decision.Outcome(rule: name, results: rules.first { $0.name == name }?.complete(fields) ?? fields,
                                                    trace: (traces[name]?.arrayValue ?? []).compactMap(\.stringValue))
                        })
    }

    static func plan(_ value: LuaValue) -> RevisitPlan? {
        guard let on = value["on"].stringValue.flatMap(LocalDate.init) else { return nil }
        return RevisitPlan(
            community: value["community"].stringValue ?? "", on: on, kind: value["kind"].stringValue ?? "",
            mode: value["mode"].stringValue, occupancy: value["occupancy"].doubleValue ?? 0,
            sampleSize: Int(value["sample_size"].integerValue ?? 0),
            households: (value["households"].arrayValue ?? []).compactMap(\.stringValue),
            followUps: (value["follow_ups"].arrayValue ?? []).map {
                RevisitPlan.FollowUp(household: $0["household"].stringValue ?? "", withManager: $0["with_manager"].boolValue ?? false)
            },
            seed: value["seed"].stringValue ?? "", rulesVersion: value["rules_version"].stringValue ?? "",
            trace: (value["trace"].arrayValue ?? []).compactMap(\.stringValue))
    }

    /// `13800000001` → `138****0001`.
    static func maskPhone(_ phone: String) -> String {
        let digits = Array(phone)
        guard digits.count > 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }

    /// Query rows with every `phone` column masked.
    static func maskingPhones(_ rows: LuaValue) -> LuaValue {
        guard let list = rows.arrayValue else { return rows }
        return .array(list.map { row in
            guard var fields = row.tableValue else { return row }
            for (key, value) in fields where key.lowercased().contains("phone") {
                if case .string(let phone) = value { fields[key] = .string(maskPhone(phone)) }
            }
            return .table(fields)
        })
    }
}
