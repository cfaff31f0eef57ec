import GRDB
import LuaRuntime

/// The helpers rule tests use to test report scripts: `decide(number)` records a stored ticket's decision as the
/// batch does (the copies onto the ticket, its deadlines), `facts(number, {…})` sets what recorded events leave on
/// the ticket, and `report{ name =, week = | quarter = | year = | from =, to =, office = }` runs a report script.
extension TestWorld {
    /// The facts `facts(number, {…})` may set: the columns recorded events fold onto a ticket.
    static let factColumns: Set<String> = ["survey_date", "completed_on", "feedback_on", "consent_until", "final_cost",
                                           "callback_on", "callback_rating", "closed_on"]

    func reportGlobals() -> [String: LuaArgument] {
        [
            "decide": helper { world, call in try world.decide(call) },
            "facts": helper { world, call in try world.facts(call) },
            "report": helper { world, call in try world.report(call) },
        ]
    }

    private func number(_ call: LuaCall, _ helper: String) throws -> (String, Int64) {
        guard case .string(let number) = try call.value(0),
              let id = try store.read({ try Int64.fetchOne($0, sql: "SELECT id FROM tickets WHERE number = ?", arguments: [number]) }) else {
            throw LuaError(.runtime, "\(helper)(number, …): no stored ticket with that number; store it with evaluate{…} first")
        }
        return (number, id)
    }

    /// Decides the ticket and writes it as `ruledesk batch` does, with the batch's own rows.
    private func decide(_ call: LuaCall) throws -> [LuaValue] {
        let (number, id) = try number(call, "decide")
        guard let ticketCase = try store.read({ try TicketCase.load(number: number, from: $0) }) else { return [] }
        let recorded: RecordedDecision
        do { recorded = try engine.record(ticketCase) } catch let failure as RuleFailure {
            throw LuaError(.runtime, "rule '\(failure.rule)' failed: \(failure.message)")
        }
        let rows = DecisionRows(rulesVersion: engine.ruleSet.version, declared: engine.declared)
        try store.write { db in
            let now = Timestamp.nowText()
            try rows.prepare(first: DecisionDictionary(first: [recorded.texts]), at: now, in: db)
                .write(id, recorded, consented: false)
        }
        return []
    }

    private func facts(_ call: LuaCall) throws -> [LuaValue] {
        let (_, id) = try number(call, "facts")
        guard let fields = try call.value(1).tableValue else {
            throw LuaError(.runtime, "facts(number, { completed_on = \"YYYY-MM-DD\", … }) takes a table of facts")
        }
        try store.write { db in
            for (column, value) in fields.sorted(by: { $0.key < $1.key }) {
                guard Self.factColumns.contains(column) else {
                    throw LuaError(.runtime, "facts: unknown fact '\(column)'; the facts are \(Self.factColumns.sorted().joined(separator: ", "))")
                }
                try db.execute(sql: "UPDATE tickets SET \(column.quotedDatabaseIdentifier) = ? WHERE id = ?",
                               arguments: [value.columnValue, id])
            }
        }
        return []
    }

    /// The report scripts, compiled once per world.
    func reports() throws -> ReportRunner {
        if let reportRunner { return reportRunner }
        let runner = try ReportRunner(engine: engine, store: store)
        reportRunner = runner
        return runner
    }

    private func report(_ call: LuaCall) throws -> [LuaValue] {
        let options = try call.value(0)
        guard let name = options["name"].stringValue else {
            throw LuaError(.runtime, "report{ name = \"weekly\", week = \"2026-W18\", office = … } needs a name")
        }
        let period: ReportPeriod?
        if let week = options["week"].stringValue { period = ReportPeriod.week(week) }
        else if let quarter = options["quarter"].stringValue { period = ReportPeriod.quarter(quarter) }
        else if let year = options["year"].stringValue { period = ReportPeriod.year(year) }
        else if let from = options["from"].stringValue.flatMap(LocalDate.init), let to = options["to"].stringValue.flatMap(LocalDate.init) {
            period = .range(from, to)
        } else {
            throw LuaError(.runtime, "report{…} needs a period: week = \"2026-W18\", quarter = \"2026-Q2\", year = \"2026\", or from = and to =")
        }
        guard let period else { throw LuaError(.runtime, "report{…}: the period is not a week, quarter or year (2026-W18, 2026-Q2, 2026)") }
        do {
            let report = try reports().run(name, period: period, office: options["office"].stringValue, today: engine.settings.today)
            return [report.luaValue]
        } catch let error as ReportError {
            throw LuaError(.runtime, error.description)
        }
    }
}
