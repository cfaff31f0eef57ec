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
    case list([LuaArgument])
}
