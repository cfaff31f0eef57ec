import CLua

/// A Swift closure that Lua can call.
final class HostFunction {
    let body: (LuaCall) throws -> [LuaValue]
    init(_ body: @escaping (LuaCall) throws -> [LuaValue]) { self.body = body }
}

let dispatchHostFunction: @convention(c) (OpaquePointer?) -> Int32 = { L in
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
