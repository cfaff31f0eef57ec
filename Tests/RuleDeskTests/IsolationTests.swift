import Foundation
import GRDB
import LuaRuntime
import TemporaryFolders
import Testing
@testable import RuleDesk

/// A decision depends only on the ticket, the records and the rule files: a rule reads but never changes the
/// ticket, ctx, the calendar or another rule's results, keeps nothing from one ticket to the next, and every
/// evaluation is bounded (instructions, time, memory, output). Each failure names the rule file.
@Suite(.removesTemporaryFolders) struct IsolationTests {
    let store: Store
    init() throws { store = try Fixtures.store() }

    /// A rule `first` and a rule `second` that needs it; `second`'s body runs for tickets with cause `attack`.
    private func engine(attack: String, limits: LuaLimits = LuaLimits(instructions: 10_000_000, memory: 32 << 20, seconds: 5)) throws -> RuleEngine {
        let rules = try Fixtures.ruleSet([
            "first.lua": """
            return {
              name = "first",
              outputs = { component = "string?", due = "date", trades = "string[]" },
              evaluate = function(ticket, ctx)
                return { component = ticket.component, due = ctx.calendar:add_workdays(ticket.registered_on, 3),
                         trades = ticket.trades }
              end,
            }
            """,
            "second.lua": """
            return {
              name = "second",
              needs = { "first" },
              outputs = { due = "date", component = "string?", value = "any" },
              evaluate = function(ticket, ctx)
                if ticket.cause == "attack" then
                  \(attack)
                end
                return { due = ctx.calendar:add_workdays(ticket.registered_on, 3), component = ctx.results.first.component }
              end,
            }
            """,
        ])
        return try Fixtures.engine(rules, store, limits: limits)
    }

    /// The attack fails with `fragment` and the rule's file named; a clean ticket after it decides as before.
    private func expectContained(_ attack: String, _ fragment: String, limits: LuaLimits? = nil,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let engine = try limits.map { try self.engine(attack: attack, limits: $0) } ?? self.engine(attack: attack)
        let clean = try Fixtures.ticket(store, ["component": "plumbing", "trades": "plumbing"])
        let before = try engine.evaluate(clean)
        do {
            let decision = try engine.evaluate(try Fixtures.ticket(store, ["cause": "attack", "component": "plumbing"]))
            Issue.record("the attack succeeded: \(decision.outcomes)", sourceLocation: sourceLocation)
        } catch let failure as RuleFailure {
            #expect(failure.message.contains(fragment), "\(failure.message)", sourceLocation: sourceLocation)
            #expect(failure.message.contains("second.lua"), "\(failure.message)", sourceLocation: sourceLocation)
        }
        let after = try engine.evaluate(clean)
        #expect(after.outcomes == before.outcomes, sourceLocation: sourceLocation)
        #expect(after.results(of: "second")?["due"] == "2026-03-05", sourceLocation: sourceLocation)
    }

    @Test func theCalendarCannotBeReplacedThroughPairs() throws {
        try expectContained("local _, raw = pairs(ctx.calendar); raw.add_workdays = function() return '2099-12-31' end",
                            "cannot change ctx.calendar.add_workdays")
        try expectContained("for _, f in pairs(ctx.calendar) do end ctx.calendar.add_workdays = nil",
                            "cannot change ctx.calendar.add_workdays")
    }

    @Test func libraryTablesCannotBeReplacedThroughPairs() throws {
        try expectContained("local _, raw = pairs(string); raw.format = function() return 'x' end", "cannot change string.format")
        try expectContained("local f, t = pairs(table); t.concat = nil", "cannot change table.concat")
    }

    @Test func theTicketIsReadOnly() throws {
        try expectContained("ticket.component = 'structure'", "cannot change ticket.component")
        try expectContained("ticket.trades[1] = 'structure'", "it is read-only")
        try expectContained("table.insert(ticket.trades, 'x')", "it is read-only")
    }

    @Test func neededResultsAreReadOnly() throws {
        try expectContained("ctx.results.first.due = 'not-a-date'", "cannot change ctx.results.first.due")
        try expectContained("for k in pairs(ctx.results.first) do ctx.results.first[k] = 0/0 end", "it is read-only")
        try expectContained("local _, raw = next(ctx.results) raw.due = 1", "cannot change ctx.results.first.due")
        try expectContained("ctx.results.first.trades[1] = 'x'", "it is read-only")
        try expectContained("ctx.community.code = 'X'", "cannot change ctx.community.code")
        try expectContained("ctx.results = {}", "cannot change ctx.results")
    }

    @Test func finalizersAreRefusedSoNothingRunsOutsideTheBudget() throws {
        try expectContained("setmetatable({}, { __gc = function() while true do end end })", "__gc")
    }

    @Test func aLongPatternMatchIsStopped() throws {
        try expectContained("string.find(string.rep('a', 30000), string.rep('a-', 12) .. 'b')", "instruction budget exhausted")
        try expectContained("('a'):rep(30000):find(('a-'):rep(12) .. 'b')", "time limit exceeded",
                            limits: LuaLimits(instructions: .max / 2, memory: 32 << 20, seconds: 0.5))
    }

