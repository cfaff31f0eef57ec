import CLua

/// A Lua value kept alive in a state's registry: a compiled chunk, a table, a function.
/// It belongs to the ``LuaState`` that made it and is only meaningful there.
public struct LuaRef: Hashable, Sendable {
    let id: Int32
}

/// An argument for ``LuaState/call(_:_:)``: plain data, a value already in Lua, or a table mixing both.
public enum LuaArgument {
    case value(LuaValue)
    case reference(LuaRef)
    case fields([String: LuaArgument])
}

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
