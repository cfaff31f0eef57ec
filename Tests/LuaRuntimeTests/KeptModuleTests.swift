import LuaRuntime
import Testing

/// The modules' `require` (Sandbox.lua, `new_modules`) keeps one kind of instance from decision to decision: that of a
/// module of data alone, requiring no other, loaded before the first `reset` (while the rule set loads). Every other
/// module runs again after each `reset`, and nothing kept can be changed.
@Suite struct KeptModuleTests {
    /// A state with the modules' tools and modules that call `ran(name)` each time their file runs.
    final class Modules {
        let lua: LuaState
        let require, set, reset: LuaRef
        var runs: [String: Int] = [:]

        init(_ sources: [String: String]) throws {
            lua = try LuaState()
            let tools = try lua.callKeepingResult(lua.newModules, [])
            (require, set, reset) = (lua.field("require", of: tools), lua.field("set", of: tools), lua.field("reset", of: tools))
            let ran = lua.function { [unowned self] call in
                let name = try call.value(0).stringValue ?? "?"
                runs[name, default: 0] += 1
                return []
            }
            var given: [String: LuaArgument] = [:]
            for (name, source) in sources {
                let env = try lua.environment(open: false, globals: ["require": .reference(require), "ran": .reference(ran)])
                let chunk = try lua.compile("ran(\"\(name)\")\n" + source, name: "lib/\(name).lua", environment: env)
                given[name] = .fields(["chunk": .reference(chunk), "path": .value(.string("lib/\(name).lua"))])
            }
            try lua.call(set, [.fields(given)])
        }

        /// Requires `names` while the rule set loads, then runs three "decisions", each requiring them again.
        func loadAndDecide(_ names: [String], during decision: String = "") throws {
            for name in names { try load(name) }
            for _ in 1...3 {
                try lua.call(reset, [])
                for name in names { try load(name) }
                if !decision.isEmpty { try load(decision) }
            }
        }

        /// `require(name)`, its result left in Lua.
        func load(_ name: String) throws {
            try lua.call(require, [.value(.string(name))]) { _ in () }
        }
    }

    @Test func aModuleOfDataRequiredWhileTheRulesLoadRunsOnce() throws {
        let modules = try Modules(["names": "return { cause = { leak = \"渗漏\" }, list = { 1, 2.5, true } }"])
        try modules.loadAndDecide(["names"])
        #expect(modules.runs == ["names": 1])
    }

    @Test(arguments: [
        ("a function", "return { f = function() return 1 end }"),
        ("a function deep inside", "return { a = { b = { tostring } } }"),
        ("a metatable", "return setmetatable({}, { __index = { x = 1 } })"),
        ("a nested metatable", "return { a = setmetatable({}, { __metatable = false }) }"),
        ("a function as a key", "return { [print or tostring] = 1 }"),
        ("data nested 300,000 levels deep", "local t = {} local at = t for _ = 1, 300000 do at.x = {} at = at.x end return t"),
    ])
    func aModuleWithMoreThanDataRunsForEveryDecision(what: String, source: String) throws {
        let modules = try Modules(["m": source])
        try modules.loadAndDecide(["m"])
        #expect(modules.runs == ["m": 4], "\(what)")
    }

    @Test func aModuleOfDataThatRequiresAnotherRunsForEveryDecision() throws {
        let modules = try Modules(["base": "return { x = 1 }", "built": "local base = require(\"base\")\nreturn { y = base.x + 1 }"])
        try modules.loadAndDecide(["built"])
        #expect(modules.runs == ["built": 4, "base": 1])
    }

    @Test func aModuleFirstRequiredDuringADecisionIsNeverKept() throws {
        let modules = try Modules(["early": "return { x = 1 }", "late": "return { x = 2 }"])
        try modules.loadAndDecide(["early"], during: "late")
        #expect(modules.runs == ["early": 1, "late": 3])
    }

    @Test func givingTheModulesAgainForgetsWhatWasKept() throws {
        let modules = try Modules(["names": "return { x = 1 }"])
        try modules.loadAndDecide(["names"])
        try modules.lua.call(modules.set, [.fields([:])])
        try modules.lua.call(modules.reset, [])
        #expect(throws: LuaError.self) { try modules.load("names") }
    }

    @Test func aKeptModuleCannotBeChangedAtAnyDepth() throws {
        let modules = try Modules(["names": "return { cause = { leak = \"渗漏\" }, list = { 1 } }"])
        try modules.loadAndDecide(["names"])
        let env = try modules.lua.environment(open: true, globals: ["require": .reference(modules.require)])
        for change in ["require('names').cause.leak = 'x'", "table.insert(require('names').list, 2)",
                       "require('names').extra = {}", "setmetatable(require('names'), {})"] {
            let chunk = try modules.lua.compile(change, name: "change.lua", environment: env)
            #expect(throws: LuaError.self) { try modules.lua.call(chunk, []) }
        }
        let read = try modules.lua.compile("local m = require('names') return m.cause.leak, #m.list, m.extra", name: "read.lua",
                                           environment: env)
        #expect(try modules.lua.call(read, []) == ["渗漏", 1, .nil])
        #expect(modules.runs == ["names": 1])
    }
}
