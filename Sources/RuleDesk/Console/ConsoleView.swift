import LuaRuntime

/// How the console shows Lua values: a ticket as a card, tickets as a table, anything else like Lua would; or
/// everything as JSON. (A decision and a plan are held in Swift: see ``HeldValue``.)
enum ConsoleView {
    /// `recorded` are the ticket columns the rules declare (shown in tables of tickets); a ticket's card is in
    /// `language`, with the rules' `vocabulary` naming its values.
    static func show(_ value: LuaValue, kind: String?, format: ConsoleSession.Format, recorded: [String],
                     vocabulary: Vocabulary, language: Language) -> String {
        switch (kind, format) {
        case (_, .json): return JSONText.encode(value)
        case ("ruledesk.ticket", _): return card(value, vocabulary: vocabulary, language: language)
        case ("ruledesk.tickets", _): return table(value.arrayValue ?? [], results: recorded)
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

    /// A ticket: one field a line, the ones a clerk asks about first. In Chinese, a field's Chinese name comes
    /// before its key, and a value of the vocabulary reads `给排水管道(plumbing)`.
    static func card(_ value: LuaValue, vocabulary: Vocabulary, language: Language) -> String {
        let fields = value.tableValue ?? [:]
        let first = ["number", "registered_on", "received_at", "community", "household", "owner", "phone", "kind", "cause",
                     "component", "trades", "estimated_cost", "status"]
        let keys = first.filter { fields[$0] != nil } + fields.keys.filter { !first.contains($0) }.sorted()
        let shown = keys.map { key -> String in
            guard language == .zh else { return key }
            let title = vocabulary.fields[key]?.title ?? ConsoleMessage.fieldTitle(key).text(in: .zh)
            return title == key ? key : "\(title) \(key)"
        }
        let width = shown.map(DisplayWidth.of).max() ?? 0
        return zip(keys, shown).map { key, label in
            DisplayWidth.pad(label, to: width + 2) + cardValue(fields[key]!, vocabulary.fields[key], language)
        }.joined(separator: "\n")
    }

    /// A card's value: in Chinese, a vocabulary's value with its name first and booleans as 是 or 否.
    private static func cardValue(_ value: LuaValue, _ field: Vocabulary.Field?, _ language: Language) -> String {
        guard language == .zh else { return inline(value, nested: false) }
        func named(_ key: String) -> String {
            field?.terms.first { $0.key == key }.map { "\($0.name)(\(key))" } ?? key
        }
        switch value {
        case .boolean(let b): return b ? "是" : "否"
        case .string(let s): return named(s)
        case .array(let items) where field != nil: return items.isEmpty ? "—" : items.map { named($0.stringValue ?? "") }.joined(separator: "、")
        default: return inline(value, nested: false)
        }
    }

    /// Rows of tickets as an aligned table, with the recorded `results` columns the rules declare.
    static func table(_ rows: [LuaValue], results: [String]) -> String {
        let columns = ["number", "received_at", "community", "community_name", "kind", "cause", "status"] + results
        guard !rows.isEmpty else { return "(no tickets)" }
        return AlignedTable.render(header: columns, rows: rows.map { row in
            columns.map { column in row[column] == .nil ? "—" : inline(row[column]) }
        })
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
