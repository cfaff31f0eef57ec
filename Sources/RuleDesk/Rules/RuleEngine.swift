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
    /// Names for the keys that rules output (`cs_manager` → 客户服务部经理), from the rules' `labels`.
    public let labels: [String: String]
    public let settings: Settings
    let lua: LuaState
    let host: HostAPI

    /// Compiles `ruleSet`. With `coverage`, the state records the lines it runs from the start.
    public init(ruleSet: RuleSet, store: Store?, settings: Settings, calendar: WorkCalendar? = nil,
                coverage: Bool = false, limits: LuaLimits = LuaLimits()) throws {
        self.ruleSet = ruleSet
        self.settings = settings
        lua = try LuaState(limits: limits)
        lua.recordsCoverage = coverage
        host = try HostAPI(lua: lua, calendar: try calendar ?? store?.calendar() ?? WorkCalendar(days: []), store: store)
        let lua = self.lua
        let loaded = try ruleSet.files.map { try RuleLoader.load($0, into: lua) }
        rules = try RuleLoader.order(loaded.map(\.rule))
        labels = loaded.reduce(into: [:]) { all, item in all.merge(item.labels) { first, _ in first } }
        chunks = loaded.flatMap { [$0.chunk, $0.table] }
    }

    /// The compiled files and the tables they returned, for coverage.
    private let chunks: [LuaRef]

    /// The lines with code in each rule file (the denominator of coverage).
    public func linesWithCode() -> [String: Set<Int>] {
        lua.linesWithCode(reachableFrom: chunks)
    }

    /// The lines run so far in each file, when coverage is on.
    public func coveredLines() -> [String: Set<Int>] {
        lua.coveredLines()
    }

    /// The rule with a `plan(community, ctx)` function, if any.
    public var planRule: Rule? { rules.first { $0.plan != nil } }

    /// Re-reads the calendar (after an import into the same store).
    public func reloadCalendar(from store: Store) throws {
        host.calendar = try store.calendar()
    }

    /// Decides one case: every rule in order, each output checked against its declaration.
    public func evaluate(_ ticketCase: TicketCase) throws -> Decision {
        let ticketRef = try lua.keep(.value(try ticketCase.ticketValue(in: settings.timeZone)))
        defer { lua.release(ticketRef) }
        let community = ticketCase.communityValue(), household = ticketCase.householdValue()

        var outcomes: [Decision.Outcome] = []
        var results: [String: LuaValue] = [:]
        for rule in rules {
            var needed: [String: LuaValue] = [:]
            for need in rule.needs { needed[need] = results[need].map { .table($0.tableValue ?? [:]) } }
            let ctx: LuaArgument = .fields([
                "results": .value(.table(needed)),
                "community": .value(community),
                "household": .value(household),
                "calendar": .reference(host.calendarTable),
                "query": .reference(host.query),
                "because": .reference(host.because),
            ])
            host.trace = []
            let returned: [LuaValue]
            do {
                returned = try lua.call(rule.evaluate, [.reference(ticketRef), ctx])
            } catch let error as LuaError {
                throw RuleFailure(error, rule: rule)
            }
            let fields = try rule.conform(returned.first ?? .nil)
            results[rule.name] = .table(fields)
            outcomes.append(Decision.Outcome(rule: rule.name, results: fields, trace: host.trace))
        }
        return Decision(ticket: ticketCase.ticket.number, rulesVersion: ruleSet.version, outcomes: outcomes)
    }
}

extension RuleFailure {
    init(_ error: LuaError, rule: Rule) {
        let kind: Kind
        switch error.kind {
        case .budget, .memory, .interrupted: kind = .limit
        case .badValue: kind = .output
        case .syntax, .runtime: kind = .script
        }
        let message: String
        if error.kind == .badValue {
            message = "\(rule.path): rule '\(rule.name)' returned a bad value: \(error.message)"
        } else if error.chunk == nil {
            message = "\(rule.path): \(error.message)"   // memory errors carry no position
        } else {
            message = error.message
        }
        self.init(rule: rule.name, path: rule.path, kind: kind, message: message, traceback: error.traceback)
    }
}
