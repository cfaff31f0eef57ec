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
    let limitsPointer: UnsafeMutablePointer<rd_limits>
    var hostFunctions: [HostFunction] = []
    /// Calls under way: a Swift function may call back into Lua.
    private var callDepth = 0
    /// What the last call from the host used of its limits, set as it returns (``call(_:_:charged:read:)``).
    public private(set) var lastUsage = LuaUsage()
    private let newEnvRef: LuaRef
    let viewRef: LuaRef
    private let globalsRef: LuaRef
    /// `freeze(value, name)`: a read-only view of data for scripts, all the way down, copying nothing: the host
    /// changes `value` no more once it is frozen (see `Sandbox.lua`).
    public let freeze: LuaRef
    /// `plain(value, limit)`: a plain copy of data, seeing through read-only views, and its size in bytes; or nil and
    /// why not (nested too deep, or larger than `limit` bytes).
    public let plain: LuaRef
    /// `new_modules()`: a `require` for modules the host compiles, with `set` and `reset` (see `Sandbox.lua`).
    public let newModules: LuaRef

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
            rd_arena_release(&limitsPointer.pointee.arena)
            limitsPointer.deallocate()
            throw LuaError(.memory, "not enough memory to create a Lua state")
        }
        self.L = L
        self.limits = limits
        rd_open_safe_libraries(L)
        // Pattern matching that the budget, the deadline and Ctrl-C can stop (rd_pattern.h), before the sandbox
        // copies the string library.
        lua_getglobal(L, "string")
        rd_open_patterns(L)
        rd_pop(L, 1)
        rd_newtable(L)
        lua_setfield(L, rd_registry_index(), RD_COVERAGE_KEY)

        let stack = LuaStack(L: L)
        let prelude = PackageResources.Sandbox_lua
        let status = prelude.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { rd_load(L, $0.baseAddress, $0.count, "=sandbox") }
        }
        if status == LUA_OK { rd_push_digest(L) }
        guard status == LUA_OK, rd_pcall(L, 1, 1) == LUA_OK else {
            let message = stack.string(at: -1) ?? "unknown error"
            lua_close(L)
            rd_arena_release(&limitsPointer.pointee.arena)
            limitsPointer.deallocate()
            throw LuaError(.runtime, "the sandbox did not build: \(message)")
        }
        func keepField(_ name: String) -> LuaRef {
            lua_getfield(L, -1, name)
            return LuaRef(id: luaL_ref(L, rd_registry_index()))
        }
        newEnvRef = keepField("new_env")
        viewRef = keepField("view")
        globalsRef = keepField("globals")
        freeze = keepField("freeze")
        newModules = keepField("new_modules")
        lua_getfield(L, -1, "views")
        lua_setfield(L, rd_registry_index(), RD_VIEWS_KEY)
        rd_pop(L, 1)
        rd_push_plain(L)
        plain = LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    deinit {
        lua_close(L)
        rd_arena_release(&limitsPointer.pointee.arena)
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

    /// Calls a Lua function under the limits and reads its results in place with `read`. With `charged`, the call
    /// has that much less of its limits (and one step less, so that two calls that fit are known to fit as one).
    public func call<T>(_ function: LuaRef, _ arguments: [LuaArgument], charged: LuaUsage? = nil,
                        read: (LuaResults) throws -> T) throws -> T {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        try protectedCall(function, arguments, results: LUA_MULTRET, charged: charged)
        return try read(LuaResults(stack: LuaStack(L: L), base: base + 1, count: Int(lua_gettop(L) - base)))
    }

    /// Calls a Lua function under the limits and keeps its first result in Lua.
    public func callKeepingResult(_ function: LuaRef, _ arguments: [LuaArgument]) throws -> LuaRef {
        try protectedCall(function, arguments, results: 1)
        return LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    private func protectedCall(_ function: LuaRef, _ arguments: [LuaArgument], results: Int32,
                               charged: LuaUsage? = nil) throws {
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
            var steps = max(1, Int64(limits.instructions / Int(RD_HOOK_STEP))), seconds = limits.seconds
            if let charged {
                steps = max(0, steps - charged.steps - 1)
                if seconds > 0 { seconds = max(1e-9, seconds - charged.seconds) }
            }
            let start = rd_now()
            rd_arm(L, steps, seconds)
            callDepth += 1
            status = rd_pcall(L, Int32(arguments.count), results)
            callDepth -= 1
            lastUsage.steps = steps - limitsPointer.pointee.budget
            lastUsage.seconds = Double(rd_now() - start) / 1e9
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
        if flags.deadline_tripped != 0 {
            return LuaError(.deadline, "\(message) (\(Self.seconds(limits.seconds)) s)", traceback: traceback)
        }
        return LuaError(.runtime, message, traceback: traceback)
    }

    /// `5` for 5.0, `0.5` for 0.5.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
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
        case .copy(let results, let index):
            guard index < results.count, rd_transfer_value(results.stack.L, results.base + Int32(index), L, 0) != 0 else {
                throw LuaError(.badValue, "result \(index + 1) of the other state is not data that can be copied")
            }
        }
    }
}
