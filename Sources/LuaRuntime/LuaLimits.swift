/// The limits a ``LuaState`` enforces on scripts.
///
/// ```swift
/// let lua = try LuaState(limits: LuaLimits(instructions: 1_000_000, memory: 16 << 20))
/// ```
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions one call may run (counted in steps of 1,000).
    public var instructions: Int
    /// Bytes the whole state may hold while a script runs.
    public var memory: Int

    public init(instructions: Int = 10_000_000, memory: Int = 64 << 20) {
        self.instructions = instructions
        self.memory = memory
    }
}
