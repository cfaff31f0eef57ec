import CLua

extension LuaState {
    /// A table kept in Lua; with `readOnlyAs`, a read-only view that messages call by that name.
    public func table(_ fields: [String: LuaArgument], readOnlyAs name: String? = nil) throws -> LuaRef {
        let table = try keep(.fields(fields))
        guard let name else { return table }
        defer { release(table) }
        return try callKeepingResult(viewRef, [.reference(table), .value(.string(name))])
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

    /// How many Swift functions this state holds (they live as long as the state: declare them once).
    public var hostFunctionCount: Int { hostFunctions.count }

    /// Exposes a Swift function to Lua. Errors it throws become Lua errors at the caller's line.
    public func function(_ body: @escaping (LuaCall) throws -> [LuaValue]) -> LuaRef {
        let box = HostFunction(body)
        hostFunctions.append(box)
        rd_push_host_function(L, dispatchHostFunction, Unmanaged.passUnretained(box).toOpaque())
        return LuaRef(id: luaL_ref(L, rd_registry_index()))
    }

    /// C functions for data leaving Lua fast: `json(value)` (keys sorted, an empty table `{}`; `jsonNull` is written
    /// `null` and `jsonEmptyArray` `[]`) and `validData(value)` (true when the value is data ``LuaValue`` can hold).
    public func dataFunctions() -> (json: LuaRef, validData: LuaRef, jsonNull: LuaRef, jsonEmptyArray: LuaRef) {
        rd_push_json_functions(L)
        let emptyArray = LuaRef(id: luaL_ref(L, rd_registry_index()))
        let null = LuaRef(id: luaL_ref(L, rd_registry_index()))
        let valid = LuaRef(id: luaL_ref(L, rd_registry_index()))
        let json = LuaRef(id: luaL_ref(L, rd_registry_index()))
        return (json, valid, null, emptyArray)
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
}
