import LuaRuntime

extension Decision {
    /// The decision for people: each rule's outputs as an aligned table, keys followed by their names
    /// from the rules' `labels`, and the trace (why) under each rule.
    ///
    /// ```
    /// 工单 KF-2026-000003 · 规则版本 3f2a9c1d0b7e
    ///
    /// RULE
    ///   field      value (its label)
    ///   other      —
    ///   · a line of the rule's trace
    /// ```
    public func text(labels: [String: String]) -> String {
        var lines = ["工单 \(ticket) · 规则版本 \(rulesVersion.prefix(12))"]
        for outcome in outcomes {
            lines.append("")
            lines.append(outcome.rule)
            let keys = outcome.results.keys.sorted()
            let width = keys.map(DisplayWidth.of).max() ?? 0
            for key in keys {
                lines.append("  " + DisplayWidth.pad(key, to: width + 2) + Self.show(outcome.results[key]!, labels))
            }
            for reason in outcome.trace { lines.append("  · " + reason) }
        }
        return lines.joined(separator: "\n")
    }

    /// A value for a clerk: keys with their names, lists joined, nil as a dash.
    static func show(_ value: LuaValue, _ labels: [String: String]) -> String {
        switch value {
        case .nil: return "—"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return JSONText.number(d)
        case .string(let s):
            if let label = labels[s], label != s { return "\(s) (\(label))" }
            return s
        case .array(let items): return items.isEmpty ? "—" : items.map { show($0, labels) }.joined(separator: ", ")
        case .table: return JSONText.encode(value)
        }
    }
}
