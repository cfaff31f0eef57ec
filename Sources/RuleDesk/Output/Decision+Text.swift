import LuaRuntime

extension Decision {
    /// The decision for people: each rule's outputs as an aligned table, keys followed by their names
    /// from the rules' `labels`, and the trace (why) under each rule. In Chinese, each output is shown by its
    /// Chinese name from the rules' `output_names` before its key, keys' names come first, dates read
    /// 2026年5月14日 and booleans 是 or 否.
    ///
    /// ```
    /// 工单 KF-2026-000003 · 规则版本 3f2a9c1d0b7e
    ///
    /// RULE
    ///   field      value (its label)          审批人 approvers  组长(team_lead)
    ///   other      —                           期限 due          2026年5月14日
    ///   · a line of the rule's trace            · a line of the rule's trace
    /// ```
    public func text(_ labels: ClerkLabels) -> String {
        var lines = ["工单 \(ticket) · 规则版本 \(rulesVersion.prefix(12))"]
        for outcome in outcomes {
            lines.append("")
            lines.append(outcome.rule)
            let keys = outcome.results.keys.sorted()
            let names = labels.language == .zh ? labels.outputs[outcome.rule] ?? [:] : [:]
            let shownKeys = keys.map { key in names[key].map { "\($0) \(key)" } ?? key }
            let width = shownKeys.map(DisplayWidth.of).max() ?? 0
            for (key, shown) in zip(keys, shownKeys) {
                lines.append("  " + DisplayWidth.pad(shown, to: width + 2) + Self.show(outcome.results[key]!, labels))
            }
            for reason in outcome.trace { lines.append("  · " + reason) }
        }
        return lines.joined(separator: "\n")
    }

    /// A value for a clerk: keys with their names, lists joined, nil as a dash.
    static func show(_ value: LuaValue, _ labels: ClerkLabels) -> String {
        let chinese = labels.language == .zh
        switch value {
        case .nil: return "—"
        case .boolean(let b): return chinese ? (b ? "是" : "否") : (b ? "true" : "false")
        case .integer(let i): return String(i)
        case .number(let d): return JSONText.number(d)
        case .string(let s):
            if let label = labels.values[s], label != s { return chinese ? "\(label)(\(s))" : "\(s) (\(label))" }
            if let date = LocalDate(s) { return labels.language.date(date) }
            return s
        case .array(let items):
            return items.isEmpty ? "—" : items.map { show($0, labels) }.joined(separator: chinese ? "、" : ", ")
        case .table: return JSONText.encode(value)
        }
    }
}