    @Test func aLoopHitsTheDeadline() throws {
        try expectContained("while true do end", "time limit exceeded (0.5 s)",
                            limits: LuaLimits(instructions: .max / 2, memory: 32 << 20, seconds: 0.5))
        try expectContained("while true do pcall(function() while true do end end) end", "time limit exceeded",
                            limits: LuaLimits(instructions: .max / 2, memory: 32 << 20, seconds: 0.5))
    }

    @Test func aLongQueryIsStopped() throws {
        let counting = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"
        try expectContained("ctx.query('\(counting)')", "time limit exceeded",
                            limits: LuaLimits(instructions: .max / 2, memory: 32 << 20, seconds: 0.5))
        try expectContained("pcall(ctx.query, '\(counting)') while true do end", "time limit exceeded",
                            limits: LuaLimits(instructions: .max / 2, memory: 32 << 20, seconds: 0.5))
    }

    @Test func queriesCannotLiftTheMemoryCap() throws {
        try expectContained("ctx.query('SELECT hex(zeroblob(400000000))')", "larger than 1000000 bytes")
        try expectContained("ctx.query('SELECT zeroblob(900000) AS b, x FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) SELECT x FROM n)')",
                            "memory limit")
    }

    @Test func outputsAndTracesAreBounded() throws {
        try expectContained("for i = 1, 100 do ctx.because(string.rep('长', 33334)) end", "output limit (256 KB")
        try expectContained("local t = {} for i = 1, 1000000 do t[i] = i end return { due = '2026-03-05', value = t }",
                            "output limit (256 KB", limits: LuaLimits(instructions: 100_000_000, memory: 64 << 20))
    }

    @Test func badTraceLinesNameTheFileAndLine() throws {
        try expectContained("ctx.because('\\xff\\xfe')", "second.lua:7: ctx.because: the text is not valid UTF-8")
        try expectContained("ctx.because({})", "second.lua:7: ctx.because expects a text")
    }

    @Test func becauseFormatsItsArguments() throws {
        let rules = try Fixtures.rule("ctx.because('%s 单工种 %d 个工作日', ticket.component, 3) return { value = 1 }")
        let decision = try Fixtures.engine(rules, store).evaluate(try Fixtures.ticket(store, ["component": "plumbing"]))
        #expect(decision.outcomes.first?.trace == ["plumbing 单工种 3 个工作日"])
    }

    @Test func fileLevelStateDoesNotCarryFromTicketToTicket() throws {
        let rules = try Fixtures.ruleSet(["keeper.lua": """
            local last
            local seen = {}
            return {
              name = "keeper",
              outputs = { previous = "string?", count = "integer" },
              evaluate = function(ticket, ctx)
                local previous = last
                last = ticket.number
                seen[#seen + 1] = ticket.description
                return { previous = previous, count = #seen }
              end,
            }
            """])
        let engine = try Fixtures.engine(rules, store)
        for description in ["业主甲的描述", "业主乙的描述"] {
            let decision = try engine.evaluate(try Fixtures.ticket(store, ["description": description]))
            #expect(decision.results(of: "keeper")?["previous"] == LuaValue.nil)
            #expect(decision.results(of: "keeper")?["count"] == 1)
        }
    }

    @Test func rulesNeverSeeOwnersNamesOrPhones() throws {
        let rules = try Fixtures.rule("return { value = ctx.query('SELECT * FROM households') }")
        let decision = try Fixtures.engine(rules, store).evaluate(try Fixtures.ticket(store, [:]))
        let rows = try #require(decision.results(of: "probe")?["value"]?.arrayValue)
        #expect(rows.count == 1)
        #expect(rows.first?["code"] == "T01-1-101")
        #expect(rows.first?["owner"] == LuaValue.nil && rows.first?["phone"] == LuaValue.nil)
        try expectContained("ctx.query('SELECT owner FROM main.households')", "households.owner is personal data")
        try expectContained("ctx.query('SELECT count(*) FROM main.households WHERE phone LIKE ?', '138%')", "households.phone is personal data")
        try expectContained("ctx.query('SELECT owner FROM households')", "no such column: owner")
        try expectContained("ctx.query('SELECT * FROM main.households')", "personal data")
    }

    @Test func aLimitWhileAFileLoadsNamesTheFile() throws {
        let rules = try Fixtures.ruleSet(["heavy.lua": "local s = string.rep('x', 2^30)\nreturn {}"])
        #expect { try Fixtures.engine(rules, store, limits: LuaLimits(memory: 16 << 20)) } throws: { error in
            "\(error)".contains("heavy.lua") && "\(error)".contains("memory limit")
        }
        let deep = try Fixtures.ruleSet(["deep.lua": "local function f() return f() + 1 end f()\nreturn {}"])
        #expect { try Fixtures.engine(deep, store) } throws: { "\($0)".contains("deep.lua") }
    }

    @Test func planningRegistersNoFunctionsAndLeavesNothingBehind() throws {
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
        let functions = engine.lua.hostFunctionCount
        let community = try store.read { try Community.filter(Column("code") == "T01").fetchOne($0)! }
        for _ in 0..<3 {
            _ = try RevisitPlanner(engine: engine, store: store).plan(community, on: LocalDate("2026-03-01")!)
        }
        #expect(engine.lua.hostFunctionCount == functions)
        _ = try engine.evaluate(try Fixtures.ticket(store, [:]))
    }
}
