import LuaRuntime

extension Decision {
    /// `{"ticket": …, "rules_version": …, "results": {RULE: {FIELD: VALUE}}, "trace": {RULE: [TEXT]}}`,
    /// rules and fields in name order.
    public var json: String { json(draft: false) }

    /// The same object; a draft's has `"draft": true` after `rules_version`.
    public func json(draft: Bool) -> String {
        JSONText.object([("ticket", JSONText.quote(ticket)), ("rules_version", JSONText.quote(rulesVersion))]
            + (draft ? [("draft", "true")] : [])
            + [("results", resultsJSON), ("trace", traceJSON)])
    }

    private var byName: [Outcome] { outcomes.sorted { $0.rule < $1.rule } }

    /// The results object alone, as stored in `decisions.results`.
    public var resultsJSON: String {
        JSONText.object(byName.map { ($0.rule, JSONText.encode(.table($0.results))) })
    }

    /// The trace object alone, as stored in `decisions.trace`.
    public var traceJSON: String {
        JSONText.object(byName.map { ($0.rule, JSONText.encode(.array($0.trace.map(LuaValue.string)))) })
    }
}
