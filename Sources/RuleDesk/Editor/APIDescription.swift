/// The host's own description of what scripts see: the source of `ruledesk types` (LuaLS annotations) and
/// `ruledesk check` (luacheck's globals). Tests hold the running host to it, so it cannot drift.
public enum APIDescription {
    /// A field of a table scripts receive.
    public struct Field: Sendable, Equatable {
        public let name: String
        /// A LuaLS type: `string`, `integer`, `number`, `boolean`, `string[]`, `string?`…
        public let type: String
        public let doc: String
    }

    /// A function scripts call.
    public struct Function: Sendable, Equatable {
        public let name: String
        /// `(name, LuaLS type)` of each parameter.
        public let parameters: [(String, String)]
        public let returns: String?
        public let doc: String

        public static func == (a: Function, b: Function) -> Bool {
            a.name == b.name && a.parameters.map(\.0) == b.parameters.map(\.0) && a.returns == b.returns
        }
    }

    /// `ticket`, as `TicketCase` builds it.
    public static let ticket: [Field] = [
        Field(name: "number", type: "string", doc: "running number, e.g. KF-2026-000001"),
        Field(name: "received_at", type: "string", doc: "ISO 8601 time with offset, as registered"),
        Field(name: "registered_on", type: "string", doc: "local date of received_at in the company's time zone (YYYY-MM-DD)"),
        Field(name: "channel", type: "string", doc: "how the complaint came in, a key of the vocabulary"),
        Field(name: "community", type: "string", doc: "community code"),
        Field(name: "household", type: "string?", doc: "household code"),
        Field(name: "cause", type: "string", doc: "what the complaint is about, a key of the vocabulary"),
        Field(name: "kind", type: "string", doc: "a repair or another complaint, a key of the vocabulary"),
        Field(name: "component", type: "string?", doc: "the part of the building a repair is about, a key of the vocabulary"),
        Field(name: "trades", type: "string[]", doc: "trades the repair needs, keys of the vocabulary"),
        Field(name: "complex", type: "boolean", doc: "an especially complex repair"),
        Field(name: "estimated_cost", type: "number?", doc: "estimated cost in yuan"),
        Field(name: "households_affected", type: "integer", doc: "households complaining of the same defect in the same building"),
        Field(name: "hazard", type: "boolean", doc: "a structural or safety hazard"),
        Field(name: "media", type: "boolean", doc: "media or government involvement"),
        Field(name: "survey_date", type: "string?", doc: "date of the site survey (YYYY-MM-DD)"),
        Field(name: "completed_at", type: "string?", doc: "when the work was completed (a date or an ISO 8601 time)"),
        Field(name: "completed_on", type: "string?", doc: "local date of completed_at (YYYY-MM-DD)"),
        Field(name: "final_cost", type: "number?", doc: "the repair's final cost in yuan, recorded at completion"),
        Field(name: "feedback_on", type: "string?", doc: "when the responsible department reported back (YYYY-MM-DD)"),
        Field(name: "consent_until", type: "string?", doc: "the later date the owner agreed to in advance (YYYY-MM-DD)"),
        Field(name: "callback_on", type: "string?", doc: "date of the phone callback after completion (YYYY-MM-DD)"),
        Field(name: "callback_rating", type: "string?", doc: "the owner's rating in the callback: satisfied, neutral, dissatisfied or severely_dissatisfied"),
        Field(name: "closed_on", type: "string?", doc: "when the ticket was closed (YYYY-MM-DD); nil while open"),
        Field(name: "description", type: "string", doc: "free text"),
        Field(name: "status", type: "string", doc: "new, evaluated or rule_error"),
    ]

    /// `ctx.community` and a plan's `community`.
    public static let community: [Field] = [
        Field(name: "code", type: "string", doc: "community code"),
        Field(name: "name", type: "string", doc: "community name"),
        Field(name: "completion_date", type: "string", doc: "completion acceptance date (竣工验收), YYYY-MM-DD"),
        Field(name: "handover_date", type: "string?", doc: "handover date, YYYY-MM-DD"),
        Field(name: "households_total", type: "integer", doc: "households in the community, moved in or not"),
        Field(name: "office", type: "string", doc: "its customer-service office (客户服务处); empty for the default office"),
    ]

    /// `ctx.household` and the items of `ctx.households(…)`.
    public static let household: [Field] = [
        Field(name: "code", type: "string", doc: "household code"),
        Field(name: "building", type: "string", doc: "building"),
        Field(name: "unit", type: "string", doc: "unit"),
        Field(name: "room", type: "string", doc: "room"),
        Field(name: "moved_in_on", type: "string?", doc: "move-in date, YYYY-MM-DD; nil while not moved in"),
    ]

    /// The methods of `ctx.calendar` (called with a colon).
    public static let calendar: [Function] = [
        Function(name: "add_workdays", parameters: [("date", "string"), ("n", "integer")], returns: "string",
                 doc: "the n-th working day after date, date itself not counted"),
        Function(name: "is_workday", parameters: [("date", "string")], returns: "boolean",
                 doc: "Monday–Friday minus public holidays, plus adjusted working weekend days"),
        Function(name: "add_days", parameters: [("date", "string"), ("n", "integer")], returns: "string",
                 doc: "date plus n calendar days"),
        Function(name: "add_months", parameters: [("date", "string"), ("n", "integer")], returns: "string",
                 doc: "the same day number n months later, or that month's last day"),
    ]

