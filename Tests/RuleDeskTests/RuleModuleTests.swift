import Foundation
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

/// `rules/lib/*.lua` modules: what `require` finds, what it refuses, and that a module is read-only, fresh for
/// each evaluation, and named by its file in messages and coverage.
@Suite(.removesTemporaryFolders) struct RuleModuleTests {
    /// A rule `probe` that requires `module` and outputs `value = <expression>`, with the given modules.
    private func probe(_ expression: String, module: String = "m", modules: [String: String]) throws -> RuleSet {
        var files = modules.reduce(into: [String: String]()) { $0["lib/\($1.key).lua"] = $1.value }
        files["probe.lua"] = """
            local m = require("\(module)")
            return {
              name = "probe",
              outputs = { value = "any" },
              evaluate = function(ticket, ctx)
                return { value = \(expression) }
              end,
            }
            """
        return try Fixtures.ruleSet(files)
    }

    private func value(_ ruleSet: RuleSet, _ store: Store) throws -> LuaValue? {
        let engine = try Fixtures.engine(ruleSet, store)
        return try engine.evaluate(Fixtures.ticket(store, [:])).outcomes.first?.results["value"]
    }

    @Test func aRuleUsesAModuleOfItsRuleSet() throws {
        let rules = try probe("m.twice(21)", modules: ["m": "local m = {}\nfunction m.twice(x) return 2 * x end\nreturn m\n"])
        #expect(rules.modules.map(\.name) == ["lib/m.lua"])
        #expect(rules.rules.map(\.name) == ["probe.lua"])
        #expect(rules.modules.first?.path.hasSuffix("rules/lib/m.lua") == true)
        #expect(try value(rules, try Fixtures.store()) == .integer(42))
    }

    @Test func modulesArePartOfTheVersion() throws {
        let one = try probe("m.x", modules: ["m": "return { x = 1 }\n"])
        let two = try probe("m.x", modules: ["m": "return { x = 2 }\n"])
        #expect(one.version != two.version)
        #expect(RuleSet(folder: one.folder, files: one.files).version == one.version)
    }

