import GRDB
import LuaRuntime

/// Asks the rule set's `plan(community, ctx)` for a community's revisit plan on a date, and checks the answer.
///
/// ```swift
/// let plan = try RevisitPlanner(engine: engine, store: store).plan(community, on: LocalDate("2026-03-01")!)
/// ```
public final class RevisitPlanner {
    let engine: RuleEngine
    let store: Store
    private var date = LocalDate(dayNumber: 0)
    private var currentCommunity = ""

    public init(engine: RuleEngine, store: Store) throws {
        guard engine.planRule != nil else { throw RevisitError.noPlanRule(engine.ruleSet.folder) }
        self.engine = engine
        self.store = store
    }

    /// The default seed: the community's code and the plan date.
    private var currentSeed: String { "\(currentCommunity)@\(date)" }

    /// The plan for `community` on `date`. `settings` reach the script as `ctx.settings`.
    public func plan(_ community: Community, on date: LocalDate, settings: LuaValue = .table([:])) throws -> RevisitPlan {
        self.date = date
        currentCommunity = community.code
        engine.host.planner = self
        defer { engine.host.planner = nil }
        let rule = engine.planRule!
        let (value, trace) = try engine.plan(rule, community: TicketCase.communityValue(community), extra: [
            "on": .value(.string(date.description)),
            "settings": .value(settings),
        ])
        return try PlanOutput(rule: rule).check(value, community: community, on: date, seed: currentSeed,
                                                version: engine.ruleSet.version, trace: trace)
    }

    /// Answers the plan's `ctx.households(community)`, `ctx.revisits(community)` and `ctx.sample(list, n, options)`.
    func answer(_ function: String, _ call: LuaCall) throws -> [LuaValue] {
        switch function {
        case "households":
            let community = try self.community(call.value(0))
            return [.array(try store.read { try Household.occupied(in: community, on: date, $0) }.map(\.planValue))]
        case "revisits":
            let community = try self.community(call.value(0))
            return [try store.read { try RevisitHistory(community: community, upTo: date, in: $0) }.luaValue]
        default:
            guard let items = try call.value(0).arrayValue, let n = try call.value(1).integerValue else {
                throw LuaError(.runtime, "ctx.sample(list, n, { seed = …, strata = … }) expects a list and a whole number")
            }
            let options = try call.value(2)
            let seed = options["seed"].stringValue ?? options["seed"].integerValue.map(String.init) ?? currentSeed
            return [.array(try Sampler.sample(items, n: Int(n), seed: seed, strata: options["strata"].stringValue))]
        }
    }

    private func community(_ value: LuaValue) throws -> Community {
        guard let code = value.stringValue ?? value["code"].stringValue else {
            throw LuaError(.runtime, "expected a community (its table or its code)")
        }
        guard let community = try store.read({ try Community.filter(Column("code") == code).fetchOne($0) }) else {
            throw LuaError(.runtime, "unknown community '\(code)'")
        }
        return community
    }
}

/// Why a plan cannot be made or saved.
public enum RevisitError: Error, Equatable, CustomStringConvertible {
    case noPlanRule(String)
    case unknownCommunity(String)
    case unknownHousehold(String, String)

    public var description: String {
        switch self {
        case .noPlanRule(let folder):
            return "no rule in \(folder) has a plan(community, ctx) function; see docs/rules.md, Revisit plans"
        case .unknownCommunity(let code):
            return "unknown community '\(code)'; import communities first"
        case .unknownHousehold(let code, let community):
            return "the plan names household '\(code)', which is not in community '\(community)'"
        }
    }
}
