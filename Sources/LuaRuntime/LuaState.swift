import CLua

/// One sandboxed Lua 5.4 state.
///
/// Scripts see only safe functions (no files, programs, `require`, `debug` or bytecode), may not assign
/// globals unless their environment is open, and every call runs under the instruction budget and
/// memory cap of ``LuaLimits``. A call that fails leaves the state ready for the next one.
///
/// ```swift
/// let lua = try LuaState()
/// let chunk = try lua.compile("return 1 + 2", name: "sum.lua")
/// let three = try lua.call(chunk, [])   // [.integer(3)]
/// ```
public final class LuaState {
    let L: OpaquePointer
    private let limitsPointer: UnsafeMutablePointer<rd_limits>
    private var hostFunctions: [HostFunction] = []
    /// Calls under way: a Swift function may call back into Lua.
    private var callDepth = 0
    private let newEnvRef: LuaRef
    private let readOnlyRef: LuaRef
    private let globalsRef: LuaRef

    /// The limits in force; change them between calls.
    public var limits: LuaLimits {
        didSet { limitsPointer.pointee.cap = limits.memory > 0 ? size_t(limits.memory) : 0 }
    }

    /// Creates a state with the sandbox in place.
    public init(limits: LuaLimits = LuaLimits()) throws {
        limitsPointer = .allocate(capacity: 1)
        limitsPointer.initialize(to: rd_limits())
        limitsPointer.pointee.cap = limits.memory > 0 ? size_t(limits.memory) : 0
        guard let L = rd_newstate(limitsPointer) else {
            limitsPointer.deallocate()
            throw LuaError(.memory, "not enough memory to create a Lua state")
        }
        self.L = L
        self.limits = limits
        rd_open_safe_libraries(L)
        rd_newtable(L)
        lua_setfield(L, rd_registry_index(), RD_COVERAGE_KEY)

        let stack = LuaStack(L: L)
        guard rd_load(L, Sandbox.prelude, Sandbox.prelude.utf8.count, "=sandbox") == LUA_OK,
              rd_pcall(L, 0, 1) == LUA_OK else {
            let message = stack.string(at: -1) ?? "unknown error"
            lua_close(L)
            limitsPointer.deallocate()
            throw LuaError(.runtime, "the sandbox did not build: \(message)")
        }
        lua_getfield(L, -1, "new_env")
        newEnvRef = LuaRef(id: luaL_ref(L, rd_registry_index()))
        lua_getfield(L, -1, "readonly")
        readOnlyRef = LuaRef(id: luaL_ref(L, rd_registry_index()))
        lua_getfield(L, -1, "globals")
        globalsRef = LuaRef(id: luaL_ref(L, rd_registry_index()))
        rd_pop(L, 1)
    }

