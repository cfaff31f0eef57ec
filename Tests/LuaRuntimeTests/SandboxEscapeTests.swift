import LuaRuntime
import Testing

/// Every escape in SANDBOX.md fails with its own error, and the same state then runs a normal call.
@Suite struct SandboxEscapeTests {
    let lua: LuaState

    init() throws {
        lua = try LuaState(limits: LuaLimits(instructions: 2_000_000, memory: 16 << 20))
    }

    private func run(_ source: String) throws -> [LuaValue] {
        try lua.call(try lua.compile(source, name: "rules/hostile.lua"), [])
    }

    private func expectFailure(_ source: String, _ kind: LuaError.Kind, _ fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let values = try run(source)
            Issue.record("expected \(kind) error, got \(values)", sourceLocation: sourceLocation)
        } catch let error as LuaError {
            #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        // The state stays usable.
        #expect((try? run("local t = {} for i = 1, 10 do t[i] = i end return #t")) == [10],
                sourceLocation: sourceLocation)
    }

    @Test func osExecuteIsAbsent() {
        expectFailure("return os.execute('id')", .runtime, "attempt to call a nil value (field 'execute')")
    }

    @Test func osGetenvAndRemoveAreAbsent() {
        expectFailure("return os.getenv('HOME')", .runtime, "field 'getenv'")
        expectFailure("return os.remove('/tmp/x')", .runtime, "field 'remove'")
    }

    @Test func ioIsAbsent() {
        expectFailure("return io.open('/etc/passwd')", .runtime, "global 'io'")
    }

    @Test func requireAndFileLoadersAreAbsent() {
        expectFailure("return require('os')", .runtime, "global 'require'")
        expectFailure("return dofile('/etc/passwd')", .runtime, "global 'dofile'")
        expectFailure("return loadfile('/etc/passwd')", .runtime, "global 'loadfile'")
    }

    @Test func binaryChunksAreRefused() {
        #expect(throws: LuaError.self) { try run("assert(load('\\27LuaT\\0\\25\\147\\r\\n\\26\\n'))") }
        let result = try? run("local f, err = load('\\27LuaT\\0') return f == nil, err")
        #expect(result?.first == true)
        #expect(result?.last?.stringValue?.contains("binary") == true)
    }

    @Test func stringDumpIsAbsent() {
        expectFailure("return load(string.dump(function() end))", .runtime, "field 'dump'")
        expectFailure("return ('x'):dump()", .runtime, "method 'dump'")
    }

    @Test func debugAndCollectGarbageAreAbsent() {
        expectFailure("return debug.getregistry()", .runtime, "global 'debug'")
        expectFailure("return collectgarbage('count')", .runtime, "global 'collectgarbage'")
    }

    @Test func infiniteLoopHitsTheBudget() {
        expectFailure("while true do end", .budget, "rules/hostile.lua:1: instruction budget exhausted")
    }

    @Test func pcallCannotSwallowTheBudget() {
        expectFailure("while true do pcall(function() while true do end end) end", .budget, "budget")
        expectFailure("for i = 1, 10 do pcall(function() while true do end end) end return 1", .budget, "budget")
    }

    @Test func hugeStringHitsTheMemoryCap() {
        expectFailure("return string.rep('x', 2^30)", .memory, "memory limit")
    }

    @Test func growingTableHitsTheMemoryCap() {
        expectFailure("local t = {} while true do t[#t + 1] = {} end", .memory, "memory limit")
    }

    @Test func unboundedRecursionFails() {
        do {
            _ = try run("local function f(n) return 1 + f(n + 1) end return f(1)")
            Issue.record("recursion did not fail")
        } catch let error as LuaError {
            #expect([.runtime, .memory, .budget].contains(error.kind))
        } catch { Issue.record("\(error)") }
        #expect((try? run("return 1")) == [1])
    }

    @Test func newGlobalIsRefused() {
        expectFailure("x = 1", .runtime, "rules/hostile.lua:1: assignment to undeclared global 'x'")
        expectFailure("_G.y = 2", .runtime, "undeclared global 'y'")
    }

    @Test func stringMetatableIsLocked() {
        expectFailure("getmetatable('').__index.rep = nil", .runtime, "attempt to index a boolean value")
        #expect((try? run("return ('ab'):rep(2)")) == ["abab"])
    }

    @Test func libraryTablesAreReadOnly() {
        expectFailure("string.rep = nil", .runtime, "cannot change string.rep")
        expectFailure("math.floor = print", .runtime, "cannot change math.floor")
    }

    @Test func rawAccessIsAbsent() {
        expectFailure("rawset(_G, 'x', 1)", .runtime, "global 'rawset'")
        expectFailure("return rawget(string, 'rep')", .runtime, "global 'rawget'")
    }

    @Test func globalsMetatableIsProtected() {
        expectFailure("setmetatable(_G, nil)", .runtime, "cannot change a protected metatable")
        expectFailure("setmetatable(string, {})", .runtime, "cannot change a protected metatable")
    }

    @Test func globalsDoNotLeakBetweenChunks() throws {
        let open = try lua.environment(open: true)
        try lua.call(try lua.compile("leak = 42", name: "a.lua", environment: open), [])
        #expect(try run("return leak") == [.nil])
    }

    @Test func loadedTextChunksAreSandboxedToo() {
        #expect((try? run("return load('return io')()")) == [.nil])
        expectFailure("load('z = 1')()", .runtime, "undeclared global 'z'")
    }
}
