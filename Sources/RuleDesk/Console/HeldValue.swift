import LuaRuntime

/// A Swift value the console holds for Lua (`eval(t)`, `plan("H01")`): Lua gets a handle to it, reads its fields
/// through the handle and shows it as the commands print it; the value is never rebuilt from a Lua table.
enum HeldValue {
    case decision(Decision)
    case plan(RevisitPlan)

    /// The `__name` of its handles' metatable (ConsolePrelude.lua).
    var kind: String {
        switch self {
        case .decision: "ruledesk.decision"
        case .plan: "ruledesk.plan"
        }
    }

    /// Its fields, as Lua reads them through a handle.
    var luaValue: LuaValue {
        switch self {
        case .decision(let decision): decision.luaValue
        case .plan(let plan): plan.luaValue
        }
    }

    /// The value for a clerk (keys followed by their `labels`), or as JSON.
    func text(format: ConsoleSession.Format, labels: ClerkLabels) -> String {
        switch (self, format) {
        case (.decision(let decision), .text): decision.text(labels)
        case (.decision(let decision), .json): decision.json
        case (.plan(let plan), .text): plan.text
        case (.plan(let plan), .json): plan.json
        }
    }
}
