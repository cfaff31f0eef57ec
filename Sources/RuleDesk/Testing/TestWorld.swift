import Foundation
import GRDB
import LuaRuntime

/// The helpers a rule test calls to build its world in an in-memory store and evaluate tickets in it:
/// `import`, `community{}`, `household{}`, `calendar_day`, `evaluate{}`.
final class TestWorld {
    let store: Store
    let engine: RuleEngine
    let importer: Importer
    let folder: String
    /// The report scripts compiled in this world's state, once `report{…}` or coverage needs them.
    var reportRunner: ReportRunner?

    init(ruleSet: RuleSet, settings: Settings, coverage: Bool, limits: LuaLimits) throws {
        store = try Store()
        engine = try RuleEngine(ruleSet: ruleSet, store: store, settings: settings, coverage: coverage, limits: limits)
        var importer = Importer(store: store, settings: settings)
        importer.vocabulary = engine.vocabulary
        self.importer = importer
        folder = ruleSet.folder
    }

    /// The globals a test file sees besides the sandbox's.
    func globals() -> [String: LuaArgument] {
        reportGlobals().merging([
            "import": helper { world, call in
                guard case .string(let kind) = try call.value(0), let importKind = ImportKind(rawValue: kind),
                      case .string(let path) = try call.value(1) else {
                    throw LuaError(.runtime, "import(kind, path): kind is one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")), path is relative to the rules folder")
                }
                _ = try world.checked { try world.importer.run(importKind, file: world.folder + "/" + path) }
                try world.engine.reloadCalendar(from: world.store)
                return []
            },
            "community": helper { world, call in try world.insert(.communities, call) },
            "household": helper { world, call in try world.insert(.households, call) },
            "calendar_day": helper { world, call in
                let fields = ["date", "kind", "name"].enumerated().reduce(into: [String: String]()) { fields, item in
                    fields[item.element] = try? call.value(item.offset).stringValue
                }
                _ = try world.checked { try world.importer.insert(.calendar, fields: fields, source: "calendar_day", line: 0) }
                try world.engine.reloadCalendar(from: world.store)
                return []
            },
            "evaluate": helper { world, call in try world.evaluate(call) },
            "revisit_result": helper { world, call in try world.insert(.revisits, call) },
            "plan": helper { world, call in try world.plan(call) },
        ]) { first, _ in first }
    }

    /// A helper in the engine's Lua state that reaches this world without keeping it alive: the state belongs to
    /// the world's engine, so a strong reference would keep both forever.
    func helper(_ body: @escaping (TestWorld, LuaCall) throws -> [LuaValue]) -> LuaArgument {
        .reference(engine.lua.function { [weak self] call in
            guard let self else { throw LuaError(.runtime, "the test's world is gone") }
            return try body(self, call)
        })
    }

    private func insert(_ kind: ImportKind, _ call: LuaCall) throws -> [LuaValue] {
        let fields = try LuaFields.csvFields(call.value(0), kind: kind, zone: engine.settings.timeZone)
        if kind == .communities, fields["name"] == nil { return try insert(kind, fields.merging(["name": fields["code"] ?? ""]) { a, _ in a }) }
        return try insert(kind, fields)
    }

    private func insert(_ kind: ImportKind, _ fields: [String: String]) throws -> [LuaValue] {
        [.string(try checked { try importer.insert(kind, fields: fields, source: kind.rawValue, line: 0) })]
    }

    private func evaluate(_ call: LuaCall) throws -> [LuaValue] {
        var fields = try LuaFields.csvFields(call.value(0), kind: .tickets, zone: engine.settings.timeZone)
        for (key, value) in ["channel": "cs", "kind": "complaint", "cause": "other"] where fields[key] == nil {
            fields[key] = value
        }
        let number = try checked { try importer.insert(.tickets, fields: fields, source: "evaluate", line: 0) }
        guard let ticketCase = try store.read({ try TicketCase.load(number: number, from: $0) }) else { return [] }
        let decision: Decision
        do {
            decision = try engine.evaluate(ticketCase)
        } catch let failure as RuleFailure {
            throw LuaError(.runtime, "rule '\(failure.rule)' failed: \(failure.message)")
        }
        var results: [String: LuaValue] = [:], trace: [String: LuaValue] = [:]
        for outcome in decision.outcomes {
            results[outcome.rule] = .table(outcome.results)
            trace[outcome.rule] = .array(outcome.trace.map(LuaValue.string))
        }
        return [.table(results), .table(trace)]
    }

    private func plan(_ call: LuaCall) throws -> [LuaValue] {
        let options = try call.value(0)
        guard let code = options["community"].stringValue, let on = options["on"].stringValue.flatMap(LocalDate.init) else {
            throw LuaError(.runtime, "plan{ community = CODE, on = \"YYYY-MM-DD\" } needs both")
        }
        guard let community = try store.read({ try Community.filter(Column("code") == code).fetchOne($0) }) else {
            throw LuaError(.runtime, RevisitError.unknownCommunity(code).description)
        }
        let plan: RevisitPlan
        do {
            plan = try RevisitPlanner(engine: engine, store: store).plan(community, on: on, settings: options["settings"])
        } catch let failure as RuleFailure {
            throw LuaError(.runtime, "plan failed: \(failure.message)")
        }
        if options["save"].boolValue == true { _ = try store.write { try plan.save(in: $0) } }
        let value: LuaValue = .table([
            "kind": .string(plan.kind), "mode": plan.mode.map(LuaValue.string) ?? .nil,
            "occupancy": .number(plan.occupancy), "sample_size": .integer(Int64(plan.sampleSize)),
            "households": .array(plan.households.map(LuaValue.string)),
            "follow_ups": .array(plan.followUps.map {
                .table(["household": .string($0.household), "with_manager": .boolean($0.withManager)])
            }),
        ])
        return [value, .array(plan.trace.map(LuaValue.string))]
    }

    private func checked<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ImportError {
            throw LuaError(.runtime, error.description)
        }
    }
}