    /// The members of `ctx` when a rule evaluates a ticket.
    public static let ctx: [Field] = [
        Field(name: "results", type: "ruledesk.Results", doc: "outputs of the rules named in needs"),
        Field(name: "community", type: "ruledesk.Community", doc: "the ticket's community"),
        Field(name: "household", type: "ruledesk.Household?", doc: "the ticket's household"),
        Field(name: "calendar", type: "ruledesk.Calendar", doc: "the working-day calendar"),
        Field(name: "query", type: "fun(sql: string, ...: any): table[]", doc: "rows of a read-only SELECT with bound parameters"),
        Field(name: "because", type: "fun(text: string)", doc: "adds a line to this rule's trace"),
    ]

    /// The members a plan's `ctx` adds (`plan(community, ctx)`).
    public static let planContext: [Field] = [
        Field(name: "on", type: "string", doc: "the plan date, YYYY-MM-DD"),
        Field(name: "settings", type: "table", doc: "overrides the caller passed (tests)"),
        Field(name: "households", type: "fun(community: ruledesk.Community|string): ruledesk.Household[]",
              doc: "households moved in on or before the plan date, by code"),
        Field(name: "revisits", type: "fun(community: ruledesk.Community|string): { plans: table[], results: table[] }",
              doc: "saved plans and recorded visits up to the plan date, oldest first"),
        Field(name: "sample", type: "fun(list: table[], n: integer, options?: { seed?: string, strata?: string }): table[]",
              doc: "n items drawn deterministically, by code; strata share n in proportion"),
    ]

    /// `require`, which rules, modules, tests and the console call to use a module of the rule set.
    public static let require = Function(name: "require", parameters: [("name", "string")], returns: nil,
                                         doc: "the module rules/lib/NAME.lua (tests also find rules/tests/lib/NAME.lua): its table, read-only, fresh for each ticket")

    /// Globals rule tests may call besides the sandbox's.
    public static let testHelpers: [Function] = [
        Function(name: "import", parameters: [("kind", "string"), ("path", "string")], returns: nil,
                 doc: "imports a CSV as `ruledesk import` would; path relative to the rules folder"),
        Function(name: "community", parameters: [("fields", "table")], returns: "string", doc: "stores a community"),
        Function(name: "household", parameters: [("fields", "table")], returns: "string", doc: "stores a household"),
        Function(name: "calendar_day", parameters: [("date", "string"), ("kind", "string"), ("name", "string")], returns: nil,
                 doc: "stores one calendar day, kind off or work"),
        Function(name: "evaluate", parameters: [("fields", "table")], returns: "ruledesk.Results, table<string, string[]>",
                 doc: "stores a ticket and evaluates it; returns results and trace by rule"),
        Function(name: "revisit_result", parameters: [("fields", "table")], returns: "string", doc: "records one visit"),
        Function(name: "plan", parameters: [("options", "table")], returns: "table, string[]",
                 doc: "a community's revisit plan: plan{ community =, on =, settings =, save = }"),
        Function(name: "decide", parameters: [("number", "string")], returns: nil,
                 doc: "decides a stored ticket and writes it as the batch does: the copies onto the ticket, its deadlines"),
        Function(name: "facts", parameters: [("number", "string"), ("facts", "table")], returns: nil,
                 doc: "sets what recorded events leave on a ticket: completed_on, feedback_on, callback_on, callback_rating, closed_on, …"),
        Function(name: "report", parameters: [("options", "table")], returns: "table",
                 doc: "runs a report script: report{ name =, week = | quarter = | year = | from =, to =, office = }; sections by id"),
        Function(name: "expect_eq", parameters: [("actual", "any"), ("expected", "any"), ("what", "string?")], returns: nil,
                 doc: "fails with `what: expected E, got A`"),
        Function(name: "expect_true", parameters: [("value", "any"), ("what", "string?")], returns: nil, doc: "value must be true"),
        Function(name: "expect_false", parameters: [("value", "any"), ("what", "string?")], returns: nil, doc: "value must be false"),
        Function(name: "expect_nil", parameters: [("value", "any"), ("what", "string?")], returns: nil, doc: "value must be nil"),
        Function(name: "expect_error", parameters: [("fn", "function"), ("pattern", "string?"), ("what", "string?")], returns: nil,
                 doc: "fn() must fail with a message matching the pattern"),
        Function(name: "expect_match", parameters: [("text", "string"), ("pattern", "string"), ("what", "string?")], returns: nil,
                 doc: "text must match the Lua pattern"),
        Function(name: "expect_line", parameters: [("lines", "string[]"), ("text", "string"), ("what", "string?")], returns: nil,
                 doc: "one of the lines (a rule's trace, say) must contain text, as plain text"),
    ]
}
