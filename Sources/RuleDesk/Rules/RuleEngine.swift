import Foundation
import LuaRuntime

/// A rule set compiled into one sandboxed Lua state, ready to decide cases one after another.
///
/// ```swift
/// let engine = try RuleEngine(ruleSet: RuleSet(folder: "rules"), store: store, settings: settings)
/// let decision = try engine.evaluate(try store.read { try TicketCase.load(number: "KF-2026-000001", from: $0)! })
/// ```
public final class RuleEngine {
    public let ruleSet: RuleSet
    /// The rules in evaluation order: each after the rules it needs.
    public let rules: [Rule]
    /// Names for the keys that rules output (a department's key → its name), from the rules' `labels`.
    public let labels: [String: String]
    /// Where the rules' declared outputs go: ticket columns, work orders, deadlines.
    public let declared: DeclaredResults
    /// The values ticket fields may take, from the rule set's `lib/vocabulary.lua` (``Vocabulary/none`` without it).
    public let vocabulary: Vocabulary
    public let settings: Settings
    let lua: LuaState
    let host: HostAPI
    /// The rule set's modules and their `require`.
    let modules: RuleModules
    /// The compiled rule files and the tables they returned (and with coverage, the modules'), for coverage.
    private let chunks: [LuaRef]
    /// The driver's functions: `decide`, `decide_json`, `compare`, `decide_compared`, `plan`, `state`.
    private let driver: [String: LuaRef]

    /// Compiles `ruleSet`. With `coverage`, the state records the lines it runs from the start. `limits` default
    /// to the settings' limits.
    public init(ruleSet: RuleSet, store: Store?, settings: Settings, calendar: WorkCalendar? = nil,
                coverage: Bool = false, limits: LuaLimits? = nil) throws {
        self.ruleSet = ruleSet
        self.settings = settings
        let lua = try LuaState(limits: limits ?? settings.limits)
        lua.recordsCoverage = coverage
        self.lua = lua
        host = try HostAPI(lua: lua, calendar: try calendar ?? store?.calendar() ?? WorkCalendar(days: []), store: store)
        let modules = try RuleModules(ruleSet, into: lua)
        self.modules = modules
        vocabulary = try Vocabulary.read(from: modules)
        let loaded = try ruleSet.rules.map { try RuleLoader.load($0, into: lua, modules: modules) }
        rules = try RuleLoader.order(loaded.map(\.rule))
        declared = try DeclaredResults(rules: rules, columns: try ResultColumns.current.get())
        labels = loaded.reduce(into: [:]) { all, item in all.merge(item.labels) { first, _ in first } }
        chunks = loaded.flatMap { [$0.chunk, $0.table] } + (coverage ? modules.tablesForCoverage() : [])
        driver = try Self.compileDriver(rules: rules, host: host, lua: lua, modules: modules, outputBytes: settings.outputBytes)
    }

    private static func compileDriver(rules: [Rule], host: HostAPI, lua: LuaState, modules: RuleModules,
                                      outputBytes: Int) throws -> [String: LuaRef] {
        let specs: [LuaArgument] = rules.map { rule in
            .fields([
                "name": .value(.string(rule.name)), "path": .value(.string(rule.path)),
                "needs": .value(.array(rule.needs.map(LuaValue.string))),
                "declared": .value(.table(rule.outputs.mapValues { _ in .boolean(true) })),
                "fields": .value(.array(rule.outputFields.map { field in
                    .table(["name": .string(field.name), "array": .boolean(field.type.isArray),
                            "type": field.type.luaSpec, "text": .string(field.type.description)])
                })),
                "chunk": .reference(rule.chunk),
            ])
        }
        let env = try lua.environment(open: true)
        let source = String(decoding: PackageResources.Driver_lua, as: UTF8.self)
        let chunk = try lua.compile(source, name: "=ruledesk", environment: env)
        let data = lua.dataFunctions()
        let functions = try lua.callKeepingResult(chunk, [
            .reference(try lua.keep(.list(specs))), .reference(lua.freeze), .reference(lua.plain),
            .reference(data.json), .reference(data.validData), .reference(data.jsonNull), .reference(data.jsonEmptyArray),
            .reference(host.calendarTable), .reference(host.query),
            .fields(host.planFunctions.mapValues { .reference($0) }), .value(.integer(Int64(outputBytes))),
            .reference(modules.resetFunction), .reference(modules.watchFunction), .reference(modules.unchangedFunction),
        ])
        let names = ["decide", "decide_json", "compare", "decide_compared", "plan", "state"]
        return Dictionary(uniqueKeysWithValues: names.map { ($0, lua.field($0, of: functions)) })
    }

    /// The lines with code in each rule and module file (the denominator of coverage).
    public func linesWithCode() -> [String: Set<Int>] {
        lua.linesWithCode(reachableFrom: chunks)
    }

    /// The lines run so far in each file, when coverage is on.
    public func coveredLines() -> [String: Set<Int>] {
        lua.coveredLines()
    }

