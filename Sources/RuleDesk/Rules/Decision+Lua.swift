import LuaRuntime

extension Decision {
    /// The decision from its results and trace by rule — `{RULE = {FIELD = VALUE}}` and `{RULE = {TEXT, …}}`, as the
    /// driver returns them and as `decisions.results` and `decisions.trace` read back — with the rules in `order`
    /// (by name when nil), each rule's outputs completed from its declaration where `rules` has it.
    init(ticket: String, rulesVersion: String, results: LuaValue, trace: LuaValue, order: [String]? = nil,
         rules: [Rule] = []) {
        let resultsByRule = results.tableValue ?? [:], traceByRule = trace.tableValue ?? [:]
        let outcomes = (order ?? resultsByRule.keys.sorted()).map { name in
            let fields = resultsByRule[name]?.tableValue ?? [:]
            return Outcome(rule: name, results: rules.first { $0.name == name }?.complete(fields) ?? fields,
                           trace: (traceByRule[name]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        self.init(ticket: ticket, rulesVersion: rulesVersion, outcomes: outcomes)
    }

    /// The decision as Lua reads it, and as its JSON is written:
    /// `{ ticket = …, rules_version = …, results = {RULE = {FIELD = VALUE}}, trace = {RULE = {TEXT, …}} }`.
    public var luaValue: LuaValue {
        .table([
            "ticket": .string(ticket),
            "rules_version": .string(rulesVersion),
            "results": .table(Dictionary(uniqueKeysWithValues: outcomes.map { ($0.rule, LuaValue.table($0.results)) })),
            "trace": .table(Dictionary(uniqueKeysWithValues: outcomes.map {
                ($0.rule, LuaValue.array($0.trace.map(LuaValue.string)))
            })),
        ])
    }
}
