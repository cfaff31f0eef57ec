import Foundation
import GRDB
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

/// Each type crosses between Swift and Lua (or its stored JSON) by one conversion each way, and comes back the same;
/// what is not data is refused with the problem at its path.
@Suite(.removesTemporaryFolders) struct BridgeTests {
    let store: Store
    let engine: RuleEngine

    init() throws {
        store = try Fixtures.samples()
        engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
    }

    private func decisions() throws -> [Decision] {
        try store.read { db in try Ticket.order(Column("number")).fetchAll(db).map { try TicketCase.load(number: $0.number, from: db)! } }
            .map { try engine.evaluate($0) }
    }

    @Test func aDecisionRoundTripsThroughLua() throws {
        let identity = try engine.lua.compile("return ...", name: "identity.lua")
        for decision in try decisions() {
            let back = try engine.lua.call(identity, [.value(decision.luaValue)]).first ?? .nil
            let again = Decision(ticket: back["ticket"].stringValue ?? "", rulesVersion: back["rules_version"].stringValue ?? "",
                                 results: back["results"], trace: back["trace"], order: decision.outcomes.map(\.rule),
                                 rules: engine.rules)
            #expect(again == decision)
        }
    }

    @Test func aDecisionRoundTripsThroughItsStoredJSON() throws {
        for decision in try decisions() {
            let again = Decision(ticket: decision.ticket, rulesVersion: decision.rulesVersion,
                                 results: JSONReader.read(decision.resultsJSON) ?? .nil,
                                 trace: JSONReader.read(decision.traceJSON) ?? .nil)
            #expect(again.outcomes.map(\.rule) == decision.outcomes.map(\.rule).sorted())
            #expect(again.differences(to: decision).isEmpty)
            #expect(again.resultsJSON == decision.resultsJSON && again.traceJSON == decision.traceJSON)
        }
    }

    @Test func theBatchAndTheDecisionWriteTheSameJSON() throws {
        let ticketCase = try store.read { try TicketCase.load(number: "KF-2026-000007", from: $0)! }
        let recorded = try engine.record(ticketCase, keys: [])
        let decision = try engine.evaluate(ticketCase)
        #expect(recorded.resultsJSON == decision.resultsJSON)
        #expect(recorded.traceJSON == decision.traceJSON)
    }

    @Test func aPlanRoundTripsThroughLua() throws {
        let community = try store.read { try Community.coded("H01", in: $0) }
        let plan = try RevisitPlanner(engine: engine, store: store).plan(community, on: LocalDate("2026-03-01")!)
        let identity = try engine.lua.compile("return ...", name: "identity.lua")
        let back = try engine.lua.call(identity, [.value(plan.luaValue)]).first ?? .nil
        let again = try PlanOutput(rule: engine.planRule!).check(
            .table((back.tableValue ?? [:]).filter { ["kind", "mode", "occupancy", "sample_size", "households", "follow_ups"].contains($0.key) }),
            community: community, on: plan.on, seed: back["seed"].stringValue ?? "",
            version: back["rules_version"].stringValue ?? "", trace: (back["trace"].arrayValue ?? []).compactMap(\.stringValue))
        #expect(again == plan)
        #expect(plan.json.hasPrefix("{\"community\": \"H01\", \"on\": \"2026-03-01\", \"kind\": "))
        #expect(!plan.json.contains("\"seed\""))
    }

    @Test func aBadOutputIsNamedAtItsPathThroughTheDriver() throws {
        let store = try Fixtures.store()
        let rules = try Fixtures.rule("return { value = { items = { 1, 0/0 } } }")
        #expect { try Fixtures.engine(rules, store).evaluate(try Fixtures.ticket(store, [:])) } throws: { error in
            (error as? RuleFailure)?.message.hasSuffix(
                "rule 'probe' returned a bad value: results.probe.value.items[2] is NaN, not a number a decision can hold") == true
        }
        let mixed = try Fixtures.rule("return { value = { 1, x = 2 } }")
        #expect { try Fixtures.engine(mixed, store).evaluate(try Fixtures.ticket(store, [:])) } throws: { error in
            (error as? RuleFailure)?.message.hasSuffix(
                "rule 'probe' returned a bad value: results.probe.value mixes array items and named fields, or has gaps") == true
        }
    }
}