    @Test func anUnknownModuleIsAnErrorListingTheModulesThereAre() throws {
        let rules = try probe("1", module: "mony", modules: ["money": "return {}\n", "actors": "return {}\n"])
        #expect(throws: RuleSetError.script("rules/probe.lua:1: require: no module 'mony'; the modules are actors, money")) {
            try Fixtures.engine(rules, try Fixtures.store())
        }
    }

    @Test func aCycleOfModulesIsAnErrorNamingTheChain() throws {
        let rules = try probe("1", module: "a", modules: [
            "a": "local b = require(\"b\")\nreturn { b = b }\n",
            "b": "local a = require(\"a\")\nreturn { a = a }\n",
        ])
        #expect(throws: RuleSetError.script("rules/lib/b.lua:1: require: the modules require each other in a cycle: a → b → a")) {
            try Fixtures.engine(rules, try Fixtures.store())
        }
    }

    @Test func aModuleIsReadOnly() throws {
        let store = try Fixtures.store()
        let module = "return { limit = 1000, roles = { \"gm\" } }\n"
        for (change, message) in [("(function() m.limit = 1 end)()", "cannot change m.limit: it is read-only"),
                                  ("table.insert(m.roles, \"cs\")", "cannot change m.roles.2: it is read-only")] {
            let engine = try Fixtures.engine(try probe(change, modules: ["m": module]), store)
            let failure = try #require(throws: RuleFailure.self) { try engine.evaluate(Fixtures.ticket(store, [:])) }
            #expect(failure.message.contains(message), "\(failure.message)")
        }
    }

    @Test func aModuleIsFreshForEachEvaluation() throws {
        let store = try Fixtures.store()
        let counter = "local count = 0\nreturn { next = function() count = count + 1; return count end }\n"
        let engine = try Fixtures.engine(try probe("m.next()", modules: ["m": counter]), store)
        let values = try (1...3).map { _ in try engine.evaluate(Fixtures.ticket(store, [:])).outcomes.first?.results["value"] }
        #expect(values == [.integer(1), .integer(1), .integer(1)])
    }

    /// A module's tables are read through views, not copied: what its own functions change shows to the rules of
    /// the same decision, never to the next one.
    @Test func aModuleThatChangesItsOwnTablesShowsItOnlyInItsDecision() throws {
        let store = try Fixtures.store()
        let module = """
            local m = { list = { 1 }, count = 1 }
            function m.grow() m.list[#m.list + 1] = #m.list + 1; m.count = m.count + 1; m.later = { 1 } end
            return m
            """
        let read = "(function() local before = #m.list; m.grow(); return { before, #m.list, m.count, m.list[2], m.later[1] } end)()"
        let engine = try Fixtures.engine(try probe(read, modules: ["m": module]), store)
        let values = try (1...3).map { _ in try engine.evaluate(Fixtures.ticket(store, [:])).outcomes.first?.results["value"] }
        #expect(values == Array(repeating: .array([1, 2, 2, 2, 1]), count: 3))
    }

    @Test func aModuleIsReadOnlyAtEveryDepthAndForWhatItAddsLater() throws {
        let store = try Fixtures.store()
        let module = "local m = { a = { b = { c = { 1 } } } }\nfunction m.add() m.later = { 1 } end\nreturn m\n"
        for (change, message) in [("(function() m.a.b.c[1] = 2 end)()", "cannot change m.a.b.c.1: it is read-only"),
                                  ("(function() for _, b in pairs(m.a) do b.x = 1 end end)()", "cannot change m.a.b.x"),
                                  ("(function() local _, b = next(m.a) b.c = nil end)()", "cannot change m.a.b.c"),
                                  ("(function() m.add() m.later[1] = 2 end)()", "cannot change m.later.1: it is read-only"),
                                  ("setmetatable(m.a.b, nil)", "cannot change a protected metatable")] {
            let engine = try Fixtures.engine(try probe(change, modules: ["m": module]), store)
            let failure = try #require(throws: RuleFailure.self) { try engine.evaluate(Fixtures.ticket(store, [:])) }
            #expect(failure.message.contains(message), "\(failure.message)")
        }
    }

    @Test func aModulesViewsKeepTheirIdentityAndNoRawAccessIsThere() throws {
        let module = "return { a = { b = {} }, list = { {}, {} } }\n"
        let same = "{ m.a == m.a, m.a.b == m.a.b, select(2, next(m.a)) == m.a.b, m.list[1] ~= m.list[2], "
            + "getmetatable(m.a) == false, rawget == nil, rawequal == nil, rawset == nil }"
        #expect(try value(try probe(same, modules: ["m": module]), try Fixtures.store()) == .array(Array(repeating: true, count: 8)))
    }

    /// Reading through a view goes around the metatables of a module's tables: reading runs none of its code.
    @Test func readingAModuleRunsNoneOfItsMetamethods() throws {
        let module = """
            local trap = { __index = function() error("__index ran") end, __len = function() error("__len ran") end,
                           __pairs = function() error("__pairs ran") end }
            return setmetatable({ x = 1, list = setmetatable({ 1, 2 }, trap) }, trap)
            """
        let read = "(function() local n = 0 for _ in pairs(m) do n = n + 1 end return { m.y == nil, #m.list, n, m.list[3] == nil } end)()"
        #expect(try value(try probe(read, modules: ["m": module]), try Fixtures.store()) == .array([true, 2, 2, true]))
    }

    @Test func aModuleHoldingItselfIsReadButCannotBeAnOutput() throws {
        let store = try Fixtures.store()
        let module = "local m = { x = 1 }\nm.self = m\nreturn m\n"
        #expect(try value(try probe("m.self.self.x", modules: ["m": module]), store) == .integer(1))
        let engine = try Fixtures.engine(try probe("m", modules: ["m": module]), store)
        let failure = try #require(throws: RuleFailure.self) { try engine.evaluate(Fixtures.ticket(store, [:])) }
        #expect(failure.message.contains("contains itself (a cycle)"), "\(failure.message)")
    }

    @Test func anErrorInAModuleNamesItsFileAndLine() throws {
        let store = try Fixtures.store()
        let module = "local m = {}\nfunction m.fail()\n  error(\"no such tier\")\nend\nreturn m\n"
        let engine = try Fixtures.engine(try probe("m.fail()", modules: ["m": module]), store)
        let failure = try #require(throws: RuleFailure.self) { try engine.evaluate(Fixtures.ticket(store, [:])) }
        #expect(failure.message == "rules/lib/m.lua:3: no such tier")
        #expect(failure.rule == "probe")
    }

    @Test func aModuleMustReturnATable() throws {
        let rules = try probe("1", modules: ["m": "local x = 1\n"])
        #expect(throws: RuleSetError.script("rules/lib/m.lua: a module must end with `return { … }` (its functions and values), not return nil")) {
            try Fixtures.engine(rules, try Fixtures.store())
        }
    }

    @Test func aModuleIsStrictLikeARule() throws {
        let rules = try probe("1", modules: ["m": "counter = 0\nreturn {}\n"])
        let error = try #require(throws: RuleSetError.self) { try Fixtures.engine(rules, try Fixtures.store()) }
        #expect(error.description.hasPrefix("rules/lib/m.lua:1: assignment to undeclared global 'counter'"), "\(error)")
    }

    @Test func coverageNamesTheModulesFile() throws {
        let store = try Fixtures.store()
        let module = "local m = {}\nfunction m.twice(x)\n  return 2 * x\nend\nfunction m.never()\n  return 0\nend\nreturn m\n"
        let rules = try probe("m.twice(1)", modules: ["m": module])
        let engine = try RuleEngine(ruleSet: rules, store: store, settings: Fixtures.shanghai, coverage: true)
        _ = try engine.evaluate(Fixtures.ticket(store, [:]))
        let path = try #require(rules.modules.first?.path)
        #expect(engine.linesWithCode()[path]?.isSuperset(of: [3, 6]) == true)
        #expect(engine.coveredLines()[path]?.contains(3) == true)
        #expect(engine.coveredLines()[path]?.contains(6) == false)
    }

    @Test func testsRequireRuleModulesAndTheirOwnTestModules() throws {
        let rules = try Fixtures.ruleSet([
            "probe.lua": """
                local m = require("m")
                return { name = "probe", outputs = { value = "any" }, evaluate = function() return { value = m.x } end }
                """,
            "lib/m.lua": "return { x = 7 }\n",
            "tests/lib/helper.lua": "return { value = function() return evaluate({ community = \"T01\", received_at = \"2026-03-02\" }).probe.value end }\n",
            "tests/probe_test.lua": """
                local helper = require("helper")
                local m = require("m")
                function setup() community{ code = "T01", completion_date = "2024-02-29" } end
                function test_value() expect_eq(helper.value(), m.x) end
                function test_helper_is_not_a_rule_module() expect_error(function() require("nothing") end, "the modules are helper, m") end
                """,
        ])
        #expect(rules.modules.map(\.name) == ["lib/m.lua"])
        let report = try RuleTestRunner(ruleSet: rules, settings: Fixtures.shanghai).run()
        #expect(report.summary == "2 passed, 0 failed", "\(report.outcomes.compactMap(\.failure))")
    }

    @Test func checkReportsABrokenModuleAndARequireOfAMissingOne() throws {
        let rules = try Fixtures.ruleSet([
            "probe.lua": """
                local names = { "probe" }
                return { name = names[1], outputs = { value = "any" },
                  evaluate = function() return { value = require("missing").x } end }
                """,
            "lib/m.lua": "local x = 1\n",
        ])
        let findings = try RuleCheck(folder: rules.folder).run()
        #expect(findings.contains { $0.file == "rules/lib/m.lua" && $0.message.hasPrefix("a module must end with `return { … }`") },
                "\(findings)")
        #expect(findings.contains {
            $0.file == "rules/probe.lua" && $0.line == 3 && $0.message == "require of 'missing': no module lib/missing.lua; the modules are m"
        }, "\(findings)")
        #expect(!findings.contains { $0.message.contains("'require'") }, "luacheck knows require: \(findings)")
    }
}
