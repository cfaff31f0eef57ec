import Foundation
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct RuleEngineTests {
    let store: Store
    init() throws { store = try Fixtures.store() }

    private func decide(_ ruleSet: RuleSet, limits: LuaLimits = LuaLimits(), _ fields: [String: String] = [:]) throws -> Decision {
        try Fixtures.engine(ruleSet, store, limits: limits).evaluate(try Fixtures.ticket(store, fields))
    }

    private func failure(_ ruleSet: RuleSet, limits: LuaLimits = LuaLimits()) throws -> RuleFailure? {
        do {
            _ = try decide(ruleSet, limits: limits)
            return nil
        } catch let failure as RuleFailure {
            return failure
        }
    }

    @Test func rulesRunAfterTheRulesTheyNeedAndReadTheirResults() throws {
        let rules = try Fixtures.ruleSet([
            "a_total.lua": """
            return { name = "total", needs = { "base" }, outputs = { value = "integer" },
              evaluate = function(_, ctx) ctx.because("base + 1") return { value = ctx.results.base.value + 1 } end }
            """,
            "b_base.lua": """
            return { name = "base", outputs = { value = "integer" },
              evaluate = function() return { value = 41 } end }
            """,
        ])
        let decision = try decide(rules)
        #expect(decision.outcomes.map(\.rule) == ["base", "total"])
        #expect(decision.results(of: "total")?["value"] == 42)
        #expect(decision.outcomes[1].trace == ["base + 1"])
        #expect(decision.rulesVersion.count == 64)
    }

    @Test func aCycleIsAnErrorNamingIt() throws {
        let rules = try Fixtures.ruleSet([
            "a.lua": "return { name = 'a', needs = {'b'}, outputs = { x = 'any' }, evaluate = function() return {} end }",
            "b.lua": "return { name = 'b', needs = {'a'}, outputs = { x = 'any' }, evaluate = function() return {} end }",
        ])
        #expect(throws: RuleSetError.cycle(["a", "b", "a"])) { try Fixtures.engine(rules, store) }
    }

    @Test func twoRulesWithOneNameAreAnError() throws {
        let rules = try Fixtures.ruleSet([
            "a.lua": "return { name = 'same', outputs = { x = 'any' }, evaluate = function() return {} end }",
            "b.lua": "return { name = 'same', outputs = { x = 'any' }, evaluate = function() return {} end }",
        ])
        #expect { try Fixtures.engine(rules, store) } throws: { "\($0)".contains("b.lua: the rule name 'same' is taken by") }
    }

    @Test func anUnknownNeedIsAnError() throws {
        let rules = try Fixtures.ruleSet([
            "a.lua": "return { name = 'a', needs = {'nope'}, outputs = { x = 'any' }, evaluate = function() return {} end }",
        ])
        #expect { try Fixtures.engine(rules, store) } throws: { "\($0)".contains("needs 'nope', but no rule has that name") }
    }

    @Test(arguments: [
        ("return 1", "must end with `return {"),
        ("return { name = 'x', outputs = { a = 'integer' } }", "`evaluate` must be a function"),
        ("return { name = 'x', outputs = { a = 'int' }, evaluate = function() end }", "output 'a' has type"),
        ("return { outputs = { a = 'integer' }, evaluate = function() end }", "`name` must be"),
        ("return { name = 'x', evaluate = function() end }", "`outputs` must name"),
        ("return { name = 'x' ", "x.lua:1:"),
    ])
    func theContractIsChecked(source: String, fragment: String) throws {
        let rules = try Fixtures.ruleSet(["x.lua": source])
        #expect { try Fixtures.engine(rules, store) } throws: { "\($0)".contains(fragment) && "\($0)".contains("x.lua") }
    }

    @Test(arguments: [
        ("return { value = 'x' }", "{ value = 'integer' }", "output 'value' of rule 'probe' should be integer, but is the string \"x\""),
        ("return {}", "{ value = 'integer' }", "output 'value' of rule 'probe' should be integer, but is missing"),
        ("return { value = 1, extra = 2 }", "{ value = 'integer' }", "returned 'extra', which its outputs do not declare"),
        ("return { value = '2026-02-30' }", "{ value = 'date' }", "should be date"),
        ("return { value = { 'a', 1 } }", "{ value = 'string[]' }", "should be string[]"),
        ("return 5", "{ value = 'integer' }", "must return a table of its outputs"),
    ])
    func outputsAreCheckedAgainstTheirDeclarations(body: String, outputs: String, fragment: String) throws {
        let failure = try failure(try Fixtures.rule(body, outputs: outputs))
        #expect(failure?.kind == .output)
        #expect(failure?.message.contains(fragment) == true, "\(String(describing: failure))")
    }

    @Test func optionalOutputsBecomeNullAndWholeFloatsIntegers() throws {
        let decision = try decide(try Fixtures.rule("return { n = 3.0 }", outputs: "{ n = 'integer', d = 'date?' }"))
        #expect(decision.results(of: "probe") == ["n": .integer(3), "d": .nil])
        #expect(decision.json.contains("\"results\": {\"probe\": {\"d\": null, \"n\": 3}}"))
    }

    @Test func scriptErrorsReadLikeLua() throws {
        let failure = try failure(try Fixtures.rule("local limit\n    return { value = ticket.households_affected > limit }"))
        #expect(failure?.kind == .script)
        #expect(failure?.message.hasSuffix("rules/probe.lua:6: attempt to compare nil with number") == true, "\(String(describing: failure))")
    }

    @Test func theTicketAsRulesSeeIt() throws {
        let rules = try Fixtures.rule("return { value = ticket }", outputs: "{ value = 'table' }")
        let decision = try decide(rules, ["received_at": "2026-03-05T17:00:00Z", "trades": "a|b", "estimated_cost": "1000.01",
                                          "household": "T01-1-101", "completed_at": "2026-03-09"])
        let ticket = decision.results(of: "probe")?["value"]
        #expect(ticket?["registered_on"] == "2026-03-06")
        #expect(ticket?["trades"] == ["a", "b"])
        #expect(ticket?["estimated_cost"] == .number(1000.01))
        #expect(ticket?["completed_on"] == "2026-03-09")
        #expect(ticket?["household"] == "T01-1-101")
        #expect(ticket?["owner"] == .nil && ticket?["phone"] == .nil)
    }

    @Test func theHostAPI() throws {
        let rules = try Fixtures.rule("""
            return { value = {
              workday = ctx.calendar:add_workdays("2026-04-30", 1),
              is_workday = ctx.calendar:is_workday("2026-02-28"),
              plus = ctx.calendar:add_days("2026-02-27", 2),
              months = ctx.calendar:add_months(ctx.community.completion_date, 24),
              moved = ctx.household.moved_in_on,
              count = ctx.query("SELECT count(*) AS n FROM tickets WHERE community_id = ?", 1)[1].n,
            } }
            """)
        let value = try decide(rules, ["household": "T01-1-101"]).results(of: "probe")?["value"]
        #expect(value == ["workday": "2026-05-06", "is_workday": true, "plus": "2026-03-01", "months": "2026-02-28",
                          "moved": "2024-06-01", "count": 1])
    }

    @Test func aMissingCalendarYearFailsTheRule() throws {
        let failure = try failure(try Fixtures.rule("return { value = ctx.calendar:add_workdays('2026-12-30', 5) }"))
        #expect(failure?.message.hasSuffix("probe.lua:5: no holiday calendar for 2027: import it with `ruledesk import calendar`") == true,
                "\(String(describing: failure))")
    }

    @Test func limitsFailOneEvaluationAndTheEngineGoesOn() throws {
        let store = self.store
        let rules = try Fixtures.rule("if ticket.cause == 'loop' then while true do end end return { value = 1 }")
        let engine = try Fixtures.engine(rules, store, limits: LuaLimits(instructions: 100_000, memory: 8 << 20))
        #expect { try engine.evaluate(try Fixtures.ticket(store, ["cause": "loop"])) } throws: { ($0 as? RuleFailure)?.kind == .limit }
        #expect(try engine.evaluate(try Fixtures.ticket(store, [:])).results(of: "probe")?["value"] == 1)
    }
}
