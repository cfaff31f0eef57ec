/// A Lua value kept alive in a state's registry: a compiled chunk, a table, a function.
/// It belongs to the ``LuaState`` that made it and is only meaningful there.
public struct LuaRef: Hashable, Sendable {
    let id: Int32
}

/// An argument for ``LuaState/call(_:_:)``: plain data, a value already in Lua, a table mixing both, or a result of
/// another state copied over.
public enum LuaArgument {
    case value(LuaValue)
    case reference(LuaRef)
    case fields([String: LuaArgument])
    case list([LuaArgument])
    /// Result `at` (from 0) of a call on another state, being read on this thread: copied as data (a function or
    /// anything nested deeper than 64 levels cannot be).
    case copy(of: LuaResults, at: Int)
}
