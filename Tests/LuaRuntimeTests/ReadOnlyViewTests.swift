import LuaRuntime
import Testing

/// Read-only views (library tables, and data frozen by the host) stay read-only by every route a script has,
/// and read like the tables behind them.
@Suite struct ReadOnlyViewTests {
    let lua: LuaState

    init() throws {
        lua = try LuaState(limits: LuaLimits(instructions: 2_000_000, memory: 16 << 20))
    }

    /// Runs `source` as a chunk whose `...` is a frozen copy of `data`.
    private func run(_ source: String, with data: LuaValue = .nil) throws -> [LuaValue] {
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(data), .value("ticket")])
        defer { lua.release(frozen) }
        return try lua.call(try lua.compile(source, name: "rules/hostile.lua"), [.reference(frozen)])
    }

    private func expectRefused(_ source: String, _ fragment: String, with data: LuaValue = .nil,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let values = try run(source, with: data)
            Issue.record("expected an error, got \(values)", sourceLocation: sourceLocation)
        } catch let error as LuaError {
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    static let ticket: LuaValue = .table(["component": .string("plumbing"), "trades": .array(["水", "电"])])

    @Test func pairsHandsOutNoRawLibraryTable() throws {
        expectRefused("local _, raw = pairs(string); raw.format = function() return 'x' end", "cannot change string.format")
        expectRefused("local f, s = pairs(table); local k = f(s); s[k] = nil", "cannot change table.")
        expectRefused("for k, v in pairs(math) do if type(v) == 'table' then v.x = 1 end end math.pi = 3", "cannot change math.pi")
        #expect(try run("return string.format('%d', 7)") == ["7"])
    }

    @Test func nextAndRawlenSeeThroughViews() throws {
        #expect(try run("return next(string) ~= nil, rawlen(...)", with: .array([1, 2, 3])) == [true, 3])
        #expect(try run("local n = 0 for _ in pairs(...) do n = n + 1 end return n, #(...)", with: .array([4, 5])) == [2, 2])
    }

    @Test func frozenDataIsReadOnlyAllTheWayDown() throws {
        let ticket = Self.ticket
        expectRefused("local t = ... t.component = 'structure'", "cannot change ticket.component", with: ticket)
        expectRefused("local t = ... t.trades[1] = '土建'", "cannot change ticket.trades.1", with: ticket)
        expectRefused("local t = ... table.insert(t.trades, '土建')", "it is read-only", with: ticket)
        expectRefused("local t = ... table.sort(t.trades, function(a, b) return a > b end)", "it is read-only", with: ticket)
        expectRefused("local t = ... for _, v in pairs(t) do if type(v) == 'table' then v[1] = 'x' end end",
                      "it is read-only", with: ticket)
        expectRefused("local t = ... local _, v = next(t, nil) local k2, v2 = next(t, _) ; (type(v) == 'table' and v or v2)[1] = 0",
                      "it is read-only", with: ticket)
        expectRefused("local t = ... setmetatable(t, nil)", "protected metatable", with: ticket)
        #expect(try run("return getmetatable(...)", with: ticket) == [false])
        #expect(try run("local t = ... return t.component, #t.trades, table.concat(t.trades, '、'), t.trades[2]",
                        with: ticket) == ["plumbing", 2, "水、电", "电"])
    }

    @Test func globalsCannotBeRebound() {
        expectRefused("_G._G = {}", "undeclared global '_G'")
        expectRefused("_G = 1", "undeclared global '_G'")
    }

    @Test func finalizersAreRefused() {
        expectRefused("setmetatable({}, { __gc = function() while true do end end })", "__gc")
        expectRefused("local mt = { __gc = tostring } setmetatable({}, mt)", "__gc")
    }

    @Test func weakTablesAreRefused() {
        expectRefused("setmetatable({}, { __mode = \"k\" })", "__mode (a weak table)")
        expectRefused("local cache = setmetatable({}, { __mode = \"v\", __index = {} })", "__mode (a weak table)")
    }

    @Test func plainCopiesSeeThroughViewsAndBoundTheSize() throws {
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(Self.ticket), .value("ticket")])
        let copy = try lua.call(lua.plain, [.reference(frozen), .value(1_000)])
        #expect(copy.first == Self.ticket)
        let tooBig = try lua.call(lua.plain, [.reference(frozen), .value(10)])
        #expect(tooBig == [.nil, "over the limit"])
    }

    @Test func viewsCrossToSwiftAsTheirData() throws {
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(Self.ticket), .value("ticket")])
        #expect(try lua.value(of: frozen) == Self.ticket)
    }
}
