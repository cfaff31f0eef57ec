import LuaRuntime

extension DecisionHistory {
    /// `history --format json`: each decision with its time, rules version, the event it followed and what changed.
    public var json: String {
        JSONText.encode(.array(entries.map { entry in
            var fields: [String: LuaValue] = [
                "id": .integer(entry.id), "evaluated_at": .string(entry.evaluatedAt),
                "rules_version": .string(entry.decision.rulesVersion), "changes": .array(entry.changes.map(LuaValue.string)),
            ]
            if let event = entry.event {
                fields["event"] = .table(["event": .string(event.event), "on": .string(event.on), "by": .string(event.by),
                                          "details": .array(event.details.map(LuaValue.string)), "note": .string(event.note)])
            }
            return .table(fields)
        }))
    }
}
