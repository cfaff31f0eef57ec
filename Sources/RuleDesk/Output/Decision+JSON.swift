import LuaRuntime

extension Decision {
    /// `{"ticket": …, "rules_version": …, "results": {RULE: {FIELD: VALUE}}, "trace": {RULE: [TEXT]}}`,
    /// rules in evaluation order.
    public var json: String {
        JSONText.object([
            ("ticket", JSONText.quote(ticket)),
            ("rules_version", JSONText.quote(rulesVersion)),
            ("results", resultsJSON),
            ("trace", traceJSON),
        ])
    }

    /// The results object alone, as stored in `decisions.results`.
    public var resultsJSON: String {
        JSONText.object(outcomes.map { ($0.rule, JSONText.encode(.table($0.results))) })
    }

    /// The trace object alone, as stored in `decisions.trace`.
    public var traceJSON: String {
        JSONText.object(outcomes.map { ($0.rule, JSONText.encode(.array($0.trace.map(LuaValue.string)))) })
    }
}
