import CLua

/// The results of a call, read in place without converting whole tables.
public struct LuaResults {
    let stack: LuaStack
    /// Stack index of the first result.
    let base: Int32
    public let count: Int

    /// Result `index` (from 0) as text; an error when it is not a string.
    public func string(_ index: Int) throws -> String {
        guard index < count, let text = stack.string(at: base + Int32(index)) else {
            throw LuaError(.badValue, "result \(index + 1) is not text")
        }
        return text
    }

    /// Result `index` (from 0) as data.
    public func value(_ index: Int) throws -> LuaValue {
        guard index < count else { return .nil }
        return try stack.value(at: base + Int32(index), path: "result \(index + 1)")
    }

    /// Result `index` (from 0) for showing to a person: never fails (functions become `<function>`, …).
    public func displayValue(_ index: Int) -> LuaValue {
        guard index < count else { return .nil }
        var open = Set<UnsafeRawPointer>()
        return stack.displayValue(at: base + Int32(index), open: &open)
    }

    /// The `__name` of result `index`'s metatable (set by `setmetatable(t, { __name = "…" })`), if any.
    public func kind(_ index: Int) -> String? {
        guard index < count else { return nil }
        let L = stack.L
        guard luaL_getmetafield(L, base + Int32(index), "__name") != LUA_TNIL else { return nil }
        defer { rd_pop(L, 1) }
        return stack.string(at: -1)
    }

    /// `result[key1][key2]…` read raw; `.nil` where a step is missing or not data.
    public func value(_ index: Int, _ keys: String...) -> LuaValue {
        guard index < count else { return .nil }
        let L = stack.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_pushvalue(L, base + Int32(index))
        for key in keys {
            guard lua_type(L, -1) == LUA_TTABLE else { return .nil }
            stack.pushString(key)
            lua_rawget(L, -2)
        }
        return (try? stack.value(at: -1)) ?? .nil
    }
}
