import CLua

/// The arguments a Swift function receives when Lua calls it.
public struct LuaCall {
    let stack: LuaStack

    /// How many arguments were passed.
    public var count: Int { Int(lua_gettop(stack.L)) }

    /// Argument `index` (from 0) as data.
    public func value(_ index: Int) throws -> LuaValue {
        guard index < count else { return .nil }
        return try stack.value(at: Int32(index + 1), path: "argument \(index + 1)")
    }
}
