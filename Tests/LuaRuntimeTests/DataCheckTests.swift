import LuaRuntime
import Testing

/// The one check of what may leave Lua as data: the same message, naming the problem at its path, whether Swift
/// reads a value (LuaStack) or the driver asks `valid_data`.
@Suite struct DataCheckTests {
    let lua: LuaState
    init() throws { lua = try LuaState() }

    static let problems = [
        ("{ a = { 1, 0/0 } }", ".a[2] is NaN, not a number a decision can hold"),
        ("{ a = { b = -1/0 } }", ".a.b is infinite, not a number a decision can hold"),
        ("{ name = '\\xff' }", ".name is not valid UTF-8 text"),
        ("{ x = { y = function() end } }", ".x.y is a function, which cannot leave Lua"),
        ("(function() local t = {} t.self = t return { t = t } end)()", ".t.self contains itself (a cycle)"),
        ("{ list = { 1, 2, x = 3 } }", ".list mixes array items and named fields, or has gaps"),
        ("{ list = { [1] = 1, [3] = 3 } }", ".list mixes array items and named fields, or has gaps"),
        ("{ [true] = 1 }", " has a boolean key; tables must be arrays or have text keys"),
        ("{ ['\\xff'] = 1 }", " has a key that is not valid UTF-8 text"),
    ]

    @Test(arguments: problems)
    func swiftReadsNameTheProblemAtItsPath(source: String, problem: String) throws {
        let chunk = try lua.compile("return " + source, name: "data.lua")
        #expect { try lua.call(chunk, []) } throws: { error in
            (error as? LuaError)?.kind == .badValue && (error as? LuaError)?.message == "result 1" + problem
        }
    }

    @Test(arguments: problems)
    func validDataNamesTheSameProblem(source: String, problem: String) throws {
        let data = lua.dataFunctions()
        let env = try lua.environment(open: true, globals: ["valid_data": .reference(data.validData)])
        let chunk = try lua.compile("return valid_data(\(source), 'results.probe')", name: "check.lua", environment: env)
        #expect(try lua.call(chunk, []) == [false, .string("results.probe" + problem)])
    }

    @Test func dataIsValidAndReadsBack() throws {
        let data = lua.dataFunctions()
        let env = try lua.environment(open: true, globals: ["valid_data": .reference(data.validData)])
        let source = "{ a = { 1, 2.5, '二' }, b = { c = true }, empty = {} }"
        #expect(try lua.call(try lua.compile("return valid_data(\(source))", name: "ok.lua", environment: env), []) == [true])
        #expect(try lua.call(try lua.compile("return " + source, name: "ok.lua"), [])
                == [["a": [1, 2.5, "二"], "b": ["c": true], "empty": .table([:])]])
    }

    @Test func nestingPastTheLimitNamesTheDeepestPath() throws {
        let chunk = try lua.compile("local t = {} for i = 1, 70 do t = { t } end return t", name: "deep.lua")
        #expect { try lua.call(chunk, []) } throws: { error in
            (error as? LuaError)?.message == "result 1" + String(repeating: "[1]", count: 64) + " is nested more than 64 levels deep"
        }
    }

    @Test func readOnlyViewsAreReadThrough() throws {
        let data: LuaValue = ["trades": ["水", "电"], "cost": 1200]
        let frozen = try lua.callKeepingResult(lua.freeze, [.value(data), .value("ticket")])
        defer { lua.release(frozen) }
        #expect(try lua.call(try lua.compile("return ...", name: "v.lua"), [.reference(frozen)]) == [data])
        let bad = try lua.compile("return { ticket = ..., score = { 0/0 } }", name: "v.lua")
        #expect { try lua.call(bad, [.reference(frozen)]) } throws: { error in
            (error as? LuaError)?.message == "result 1.score[1] is NaN, not a number a decision can hold"
        }
    }
}