    deinit {
        lua_close(L)
        limitsPointer.deallocate()
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { Int(limitsPointer.pointee.used) }

    // MARK: - Chunks and environments

    /// A fresh global environment. A strict one refuses global assignments (rules); an open one keeps them
    /// (tests, the console). `globals` are set in it first.
    public func environment(open: Bool, globals: [String: LuaArgument] = [:]) throws -> LuaRef {
        let results = try callKeepingResult(newEnvRef, [.value(.boolean(open)), .fields(globals)])
        return results
    }

    /// The globals scripts see in the sandbox: each name, with the field names of library tables
    /// (an empty list for a function).
    public func sandboxGlobals() throws -> [String: [String]] {
        let listed = try call(globalsRef, []).first?.tableValue ?? [:]
        return listed.mapValues { ($0.arrayValue ?? []).compactMap(\.stringValue) }
    }

    /// Compiles source text (never bytecode) as a function whose globals are `environment`
    /// (a new strict one when nil). `name` appears in messages: `rules/approval.lua:14: …`; a name starting
    /// with `=` is shown without it (`=stdin` → `stdin:1: …`).
    public func compile(_ source: String, name: String, environment: LuaRef? = nil) throws -> LuaRef {
        let env = try environment ?? self.environment(open: false)
        let status = rd_load(L, source, source.utf8.count, name.hasPrefix("=") ? name : "@" + name)
        guard status == LUA_OK else {
            let message = LuaStack(L: L).string(at: -1) ?? "cannot compile \(name)"
            rd_pop(L, 1)
            throw LuaError(status == LUA_ERRMEM ? .memory : .syntax, message)
        }
        push(env)
        if lua_setupvalue(L, -2, 1) == nil { rd_pop(L, 1) }
        return LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    /// Releases a value kept for the host.
    public func release(_ ref: LuaRef) {
        luaL_unref(L, rd_registry_index(), ref.id)
    }

    // MARK: - Calls

    /// Calls a Lua function under the limits and returns its results as data.
    @discardableResult
    public func call(_ function: LuaRef, _ arguments: [LuaArgument]) throws -> [LuaValue] {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        try protectedCall(function, arguments, results: LUA_MULTRET)
        let stack = LuaStack(L: L)
        return try (base + 1 ..< lua_gettop(L) + 1).map { index in
            try stack.value(at: index, path: "result \(index - base)")
        }
    }

    /// Calls a Lua function under the limits and reads its results in place with `read`.
    public func call<T>(_ function: LuaRef, _ arguments: [LuaArgument], read: (LuaResults) throws -> T) throws -> T {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        try protectedCall(function, arguments, results: LUA_MULTRET)
        return try read(LuaResults(stack: LuaStack(L: L), base: base + 1, count: Int(lua_gettop(L) - base)))
    }

    /// Calls a Lua function under the limits and keeps its first result in Lua.
    public func callKeepingResult(_ function: LuaRef, _ arguments: [LuaArgument]) throws -> LuaRef {
        try protectedCall(function, arguments, results: 1)
        return LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    private func protectedCall(_ function: LuaRef, _ arguments: [LuaArgument], results: Int32) throws {
        let base = lua_gettop(L)
        push(function)
        do {
            for argument in arguments { try push(argument) }
        } catch {
            lua_settop(L, base)
            throw error
        }
        let status: Int32
        if callDepth == 0 {
            rd_arm(L, max(1, Int64(limits.instructions / Int(RD_HOOK_STEP))))
            callDepth += 1
            status = rd_pcall(L, Int32(arguments.count), results)
            callDepth -= 1
            rd_disarm(L)
        } else {
            // A Swift function called back into Lua: the outer call's budget and hook go on.
            let enforce = limitsPointer.pointee.enforce
            limitsPointer.pointee.enforce = 1
            callDepth += 1
            status = rd_pcall(L, Int32(arguments.count), results)
            callDepth -= 1
            limitsPointer.pointee.enforce = enforce
        }
        if status != LUA_OK {
            let error = failure(status)
            lua_settop(L, base)
            if error.kind == .memory { rd_collect_garbage(L) }
            throw error
        }
    }

    private func failure(_ status: Int32) -> LuaError {
        let text = LuaStack(L: L).string(at: -1) ?? "error object is not a string"
        let parts = text.split(separator: "\nstack traceback:\n", maxSplits: 1).map(String.init)
        let message = parts.first ?? text
        let traceback = parts.count > 1 ? parts[1] : nil
        let flags = limitsPointer.pointee
        if status == LUA_ERRMEM || flags.memory_tripped != 0 {
            return LuaError(.memory, "memory limit reached (\(limits.memory >> 20) MiB): \(message)", traceback: traceback)
        }
        if flags.interrupt_tripped != 0 { return LuaError(.interrupted, message, traceback: traceback) }
        if flags.budget_tripped != 0 {
            return LuaError(.budget, "\(message) (\(limits.instructions) instructions)", traceback: traceback)
        }
        return LuaError(.runtime, message, traceback: traceback)
    }

    /// A handle another thread can use to stop the running call (a watchdog, a console).
    public var interruption: LuaInterruption { LuaInterruption(limits: limitsPointer) }

    /// Makes Ctrl-C (SIGINT) stop this state's running call; a read blocked at the time returns early.
    /// For a console: one state per process.
    public func catchInterrupts() {
        rd_catch_sigint(limitsPointer)
    }

    /// Whether Ctrl-C was pressed since the last time this was asked.
    public static func takeInterrupt() -> Bool {
        rd_take_sigint() != 0
    }

    // MARK: - Values kept in Lua

    /// A table kept in Lua; with `readOnly` scripts cannot change it.
    public func table(_ fields: [String: LuaArgument], readOnly: Bool = false) throws -> LuaRef {
        let table = try keep(.fields(fields))
        guard readOnly else { return table }
        defer { release(table) }
        return try callKeepingResult(readOnlyRef, [.reference(table), .value("table")])
    }

    /// Keeps a value in Lua, to pass it to several calls without converting it again.
    public func keep(_ argument: LuaArgument) throws -> LuaRef {
        try push(argument)
        return LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    /// The field `key` of a table kept in Lua, kept in Lua too (a rule's `evaluate` function, say).
    public func field(_ key: String, of table: LuaRef) -> LuaRef {
        push(table)
        lua_getfield(L, -1, key)
        let ref = LuaRef(id: luaL_ref(L, rd_registry_index()))
        rd_pop(L, 1)
        return ref
    }

    /// The value kept in Lua, as data.
    public func value(of ref: LuaRef, path: String = "value") throws -> LuaValue {
        push(ref)
        defer { rd_pop(L, 1) }
        return try LuaStack(L: L).value(at: -1, path: path)
    }

    /// The Lua type name of a value kept in Lua (`"function"`, `"table"`, …).
    public func typeName(of ref: LuaRef) -> String {
        push(ref)
        defer { rd_pop(L, 1) }
        return String(cString: lua_typename(L, lua_type(L, -1)))
    }

    /// Exposes a Swift function to Lua. Errors it throws become Lua errors at the caller's line.
    public func function(_ body: @escaping (LuaCall) throws -> [LuaValue]) -> LuaRef {
        let box = HostFunction(body)
        hostFunctions.append(box)
        rd_push_host_function(L, dispatchHostFunction, Unmanaged.passUnretained(box).toOpaque())
        return LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    /// C functions for data leaving Lua fast: `json(value)` (keys sorted, an empty table `{}`),
    /// `json_records(results, traces, specs)` (see `rd_json_decision` in the CLua shim) and
    /// `valid_data(value)` (true when the value is data ``LuaValue`` can hold).
    public func dataFunctions() -> (json: LuaRef, jsonRecords: LuaRef, validData: LuaRef) {
        rd_push_json_functions(L)
        let valid = LuaRef(id: luaL_ref(L, rd_registry_index()))
        let records = LuaRef(id: luaL_ref(L, rd_registry_index()))
        let json = LuaRef(id: luaL_ref(L, rd_registry_index()))
        return (json, records, valid)
    }

    // MARK: - Coverage

    /// Whether calls record the lines they run (see ``coveredLines``).
    public var recordsCoverage: Bool {
        get { limitsPointer.pointee.coverage != 0 }
        set { limitsPointer.pointee.coverage = newValue ? 1 : 0 }
    }

    /// The lines run so far while ``recordsCoverage`` was on, by chunk name (without the `@`).
    public func coveredLines() -> [String: Set<Int>] {
        lua_getfield(L, rd_registry_index(), RD_COVERAGE_KEY)
        defer { rd_pop(L, 1) }
        let stack = LuaStack(L: L)
        var lines: [String: Set<Int>] = [:]
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            if let source = stack.string(at: -2), lua_type(L, -1) == LUA_TTABLE {
                var covered = Set<Int>()
                lua_pushnil(L)
                while lua_next(L, -2) != 0 {
                    covered.insert(Int(rd_tointeger(L, -2)))
                    rd_pop(L, 1)
                }
                lines[String(source.dropFirst()), default: []].formUnion(covered)
            }
            rd_pop(L, 1)
        }
        return lines
    }

    /// The lines with code, by chunk name, of every Lua function reachable from `roots` through table
    /// fields and upvalues: the denominator of coverage.
    public func linesWithCode(reachableFrom roots: [LuaRef]) -> [String: Set<Int>] {
        var lines: [String: Set<Int>] = [:]
        var seen = Set<UnsafeRawPointer>()
        func walk(_ index: Int32, depth: Int) {
            let type = lua_type(L, index)
            guard depth < 32, type == LUA_TFUNCTION || type == LUA_TTABLE, lua_checkstack(L, 4) != 0,
                  let identity = lua_topointer(L, index), seen.insert(identity).inserted else { return }
            let index = lua_absindex(L, index)
            if type == LUA_TTABLE {
                lua_pushnil(L)
                while lua_next(L, index) != 0 {
                    walk(-1, depth: depth + 1)
                    rd_pop(L, 1)
                }
                return
            }
            var defined: Int32 = 0
            guard let source = rd_function_lines(L, index, &defined) else { return }
            let name = String(cString: source)
            lua_pushnil(L)
            while lua_next(L, -2) != 0 {
                lines[String(name.dropFirst()), default: []].insert(Int(rd_tointeger(L, -2)))
                rd_pop(L, 1)
            }
            rd_pop(L, 1)
            var n: Int32 = 1
            while lua_getupvalue(L, index, n) != nil {
                walk(-1, depth: depth + 1)
                rd_pop(L, 1)
                n += 1
            }
        }
        for root in roots {
            push(root)
            walk(-1, depth: 0)
            rd_pop(L, 1)
        }
        return lines
    }

    /// The line where a Lua function is defined (nil for a Swift or C function).
    public func definitionLine(of function: LuaRef) -> Int? {
        push(function)
        defer { rd_pop(L, 1) }
        var defined: Int32 = 0
        guard rd_function_lines(L, -1, &defined) != nil else { return nil }
        rd_pop(L, 1)
        return Int(defined)
    }

    /// The text keys of a table kept in Lua, read raw.
    public func keys(of table: LuaRef) -> [String] {
        push(table)
        defer { rd_pop(L, 1) }
        guard lua_type(L, -1) == LUA_TTABLE else { return [] }
        var keys: [String] = []
        let stack = LuaStack(L: L)
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            if let key = stack.string(at: -2) { keys.append(key) }
            rd_pop(L, 1)
        }
        return keys
    }

    // MARK: - Pushing

    func push(_ ref: LuaRef) {
        lua_rawgeti(L, rd_registry_index(), lua_Integer(ref.id))
    }

    func push(_ argument: LuaArgument) throws {
        switch argument {
        case .value(let value): try LuaStack(L: L).push(value)
        case .reference(let ref): push(ref)
        case .fields(let fields):
            lua_createtable(L, 0, Int32(clamping: fields.count))
            for (key, field) in fields {
                try push(field)
                lua_setfield(L, -2, key)
            }
        case .list(let items):
            lua_createtable(L, Int32(clamping: items.count), 0)
            for (index, item) in items.enumerated() {
                try push(item)
                lua_rawseti(L, -2, lua_Integer(index + 1))
            }
        }
    }
}

/// A Swift closure that Lua can call.
final class HostFunction {
    let body: (LuaCall) throws -> [LuaValue]
    init(_ body: @escaping (LuaCall) throws -> [LuaValue]) { self.body = body }
}

private let dispatchHostFunction: @convention(c) (OpaquePointer?) -> Int32 = { L in
    guard let L, let pointer = rd_host_box(L) else { return 0 }
    let function = Unmanaged<HostFunction>.fromOpaque(pointer).takeUnretainedValue()
    let stack = LuaStack(L: L)
    do {
        let results = try function.body(LuaCall(stack: stack))
        for result in results { try stack.push(result) }
        return Int32(results.count)
    } catch {
        luaL_where(L, 1)
        stack.pushString((error as? LuaError)?.message ?? String(describing: error))
        lua_concat(L, 2)
        return -1
    }
}

/// Stops a state's running call from any thread; the call fails with ``LuaError/Kind/interrupted``.
/// Valid while its ``LuaState`` lives.
public struct LuaInterruption: @unchecked Sendable {
    let limits: UnsafeMutablePointer<rd_limits>

    public func interrupt() { rd_interrupt(limits) }
}
