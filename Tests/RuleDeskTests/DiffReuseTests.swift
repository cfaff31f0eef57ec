import Foundation
import LuaRuntime
@testable import RuleDesk
import Testing

/// `diff` evaluates on the proposed side only the rules a change touches, taking the others' outputs from the
/// decision in force (``EnginePair``), and decides a ticket in full whenever a rule left a module changed: the
/// report is always what deciding every ticket in full under both rule sets gives.
@Suite(.removesTemporaryFolders) struct DiffReuseTests {
    let store: Store
    init() throws {
        store = try Fixtures.store()
        for cause in ["leak", "other", "crack"] { _ = try Fixtures.ticket(store, ["cause": cause]) }
    }

    /// A rule file returning `value`, from `evaluate`'s body.
    private static func rule(_ name: String, _ body: String, head: String = "", needs: String = "{}") -> String {
        """
        \(head)
        return {
          name = "\(name)", needs = \(needs),
          outputs = { value = "any" },
          evaluate = function(ticket, ctx)
            \(body)
          end,
        }
        """
    }

    private static func path(of rule: String, in engine: RuleEngine) throws -> String {
        try #require(engine.rules.first { $0.name == rule }).path
    }

    private func report(_ current: [String: String], _ proposed: [String: String], outputKB: Int? = nil,
                        instructions: Int? = nil) throws -> DiffReport {
        var settings = Fixtures.shanghai
        if let outputKB { settings.outputBytes = outputKB * 1024 }
        if let instructions { settings.limits.instructions = instructions }
        var diff = RuleDiff(store: store, current: try Fixtures.ruleSet(current), proposed: try Fixtures.ruleSet(proposed),
                            settings: settings)
        diff.jobs = 1
        return try diff.run()
    }

    @Test func theRulesAChangeTouchesAreEvaluatedAndTheOthersReused() throws {
        let defaults = try RuleSet(folder: Fixtures.root + "/rules")
        let folder = try Fixtures.temporaryFolder() + "/rules"
        try FileManager.default.copyItem(atPath: Fixtures.root + "/rules", toPath: folder)
        let approval = folder + "/approval.lua"
        try (try String(contentsOfFile: approval, encoding: .utf8) + "\n-- a comment changes the file\n")
            .write(toFile: approval, atomically: true, encoding: .utf8)
        let pair = try EnginePair(current: try Fixtures.engine(defaults, store), proposed: try Fixtures.engine(try RuleSet(folder: folder), store))
        #expect(!pair.reused.contains("approval") && pair.reused.contains("assignment"))
        for rule in pair.proposed.rules where pair.reused.contains(rule.name) {
            #expect(rule.needs.allSatisfy(pair.reused.contains), "\(rule.name) needs a rule that is evaluated again")
        }
        #expect(pair.proposed.rules.contains { $0.needs.contains("approval") } == false
                || pair.proposed.rules.filter { $0.needs.contains("approval") }.allSatisfy { !pair.reused.contains($0.name) })

