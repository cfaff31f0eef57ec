import CLua

/// Reads and writes values on a Lua state's stack. Internal: every call that can raise is made by the host
/// while the memory cap is lifted, so none of these functions can longjmp across Swift frames.
struct LuaStack {
    let L: OpaquePointer

    /// Deeper nesting than this is refused rather than risking the C stack.
    static let maxDepth = 64

    // MARK: - Swift to Lua

    func push(_ value: LuaValue, depth: Int = 0) throws {
        guard depth <= Self.maxDepth, lua_checkstack(L, 4) != 0 else {
            throw LuaError(.badValue, "value nested more than \(Self.maxDepth) levels deep")
        }
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s)
        case .array(let elements):
            lua_createtable(L, Int32(clamping: elements.count), 0)
            for (index, element) in elements.enumerated() {
                try push(element, depth: depth + 1)
                lua_rawseti(L, -2, lua_Integer(index + 1))
            }
        case .table(let fields):
            lua_createtable(L, 0, Int32(clamping: fields.count))
            for (key, field) in fields {
                pushString(key)
                try push(field, depth: depth + 1)
                lua_rawset(L, -3)
            }
        }
    }

    func pushString(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    // MARK: - Lua to Swift

    /// The value at `index` as data, checked by the one validity check (`rd_check_data`): an error names the
    /// problem at its path under `path` (`results.approval.tier is NaN, …`).
    func value(at index: Int32, path: String = "value") throws -> LuaValue {
        let index = lua_absindex(L, index)
        let bad = path.withCString { rd_check_data(L, index, $0) }
        if bad != 0 {
            defer { rd_pop(L, 1) }
            throw LuaError(.badValue, text(at: -1))
        }
        var open = Set<UnsafeRawPointer>()
        return read(at: index, levels: Self.maxDepth, open: &open)
    }

    /// The value at `index` for showing to a person: what is not data becomes a description
    /// (`<function>`, `<cycle>`), text keys and others are kept as text.
    func displayValue(at index: Int32, open: inout Set<UnsafeRawPointer>) -> LuaValue {
        read(at: index, levels: 8, open: &open)
    }

    /// The value at `index`, tables `levels` deep at most (deeper ones and cycles read as `<table>`), anything that
    /// is not data as its description.
    private func read(at index: Int32, depth: Int = 0, levels: Int, open: inout Set<UnsafeRawPointer>) -> LuaValue {
        let index = lua_absindex(L, index)
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            return rd_isinteger(L, index) != 0 ? .integer(Int64(rd_tointeger(L, index))) : .number(rd_tonumber(L, index))
        case LUA_TSTRING: return .string(text(at: index))
        case LUA_TTABLE:
            guard depth < levels, lua_checkstack(L, 4) != 0, let identity = lua_topointer(L, index),
                  open.insert(identity).inserted else { return .string("<table>") }
            defer { open.remove(identity) }
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            let index = tableBehindView(at: index)
            var byIndex: [Int64: LuaValue] = [:], byName: [String: LuaValue] = [:]
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                let value = read(at: -1, depth: depth + 1, levels: levels, open: &open)
                if lua_type(L, -2) == LUA_TNUMBER, rd_isinteger(L, -2) != 0 {
                    byIndex[Int64(rd_tointeger(L, -2))] = value
                } else {
                    lua_pushvalue(L, -2)
                    let key = text(at: -1)
                    rd_pop(L, 1)
                    byName[key] = value
                }
                rd_pop(L, 1)
            }
            if byName.isEmpty, !byIndex.isEmpty, (1...Int64(byIndex.count)).allSatisfy({ byIndex[$0] != nil }) {
                return .array((1...Int64(byIndex.count)).map { byIndex[$0]! })
            }
            for (key, value) in byIndex { byName[String(key)] = value }
            return .table(byName)
        default:
            return .string("<\(String(cString: lua_typename(L, lua_type(L, index))))>")
        }
    }

    /// The index of the table behind the sandbox's read-only view at `index`, pushed on the stack; `index` itself
    /// when the table there is no view. Data crosses to Swift as what scripts read, never as an empty view.
    private func tableBehindView(at index: Int32) -> Int32 {
        lua_getfield(L, rd_registry_index(), RD_VIEWS_KEY)
        lua_pushvalue(L, index)
        lua_rawget(L, -2)
        guard lua_type(L, -1) == LUA_TTABLE else {
            rd_pop(L, 2)
            return index
        }
        rd_remove(L, -2)
        return lua_gettop(L)
    }

    /// The string (or number, converted in place) at `index` as text, invalid UTF-8 replaced; `?` for other values.
    private func text(at index: Int32) -> String {
        var length = 0
        guard let chars = rd_tolstring(L, index, &length) else { return "?" }
        return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }

    /// The string at `index` if it is valid UTF-8 (numbers are not converted).
    func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = rd_tolstring(L, index, &length) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: chars, count: length).bindMemory(to: UInt8.self)
        return String(validating: bytes, as: UTF8.self)
    }
}
