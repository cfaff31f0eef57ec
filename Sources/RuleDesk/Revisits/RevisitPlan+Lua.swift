import LuaRuntime

extension RevisitPlan {
    /// The plan as Lua reads it, and as its JSON is written: `{ community, on, kind, mode, occupancy, sample_size,
    /// households, follow_ups = { { household, with_manager }, … }, seed, rules_version, trace }`. (A plan comes
    /// from Lua through ``PlanOutput``, which checks what the rule's `plan` returned.)
    public var luaValue: LuaValue {
        .table([
            "community": .string(community), "on": .string(on.description), "kind": .string(kind),
            "mode": mode.map(LuaValue.string) ?? .nil, "occupancy": .number(occupancy),
            "sample_size": .integer(Int64(sampleSize)), "households": .array(households.map(LuaValue.string)),
            "follow_ups": .array(followUps.map {
                .table(["household": .string($0.household), "with_manager": .boolean($0.withManager)])
            }),
            "seed": .string(seed), "rules_version": .string(rulesVersion),
            "trace": .array(trace.map(LuaValue.string)),
        ])
    }
}
