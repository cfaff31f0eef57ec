import Foundation
import GRDB
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The hostile cases of SANDBOX.md, written as rules: each fails that one evaluation with a clear message,
/// the records are untouched, and the same engine then decides a normal ticket.
@Suite(.removesTemporaryFolders) struct HostileRuleTests {
    let store: Store
    init() throws { store = try Fixtures.store() }

    @Test(arguments: [
        ("ctx.query('DELETE FROM tickets')", "SELECT statements only"),
        ("ctx.query('SELECT 1; DROP TABLE tickets')", "ctx.query"),
        ("ctx.query('WITH x AS (SELECT 1) DELETE FROM tickets')", "SELECT statements only"),
        ("ctx.query('ATTACH DATABASE \\'/tmp/x.db\\' AS x')", "SELECT statements only"),
        ("ctx.query('SELECT * FROM tickets WHERE id = ?', {})", "parameter 1 is a table"),
        ("os.execute('id')", "field 'execute'"),
        ("io.open('/etc/passwd')", "global 'io'"),
        ("require('os')", "global 'require'"),
        ("load(string.dump(function() end))", "field 'dump'"),
        ("getmetatable('').__index.rep = nil", "index a boolean value"),
        ("rawset(_G, 'x', 1)", "global 'rawset'"),
        ("setmetatable(_G, nil)", "protected metatable"),
        ("leak = true", "assignment to undeclared global 'leak'"),
        ("ticket.number = 'changed'", "cannot change ticket.number"),
        ("return { value = { f = function() end } }", "is a function"),
        ("local t = {} t.t = t return { value = t }", "cycle"),
        ("return { value = 0/0 }", "NaN"),
        ("return { value = '\\xff' }", "UTF-8"),
        ("while true do end", "instruction budget exhausted"),
        ("pcall(function() while true do end end) while true do end", "instruction budget exhausted"),
        ("local s = string.rep('x', 2^30)", "memory limit"),
        ("local t = {} while true do t[#t + 1] = {} end", "memory limit"),
        ("local function f() return f() + 1 end f()", "probe.lua"),
    ])
    func hostileRuleFailsSafely(body: String, fragment: String) throws {
        let rules = try Fixtures.rule("if ticket.cause == 'attack' then \(body) end return { value = 1 }")
        let engine = try Fixtures.engine(rules, store, limits: LuaLimits(instructions: 10_000_000, memory: 16 << 20))
        let before = try store.read { try Ticket.fetchCount($0) }
        do {
            _ = try engine.evaluate(try Fixtures.ticket(store, ["cause": "attack"]))
            Issue.record("the hostile rule succeeded")
        } catch let failure as RuleFailure {
            #expect(failure.message.contains(fragment), "\(failure.message)")
            #expect(failure.message.contains("probe.lua"), "\(failure.message)")
        }
        #expect(try store.read { try Ticket.fetchCount($0) } == before + 1)
        #expect(try engine.evaluate(try Fixtures.ticket(store, [:])).results(of: "probe")?["value"] == 1)
    }
}