    /// Each rule's Chinese names of its outputs (`output_names`), by rule name.
    public var outputNames: [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: rules.map { ($0.name, $0.declarations.outputNames) })
    }

    /// The rule with a `plan(community, ctx)` function, if any.
    public var planRule: Rule? { rules.first(where: \.plans) }

    /// Re-reads the calendar (after an import into the same store).
    public func reloadCalendar(from store: Store) throws {
        host.calendar = try store.calendar()
    }

    /// Decides one case: every rule in order, each output checked against its declaration.
    public func evaluate(_ ticketCase: TicketCase) throws -> Decision {
        let returned = try run { try lua.call(driver["decide"]!, try arguments(ticketCase)) }
        let names = rules.map(\.name), traces = returned.count > 1 ? returned[1].arrayValue ?? [] : []
        return Decision(ticket: ticketCase.ticket.number, rulesVersion: ruleSet.version, results: returned.first ?? .nil,
                        trace: .table(Dictionary(uniqueKeysWithValues: zip(names, traces))), order: names, rules: rules)
    }

    /// Decides one case as the batch records it: the results and trace as JSON (the same bytes as
    /// ``Decision/resultsJSON`` and ``Decision/traceJSON``) and the values of `keys` (rule, field), by default
    /// those of the rules' declarations (``DeclaredResults/keys``).
    func record(_ ticketCase: TicketCase, keys: [(rule: String, field: String)]? = nil) throws -> RecordedDecision {
        let keys = keys ?? declared.keys
        return try run {
            try lua.call(driver["decide_json"]!, try arguments(ticketCase)) { results in
                RecordedDecision(resultsJSON: try results.string(0), traceJSON: try results.string(1),
                                 keys: keys.map { results.value(2, $0.rule, $0.field) })
            }
        }
    }

    /// The plan function's result and trace, called through the driver.
    func plan(_ rule: Rule, community: LuaValue, extra: [String: LuaArgument]) throws -> (LuaValue, [String]) {
        let index = rules.firstIndex { $0.name == rule.name }! + 1
        let returned = try run {
            try lua.call(driver["plan"]!, [.value(.integer(Int64(index))), .value(community), .fields(extra)])
        }
        let trace = returned.count > 1 ? (returned[1].arrayValue ?? []).compactMap(\.stringValue) : []
        return (returned.first ?? .nil, trace)
    }

    /// From now on, ``decideCompared(_:given:read:)`` decides for `diff` as `plan` says.
    func compare(_ plan: ComparisonPlan) throws {
        func names(_ list: [String]) -> LuaArgument { .value(.array(list.map(LuaValue.string))) }
        try lua.call(driver["compare"]!, [.fields([
            "reusing": names(plan.reusing), "encoding": names(plan.encoding), "handing": names(plan.handing),
            "counting": names(plan.counting), "watching": .value(.boolean(plan.watching)), "flagging": names(plan.flagging),
        ])])
    }

    /// Decides a case for `diff` and reads, in place: the JSON of the results of the rules the plan encodes (as
    /// ``record(_:keys:)`` writes them), the outputs it hands over, the bytes of the rules it counts, and whether a
    /// rule left a module changed. With `given` (`other`'s `decideCompared` of the same case, being read), the
    /// rules the plan reuses are not evaluated, and what `other`'s whole decision used of its limits counts against
    /// this one's: so a decision that fits in them here would fit with those rules evaluated too.
    func decideCompared<T>(_ arguments: [LuaArgument], given: (results: LuaResults, other: RuleEngine)? = nil,
                           read: (LuaResults) throws -> T) throws -> T {
        guard let given else { return try run { try lua.call(driver["decide_compared"]!, arguments, read: read) } }
        let handed: [LuaArgument] = [.copy(of: given.results, at: 1), .copy(of: given.results, at: 2)]
        return try run {
            try lua.call(driver["decide_compared"]!, arguments + handed, charged: given.other.lua.lastUsage, read: read)
        }
    }

    /// The driver's arguments for deciding `ticketCase`: the ticket, its community and its household.
    func arguments(_ ticketCase: TicketCase) throws -> [LuaArgument] {
        [.value(try ticketCase.ticketValue(in: settings.timeZone)), .value(ticketCase.communityValue()),
         .value(ticketCase.householdValue())]
    }

    /// Runs a driver call and turns a failure into a ``RuleFailure`` of the rule that was running.
    private func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LuaError {
            let state = (try? lua.call(driver["state"]!, [])) ?? []
            let index = Int(state.first?.integerValue ?? 0)
            guard index > 0, index <= rules.count else {
                throw RuleFailure(rule: "-", path: ruleSet.folder, kind: .script, message: error.message, traceback: error.traceback)
            }
            let failure = RuleFailure(error, rule: rules[index - 1])
            if state.count > 1, state[1] == .boolean(true), failure.kind == .script {
                throw RuleFailure(rule: failure.rule, path: failure.path, kind: .output, message: error.message)
            }
            throw failure
        }
    }
}

/// A decision as the batch writes it.
struct RecordedDecision {
    let resultsJSON: String
    let traceJSON: String
    let keys: [LuaValue]
}

extension RuleFailure {
    /// The failure of `rule`: the message names the rule's file (and line where Lua knows it), also when the limit
    /// struck in the host's own code (the driver, the sandbox) or where Lua gives no position.
    init(_ error: LuaError, rule: Rule) {
        let kind: Kind
        switch error.kind {
        case .budget, .deadline, .memory, .interrupted: kind = .limit
        case .badValue: kind = .output
        case .syntax, .runtime: kind = .script
        }
        let message: String
        if error.kind == .badValue {
            message = "\(rule.path): rule '\(rule.name)' returned a bad value: \(error.message)"
        } else if error.chunk?.hasSuffix(".lua") == true || error.message.hasPrefix(rule.path + ":") {
            message = error.message   // names a script's file and line, or the rule's file already
        } else {
            message = "\(rule.path): \(error.text)"
        }
        self.init(rule: rule.name, path: rule.path, kind: kind, message: message, traceback: error.traceback)
    }
}
