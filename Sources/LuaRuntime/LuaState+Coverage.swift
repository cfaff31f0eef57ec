import CLua

extension LuaState {
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
}
