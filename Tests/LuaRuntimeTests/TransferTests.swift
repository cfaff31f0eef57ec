import Foundation
import LuaRuntime
import Testing

/// A result of one state copied into another as an argument (``LuaArgument/copy(of:at:)``), as `diff` hands the
/// outputs of one rule set's decision to the other's.
@Suite struct TransferTests {
    let from: LuaState
    let to: LuaState
    init() throws {
        from = try LuaState()
        to = try LuaState()
    }

    private func copied(_ source: String, shownBy show: String) throws -> [LuaValue] {
        let make = try from.compile(source, name: "=make"), shown = try to.compile(show, name: "=show")
        return try from.call(make, []) { results in try to.call(shown, [.copy(of: results, at: 0)]) }
    }

    @Test func dataArrivesAsTheSameData() throws {
        let shown = try copied("return { n = 1, f = 1.0, s = 'a\\0b', yes = false, list = { 1, 2, { x = '二' } } }",
                               shownBy: "local v = ... return math.type(v.n), math.type(v.f), #v.s, v.yes, #v.list, v.list[3].x")
        #expect(shown == [.string("integer"), .string("float"), .integer(3), .boolean(false), .integer(3), .string("二")])
    }

    @Test func theCopyIsTheReceiversOwn() throws {
        let shown = try copied("return { 1 }", shownBy: "local v = ... v[2] = 2 return #v")
        #expect(shown == [.integer(2)])
    }

    @Test(arguments: ["return { f = string.len }", "local t = {} for i = 1, 100 do t = { t } end return t",
                      "local t = {} t.self = t return t"])
    func whatIsNotDataIsRefusedAndLeavesBothStacksAsTheyWere(_ source: String) throws {
        #expect { try copied(source, shownBy: "return ...") } throws: { ($0 as? LuaError)?.kind == .badValue }
        #expect(try copied("return 5", shownBy: "return ...") == [.integer(5)])
    }
}
