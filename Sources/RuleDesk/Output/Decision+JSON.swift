import LuaRuntime

extension Decision {
    /// `{"ticket": …, "rules_version": …, "results": {RULE: {FIELD: VALUE}}, "trace": {RULE: [TEXT]}}`,
    /// rules and fields in name order (``luaValue`` written as JSON, its members in this order).
    public var json: String { json(draft: false) }

    /// The same object; a draft's has `"draft": true` after `rules_version`.
    public func json(draft: Bool) -> String {
        JSONText.object([("ticket", JSONText.quote(ticket)), ("rules_version", JSONText.quote(rulesVersion))]
            + (draft ? [("draft", "true")] : [])
            + [("results", resultsJSON), ("trace", traceJSON)])
    }

    /// The results object alone, as stored in `decisions.results`.
    public var resultsJSON: String { JSONText.encode(luaValue["results"]) }

    /// The trace object alone, as stored in `decisions.trace`.
    public var traceJSON: String { JSONText.encode(luaValue["trace"]) }
}
