import GRDB
import LuaRuntime

/// Runs the report scripts of a rule set (`rules/reports/*.lua`) in the rules' own sandbox: the same Lua state,
/// limits, `require`, calendar and read-only `ctx.query` as the rules, and the deadlines the rules declare.
///
/// ```swift
/// let runner = try ReportRunner(ruleSet: RuleSet(folder: "rules"), store: store, settings: settings)
/// let report = try runner.run("weekly", period: .week(year: 2026, week: 18), office: nil)
/// print(report.text)
/// ```
public final class ReportRunner {
    public let engine: RuleEngine
    public let store: Store
    /// The rule set's report scripts, by file name in order.
    public let scripts: [ReportScript]
    private let ctx: LuaRef

    /// Compiles the rules and the report scripts of `ruleSet`.
    public convenience init(ruleSet: RuleSet, store: Store, settings: Settings) throws {
        try self.init(engine: try RuleEngine(ruleSet: ruleSet, store: store, settings: settings), store: store)
    }

    /// The report scripts of `engine`'s rule set, run in its state (the rule tests' world).
    init(engine: RuleEngine, store: Store) throws {
        self.engine = engine
        self.store = store
        let lua = engine.lua
        scripts = try engine.ruleSet.reports.map { try ReportScript.load($0, into: lua, modules: engine.modules) }
        var names: [String: String] = [:]
        for script in scripts {
            if let first = names[script.name] {
                throw RuleSetError.contract(script.path, "the report name '\(script.name)' is taken by \(first); give each report its own name")
            }
            names[script.name] = script.path
        }
        let deadlines: [LuaValue] = engine.declared.deadlines.map { deadline in
            .table(["name": .string(deadline.name), "event": .string(deadline.event.rawValue), "rule": .string(deadline.rule)])
        }
        ctx = try lua.table([
            "query": .reference(engine.host.query),
            "calendar": .reference(engine.host.calendarTable),
            "deadlines": .reference(try lua.callKeepingResult(lua.freeze, [.value(.array(deadlines)), .value(.string("ctx.deadlines"))])),
        ], readOnlyAs: "ctx")
    }

    /// The lines with code in each report file, for coverage.
    func linesWithCode() -> [String: Set<Int>] {
        engine.lua.linesWithCode(reachableFrom: scripts.flatMap { [$0.chunk, $0.build] })
    }

    /// The script named `name`.
    public func script(_ name: String) throws -> ReportScript {
        guard let script = scripts.first(where: { $0.name == name }) else {
            let ruleSet = engine.ruleSet
            let place = ruleSet.folder == "published" ? "the published rules (version \(ruleSet.version.prefix(12)))"
                : ruleSet.folder + "/" + RuleSet.reportsFolder
            throw ReportError.unknown(name, place, scripts.map(\.name))
        }
        return script
    }

    /// The offices of the stored communities, in order ("" is the default office).
    public func offices() throws -> [String] {
        try store.read { try String.fetchAll($0, sql: "SELECT DISTINCT office FROM communities ORDER BY office") }
    }

    /// Runs report `name` for `period` (the script's own kind of period holding today when nil) and `office` (nil:
    /// the whole company). Fails when the script does not take the period or the office, the office is unknown,
    /// the script fails (naming its file and line) or returns something that is not a report.
    public func run(_ name: String, period: ReportPeriod?, office: String?, today: LocalDate) throws -> Report {
        let script = try script(name)
        let period = period ?? Self.defaultPeriod(script, today: today)
        switch period {
        case .range: break
        default:
            guard period.kind == script.period else {
                throw ReportError.parameter(name, "--\(period.kind)", "--\(script.period) or --from/--to")
            }
        }
        if let office {
            guard script.takesOffice else { throw ReportError.parameter(name, "--office", "no office: it covers the company") }
            let known = try offices()
            guard known.contains(office) else { throw ReportError.unknownOffice(office, known) }
        }
        let days = period.days
        let parameters = ReportParameters(period: period.kind, label: period.label, from: days.from, to: days.to, office: office)
        var params: [String: LuaValue] = [
            "period": .string(period.kind), "label": .string(period.label),
            "from": .string(days.from.description), "to": .string(days.to.description),
        ]
        if let office { params["office"] = .string(office) }
        let lua = engine.lua
        let returned: LuaValue
        do {
            try engine.modules.reset()
            returned = try lua.call(script.build, [.value(.table(params)), .reference(ctx)]).first ?? .nil
        } catch let error as LuaError {
            let message = error.chunk?.hasSuffix(".lua") == true || error.message.hasPrefix(script.path + ":")
                ? error.message : "\(script.path): \(error.text)"
            throw ReportError.script(message)
        }
        return try Report(returned, script: script, parameters: parameters, rulesVersion: engine.ruleSet.version)
    }

    /// The period of the script's kind that holds `today`.
    static func defaultPeriod(_ script: ReportScript, today: LocalDate) -> ReportPeriod {
        switch script.period {
        case "quarter": return .quarter(year: today.year, quarter: (today.month - 1) / 3 + 1)
        case "year": return .year(today.year)
        default: return ReportPeriod.week(holding: today)
        }
    }
}
