import Foundation
import LuaRuntime
import Testing

@Suite struct ValueTests {
    let lua: LuaState
    init() throws { lua = try LuaState() }

    private func roundTrip(_ value: LuaValue) throws -> LuaValue {
        let identity = try lua.compile("return ...", name: "identity.lua")
        return try lua.call(identity, [.value(value)]).first ?? .nil
    }

    @Test(arguments: [
        LuaValue.nil, true, false, 0, -7, 3.5, 3.0, "", "客户服务部", "emoji 🙂",
        [1, 2, 3], ["a": 1, "b": ["c": [true, "二"]]], .array([]),
    ])
    func valuesRoundTrip(_ value: LuaValue) throws {
        let back = try roundTrip(value)
        if value == .array([]) { #expect(back.arrayValue == []) } else { #expect(back == value) }
    }

    @Test func integersAndFloatsStayDistinct() throws {
        let values = try lua.call(try lua.compile("return 3, 3.0, 2^53, 7 // 2, 7 / 2", name: "n.lua"), [])
        #expect(values == [.integer(3), .number(3.0), .number(9007199254740992), .integer(3), .number(3.5)])
    }

    @Test func cyclesAreBadValues() throws {
        let chunk = try lua.compile("local t = {} t.self = t return t", name: "cycle.lua")
        #expect { try lua.call(chunk, []) } throws: { ($0 as? LuaError)?.kind == .badValue }
    }

    @Test func sharedSubtablesAreNotCycles() throws {
        let chunk = try lua.compile("local s = {1} return {a = s, b = s}", name: "shared.lua")
        #expect(try lua.call(chunk, []) == [["a": [1], "b": [1]]])
    }

    @Test func deepNestingIsABadValue() throws {
        let chunk = try lua.compile("local t = {} for i = 1, 200 do t = {t} end return t", name: "deep.lua")
        #expect { try lua.call(chunk, []) } throws: { ($0 as? LuaError)?.kind == .badValue }
        var deep: LuaValue = 1
        for _ in 0..<200 { deep = .array([deep]) }
        #expect { try roundTrip(deep) } throws: { ($0 as? LuaError)?.kind == .badValue }
    }

    @Test(arguments: [
        ("return function() end", "function"),
        ("return 0/0", "NaN"),
        ("return '\\xff\\xfe'", "UTF-8"),
        ("return {1, 2, x = 3}", "mixes"),
        ("return {[true] = 1}", "boolean key"),
    ])
    func nonDataIsRefused(source: String, fragment: String) throws {
        let chunk = try lua.compile(source, name: "bad.lua")
        do {
            _ = try lua.call(chunk, [])
            Issue.record("\(source) was accepted")
        } catch let error as LuaError {
            #expect(error.kind == .badValue)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func syntaxErrorsNameTheChunkAndLine() {
        do {
            _ = try lua.compile("local x = \n\n if then", name: "rules/broken.lua")
            Issue.record("compiled")
        } catch let error as LuaError {
            #expect(error.kind == .syntax)
            #expect(error.chunk == "rules/broken.lua")
            #expect(error.line == 3)
        } catch { Issue.record("\(error)") }
    }

    @Test func runtimeErrorsCarryLineAndTraceback() throws {
        let source = "local limit = nil\nlocal function f(cost)\n  return cost > limit\nend\nlocal r = f(3)\nreturn r"
        let chunk = try lua.compile(source, name: "rules/approval.lua")
        do {
            _ = try lua.call(chunk, [])
            Issue.record("ran")
        } catch let error as LuaError {
            #expect(error.kind == .runtime)
            #expect(error.message == "rules/approval.lua:3: attempt to compare nil with number")
            #expect(error.line == 3)
            #expect(error.traceback?.contains("rules/approval.lua:5") == true)
        }
    }

    @Test func swiftFunctionsAreCallableAndTheirErrorsAreLuaErrors() throws {
        let double = lua.function { call in
            guard let n = try call.value(0).integerValue else { throw LuaError(.runtime, "expected a number") }
            return [.integer(n * 2)]
        }
        let env = try lua.environment(open: false, globals: ["double": .reference(double)])
        let ok = try lua.compile("return double(21)", name: "ok.lua", environment: env)
        #expect(try lua.call(ok, []) == [42])
        let bad = try lua.compile("\nreturn double('x')", name: "rules/bad.lua", environment: env)
        #expect { try lua.call(bad, []) } throws: { ($0 as? LuaError)?.message == "rules/bad.lua:2: expected a number" }
        let caught = try lua.compile("return pcall(double, 'x')", name: "caught.lua", environment: env)
        #expect(try lua.call(caught, []).first == false)
    }

    @Test func readOnlyTablesRefuseWrites() throws {
        let table = try lua.table(["x": .value(1)], readOnlyAs: "t")
        let env = try lua.environment(open: false, globals: ["t": .reference(table)])
        #expect(try lua.call(try lua.compile("return t.x", name: "r.lua", environment: env), []) == [1])
        let write = try lua.compile("t.x = 2", name: "w.lua", environment: env)
        #expect(throws: LuaError.self) { try lua.call(write, []) }
    }

    @Test func coverageRecordsLines() throws {
        lua.recordsCoverage = true
        let chunk = try lua.compile("local a = 1\nif a == 2 then\n  a = 3\nend\nreturn a", name: "rules/cov.lua")
        try lua.call(chunk, [])
        let lines = lua.coveredLines()["rules/cov.lua"] ?? []
        #expect(lines.contains(1) && lines.contains(2) && lines.contains(5))
        #expect(!lines.contains(3))
    }

    @Test func interruptStopsARunningCall() throws {
        let chunk = try lua.compile("while true do end", name: "spin.lua")
        lua.limits.instructions = Int.max / 2
        let interruption = lua.interruption
        let stopper = Thread { Thread.sleep(forTimeInterval: 0.2); interruption.interrupt() }
        stopper.start()
        #expect { try lua.call(chunk, []) } throws: { ($0 as? LuaError)?.kind == .interrupted }
        lua.limits.instructions = 1_000_000
        #expect(try lua.call(try lua.compile("return 1", name: "after.lua"), []) == [1])
    }

    /// A Ctrl-C pressed between calls (after the clerk's Enter, before the chunk starts) stops the next call that
    /// runs a script long enough to see it, even after a short call that did not; once seen, it is spent.
    @Test func anInterruptNoCallSawStopsTheNext() throws {
        let short = try lua.compile("return 1", name: "short.lua")
        let spin = try lua.compile("while true do end", name: "spin.lua")
        lua.limits.instructions = Int.max / 2
        lua.interruption.interrupt()
        #expect(try lua.call(short, []) == [1])
        #expect { try lua.call(spin, []) } throws: { ($0 as? LuaError)?.kind == .interrupted }
        lua.limits.instructions = 1_000_000
        #expect(try lua.call(short, []) == [1])
        #expect { try lua.call(spin, []) } throws: { ($0 as? LuaError)?.kind == .budget }
    }
}
