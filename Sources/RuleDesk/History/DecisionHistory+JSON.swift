import LuaRuntime

extension DecisionHistory {
    /// `history --format json`: each decision with its time, rules version and what changed.
    public var json: String {
        JSONText.encode(.array(entries.map { entry in
            .table(["id": .integer(entry.id), "evaluated_at": .string(entry.evaluatedAt),
                    "rules_version": .string(entry.decision.rulesVersion),
                    "changes": .array(entry.changes.map(LuaValue.string))])
        }))
    }
}
