/// The limits a ``LuaState`` enforces on scripts.
///
/// ```swift
/// let lua = try LuaState(limits: LuaLimits(instructions: 1_000_000, memory: 16 << 20, seconds: 2))
/// ```
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions one call may run (counted in steps of 1,000); work that C functions do for a script
    /// (pattern matching) is charged too.
    public var instructions: Int
    /// Bytes the whole state may hold while a script runs.
    public var memory: Int
    /// Wall-clock seconds one call may take, host functions and queries included; 0 for no deadline.
    public var seconds: Double

    public init(instructions: Int = 10_000_000, memory: Int = 64 << 20, seconds: Double = 5) {
        self.instructions = instructions
        self.memory = memory
        self.seconds = seconds
    }
}

/// What one call used of its limits: steps of the instruction budget (of 1,000 instructions, C functions' charges
/// included) and wall-clock seconds (``LuaState/lastUsage``).
public struct LuaUsage: Sendable, Equatable {
    public var steps: Int64 = 0
    public var seconds: Double = 0
    public init() {}
}
