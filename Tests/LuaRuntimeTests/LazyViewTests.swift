import LuaRuntime
import Testing

/// Frozen data gets the view of a nested table when a script first reaches it: the same view every time, read-only
/// by every route that reaches it, and Swift and the data check still read the whole data behind it.
@Suite struct LazyViewTests {
    let lua: LuaState

    init() throws {
        lua = try LuaState(limits: LuaLimits(instructions: 2_000_000, memory: 16 << 20))
    }

    static let data: LuaValue = [
        "a": ["b": ["c": .array(["水", "电"]), "n": 1]],
        "list": .array([["x": 1], ["x": 2]]),
    ]

    /// Runs `source` as a chunk whose `...` is a frozen `data`, named `ticket`.
    private func run(_ source: String) throws -> [LuaValue] {
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(Self.data), .value("ticket")])
        defer { lua.release(frozen) }
        return try lua.call(try lua.compile(source, name: "rules/hostile.lua"), [.reference(frozen)])
    }

    private func expectRefused(_ source: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let values = try run(source)
            Issue.record("expected an error, got \(values)", sourceLocation: sourceLocation)
        } catch let error as LuaError {
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aNestedTableIsTheSameViewByEveryRoute() throws {
        let source = """
            local t = ...
            local _, by_next = next(t.a)
            local by_pairs
            for _, v in pairs(t.a) do by_pairs = v end
            local by_ipairs = {}
            for i, v in ipairs(t.list) do by_ipairs[i] = v end
            local first, second = table.unpack(t.list)
            return t.a == t.a, t.a.b == t.a.b, by_next == t.a.b, by_pairs == t.a.b, by_ipairs[2] == t.list[2],
                   first == t.list[1], second ~= first, t.a.b.c == t.a.b.c
            """
        #expect(try run(source) == Array(repeating: true, count: 8))
    }

    @Test func aNestedViewIsReadOnlyWhicheverRouteMadeIt() {
        expectRefused("local t = ... t.a.b.c[1] = '土'", "cannot change ticket.a.b.c.1: it is read-only")
        expectRefused("local t = ... t.a.b.n = 2", "cannot change ticket.a.b.n: it is read-only")
        expectRefused("local t = ... for _, b in pairs(t.a) do b.n = 2 end", "cannot change ticket.a.b.n")
        expectRefused("local t = ... local _, b = next(t.a) b.c = nil", "cannot change ticket.a.b.c")
        expectRefused("local t = ... for _, item in ipairs(t.list) do item.x = 0 end", "cannot change ticket.list[1].x")
        expectRefused("local t = ... local first = table.unpack(t.list) first.x = 0", "cannot change ticket.list[1].x")
        expectRefused("local t = ... table.insert(t.a.b.c, '土')", "cannot change ticket.a.b.c.3")
        expectRefused("local t = ... table.sort(t.a.b.c, function(x, y) return x > y end)", "it is read-only")
        expectRefused("local t = ... setmetatable(t.a.b, nil)", "protected metatable")
        expectRefused("local t = ... local _, item = next(t.list) setmetatable(item, {})", "protected metatable")
    }

    @Test func noRawAccessIsThereToGoAround() throws {
        #expect(try run("local t = ... return getmetatable(t.a.b), rawget, rawset, rawequal")
                == [false, .nil, .nil, .nil])
    }

    @Test func lazyViewsReadLikeTheirData() throws {
        let source = """
            local t = ...
            local keys = 0
            for _ in pairs(t.a.b) do keys = keys + 1 end
            return keys, #t.a.b.c, rawlen(t.list), t.list[2].x, table.concat(t.a.b.c, '、'), t.a.missing, t.a.b.c[3]
            """
        #expect(try run(source) == [2, 2, 2, 2, "水、电", .nil, .nil])
    }

    @Test func swiftAndThePlainCopyReadTheWholeDataAfterPartReads() throws {
        #expect(try run("local t = ... local _ = t.a.b.c[1], t.list[2] return t, t.a") == [Self.data, Self.data["a"]])
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(Self.data), .value("ticket")])
        defer { lua.release(frozen) }
        _ = try lua.call(try lua.compile("local t = ... return t.a.b, t.list[1]", name: "read.lua"), [.reference(frozen)])
        #expect(try lua.call(lua.plain, [.reference(frozen), .value(10_000)]).first == Self.data)
    }

    @Test func theDataCheckReadsThroughPartlyReadViews() throws {
        let bad: LuaValue = ["a": ["b": ["score": .array([1, .number(.nan)])]]]
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(bad), .value("ticket")])
        defer { lua.release(frozen) }
        let chunk = try lua.compile("local t = ... local _ = t.a.b return { t = t, b = t.a.b }", name: "check.lua")
        #expect { try lua.call(chunk, [.reference(frozen)]) } throws: { error in
            let message = (error as? LuaError)?.message ?? ""
            return message == "result 1.b.score[2] is NaN, not a number a decision can hold"
                || message == "result 1.t.a.b.score[2] is NaN, not a number a decision can hold"
        }
    }
}