        let money = folder + "/lib/money.lua"
        try (try String(contentsOfFile: money, encoding: .utf8) + "\n").write(toFile: money, atomically: true, encoding: .utf8)
        let proposed = try Fixtures.engine(try RuleSet(folder: folder), store)
        #expect(EnginePair.changedModules(current: try Fixtures.engine(defaults, store), proposed: proposed) == ["money"])
    }

    /// Rule `b` (the same file in both sets) reaches the module `m`, whose file changed: directly, as a module of data
    /// (kept from decision to decision), through another module, or through one that a changed rule made run first.
    /// Its value changes from 1 to 2, which reusing its output would hide.
    @Test(arguments: [
        ["b": "local m = require('m')", "m": "local m = {}\nfunction m.value() return VALUE end\nreturn m", "via": nil],
        ["b": "local m = { value = function() return require('m').value end }", "m": "return { value = VALUE }", "via": nil],
        ["b": "local m = require('via')", "m": "local m = {}\nfunction m.value() return VALUE end\nreturn m",
         "via": "local m = require('m')\nreturn { value = m.value }"],
        ["a": "require('via')", "b": "local m = require('via')",
         "m": "local m = {}\nfunction m.value() return VALUE end\nreturn m", "via": "local m = require('m')\nreturn { value = m.value }"],
    ])
    func aSharedRuleThatReachesAChangedModuleIsDecidedInFull(_ files: [String: String?]) throws {
        let b = Self.rule("b", "return { value = m.value() }", head: (files["b"] ?? "") ?? "")
        func set(_ value: Int, _ a: String) -> [String: String] {
            var set = ["a.lua": Self.rule("a", "return { value = \(a) }", head: (files["a"] ?? "") ?? ""), "b.lua": b,
                       "lib/m.lua": ((files["m"] ?? "") ?? "").replacingOccurrences(of: "VALUE", with: "\(value)")]
            if let via = files["via"] ?? nil { set["lib/via.lua"] = via }
            return set
        }
        let report = try report(set(1, "1"), set(2, "1 + 0"))
        #expect(report.changes.map { "\($0.rule).\($0.field): \($0.from)→\($0.to)" } == ["b.value: 1→2"])
    }

    @Test func aChangedModuleNoSharedRuleReachesLeavesThemReused() throws {
        let b = Self.rule("b", "return { value = 7 }")
        let current = try Fixtures.ruleSet(["a.lua": Self.rule("a", "return { value = 1 }"), "b.lua": b,
                                            "lib/report_only.lua": "return { title = 'old' }"])
        let proposed = try Fixtures.ruleSet(["a.lua": Self.rule("a", "return { value = 1 + 0 }"), "b.lua": b,
                                             "lib/report_only.lua": "return { title = 'new' }"])
        let engine = try RuleEngine(ruleSet: proposed, store: store, settings: Fixtures.shanghai, coverage: true)
        let pair = try EnginePair(current: try Fixtures.engine(current, store), proposed: engine)
        let cases = try store.read { try TicketCase.loadMany(ids: [1, 2, 3], from: $0) }
        for ticketCase in cases { #expect(pair.decisions(ticketCase) == nil) }
        #expect(engine.coveredLines()[try Self.path(of: "b", in: engine)]?.contains(6) != true)
    }

    @Test func aReusedRuleIsNotRunOnTheProposedSide() throws {
        let b = Self.rule("b", "return { value = 7 }")
        let current = try Fixtures.ruleSet(["a.lua": Self.rule("a", "return { value = 1 }"), "b.lua": b])
        let proposed = try Fixtures.ruleSet(["a.lua": Self.rule("a", "return { value = ticket.cause == 'none' and 2 or 1 }"), "b.lua": b])
        let engine = try RuleEngine(ruleSet: proposed, store: store, settings: Fixtures.shanghai, coverage: true)
        let pair = try EnginePair(current: try Fixtures.engine(current, store), proposed: engine)
        #expect(pair.reused == ["b"])
        let cases = try store.read { try TicketCase.loadMany(ids: [1, 2, 3], from: $0) }
        for ticketCase in cases { #expect(pair.decisions(ticketCase) == nil) }
        let covered = engine.coveredLines()
        #expect(covered[try Self.path(of: "a", in: engine)]?.contains(6) == true)
        #expect(covered[try Self.path(of: "b", in: engine)]?.contains(6) != true)
    }

    /// Modules that keep state from call to call in every way a module can: rule `a` (changed) calls `m.next()`
    /// once before and twice after the change, rule `b` (the same file in both) outputs the next value, so `b`
    /// changes on every ticket. Reusing `b`'s output would hide that.
    @Test(arguments: [
        "local n = 0\nfunction m.next() n = n + 1 return n end",
        "local seen = {}\nfunction m.next() seen[#seen + 1] = true return #seen end",
        "local f = load('local n = 0 return function() n = n + 1 return n end', '=hidden')()\nfunction m.next() return f() end",
        "local holder = setmetatable({}, {})\nfunction m.next() local mt = getmetatable(holder) mt.n = (mt.n or 0) + 1 return mt.n end",
        "local state = { n = 0 }\nlocal function bump() state.n = state.n + 1 return state.n end\nfunction m.next() return bump() end",
        "local big = {} for i = 1, 300 do big[i] = {} end\nlocal n = 0\nfunction m.next() n = n + 1 return n end",
    ])
    func aModuleThatKeepsStateMakesTheTicketDecidedInFull(_ state: String) throws {
        let module = "local m = {}\n\(state)\nreturn m"
        let head = "local m = require('m')"
        let b = Self.rule("b", "return { value = m.next() }", head: head)
        let report = try report(
            ["a.lua": Self.rule("a", "m.next() return { value = 1 }", head: head), "b.lua": b, "lib/m.lua": module],
            ["a.lua": Self.rule("a", "m.next() m.next() return { value = 1 }", head: head), "b.lua": b, "lib/m.lua": module])
        #expect(report.ticketsChanged == 3)
        #expect(report.changes.map { "\($0.rule).\($0.field): \($0.from)→\($0.to)" } == ["b.value: 2→3"])
    }

    /// Rule `a1` (the same in both sets) changes the module `m` only through `via`, which `a0` made run: one that
    /// holds `m` from when it ran, or one that requires `m` when called. Rule `z` (changed) reads `m` through `via`,
    /// so under both rule sets it sees what `a1` did, and its value changes from 1 to 2; deciding `z` alone on the
    /// proposed side would give 1 there and hide the change.
    @Test(arguments: [
        "local m = require('m')\nlocal via = {}\nfunction via.next() return m.next() end\nfunction via.peek() return m.peek() end\nreturn via",
        "local via = {}\nfunction via.next() return require('m').next() end\nfunction via.peek() return require('m').peek() end\nreturn via",
    ])
    func stateReachedThroughAnotherModuleIsFound(_ via: String) throws {
        let module = "local m = {}\nlocal n = 0\nfunction m.next() n = n + 1 return n end\nfunction m.peek() return n end\nreturn m"
        let shared = [
            "a0.lua": Self.rule("a0", "return { value = 0 }", head: "require('via')"),
            "a1.lua": Self.rule("a1", "via.next() return { value = 0 }", head: "local via = require('via')"),
            "lib/m.lua": module, "lib/via.lua": via,
        ]
        let head = "local via = require('via')"
        let report = try report(shared.merging(["z.lua": Self.rule("z", "return { value = via.peek() }", head: head)]) { $1 },
                                shared.merging(["z.lua": Self.rule("z", "return { value = via.peek() + 1 }", head: head)]) { $1 })
        #expect(report.changes.map { "\($0.rule).\($0.field): \($0.from)→\($0.to)" } == ["z.value: 1→2"])
    }

    @Test func aModuleWithoutStateLetsTheRulesBeReused() throws {
        let module = "local m = {}\nlocal base = { 10 }\nfunction m.next() return base[1] + 1 end\nreturn m"
        let head = "local m = require('m')"
        let b = Self.rule("b", "return { value = m.next() }", head: head)
        let current = try Fixtures.ruleSet(["a.lua": Self.rule("a", "return { value = m.next() }", head: head), "b.lua": b, "lib/m.lua": module])
        let proposed = try Fixtures.ruleSet(["a.lua": Self.rule("a", "return { value = m.next() + 0 }", head: head), "b.lua": b,
                                             "lib/m.lua": module])
        let engine = try RuleEngine(ruleSet: proposed, store: store, settings: Fixtures.shanghai, coverage: true)
        let pair = try EnginePair(current: try Fixtures.engine(current, store), proposed: engine)
        let cases = try store.read { try TicketCase.loadMany(ids: [1, 2, 3], from: $0) }
        for ticketCase in cases { #expect(pair.decisions(ticketCase) == nil) }
        #expect(engine.coveredLines()[try Self.path(of: "b", in: engine)]?.contains(6) != true)
    }

    /// The reused rule's bytes count against the output limit on the proposed side: a changed rule whose trace
    /// grows past the limit fails there, though its results are the same.
    @Test func aReusedRuleStillCountsAgainstTheOutputLimit() throws {
        let b = Self.rule("b", "return { value = string.rep('x', 600) }")
        let report = try report(
            ["a.lua": Self.rule("a", "return { value = 1 }"), "b.lua": b],
            ["a.lua": Self.rule("a", "ctx.because(string.rep('y', 500)) return { value = 1 }"), "b.lua": b], outputKB: 1)
        #expect(report.failures.count == 3)
    }

    /// What the reused rule used of the instruction budget counts on the proposed side: a changed rule that takes
    /// the decision past the budget fails there, though alone it would fit.
    @Test func aReusedRuleStillCountsAgainstTheInstructionBudget() throws {
        let loop = "local n = 0 for i = 1, 300000 do n = n + i end"
        let b = Self.rule("b", "\(loop) return { value = 1 }")
        let report = try report(["a.lua": Self.rule("a", "return { value = 1 }"), "b.lua": b],
                                ["a.lua": Self.rule("a", "\(loop) return { value = 1 }"), "b.lua": b], instructions: 1_000_000)
        #expect(report.failures.count == 3)
        #expect(report.failures.allSatisfy { $0.message.contains("instruction budget") })
    }

    /// A changed rule reads the outputs of a shared rule it needs, handed over from the decision in force; a shared
    /// rule that needs the changed one is evaluated again.
    @Test func neededOutputsAreHandedOverAndRulesAfterAChangeAreEvaluated() throws {
        let base = Self.rule("base", "return { value = { n = 5, list = { 1, 2.5 } } }")
        let after = Self.rule("after", "return { value = ctx.results.top.value + 1 }", needs: "{ 'top' }")
        let top = { (factor: Int) in
            Self.rule("top", "local b = ctx.results.base.value return { value = b.n * \(factor) + #b.list }", needs: "{ 'base' }")
        }
        let current = ["base.lua": base, "after.lua": after, "top.lua": top(2)]
        let proposed = ["base.lua": base, "after.lua": after, "top.lua": top(3)]
        let pair = try EnginePair(current: try Fixtures.engine(try Fixtures.ruleSet(current), store),
                                  proposed: try Fixtures.engine(try Fixtures.ruleSet(proposed), store))
        #expect(pair.reused == ["base"])
        let report = try report(current, proposed)
        #expect(report.ticketsChanged == 3)
        #expect(report.changes.map { "\($0.rule).\($0.field): \($0.from)→\($0.to)" }.sorted()
                == ["after.value: 13→18", "top.value: 12→17"])
    }
}
