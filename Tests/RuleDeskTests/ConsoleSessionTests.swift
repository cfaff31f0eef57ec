import Foundation
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The console without a terminal: meta commands, completion and results, driven through the library.
@Suite(.removesTemporaryFolders) struct ConsoleSessionTests {
    let folder: String
    let console: ConsoleSession

    init() throws {
        folder = try Fixtures.temporaryFolder()
        try FileManager.default.copyItem(atPath: Fixtures.root + "/rules", toPath: folder + "/rules")
        let store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
        console = try ConsoleSession(store: store, rules: .draft(folder + "/rules"), settings: Fixtures.shanghai)
    }

    @Test func reloadSaysWhatChangedAndKeepsTheUsersGlobals() throws {
        #expect(console.submit("kept = 42").error == nil)
        #expect(console.submit(".reload").output == ["no change (version \(console.engine.ruleSet.version.prefix(12)))"])
        let path = folder + "/rules/approval.lua"
        try (try String(contentsOfFile: path, encoding: .utf8))
            .replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        try "return { name = 'extra', outputs = { x = 'any' }, evaluate = function() return {} end }"
            .write(toFile: folder + "/rules/extra.lua", atomically: true, encoding: .utf8)
        let reply = console.submit(".reload")
        #expect(reply.output.first?.contains("changed  approval.lua") == true, "\(reply)")
        #expect(reply.output.first?.contains("added    extra.lua") == true)
        #expect(console.submit("eval(\"KF-2026-000007\").results.approval.tier").output == ["1"])
        #expect(console.submit("kept").output == ["42"])
    }

    @Test func theConsoleRequiresTheRulesModules() throws {
        #expect(console.submit("require('money').yuan(1000.5)").output == ["1000.50"])
        #expect(console.submit("require('money').yuan = nil").error?.contains("cannot change money.yuan: it is read-only") == true)
        try "return { yuan = function() return 'changed' end }\n".write(toFile: folder + "/rules/lib/money.lua", atomically: true, encoding: .utf8)
        #expect(console.submit(".reload").error == nil)
        #expect(console.submit("require('money').yuan(1)").output == ["changed"])
        #expect(console.submit("require('nothing')").error?.contains("no module 'nothing'; the modules are actors, money") == true)
    }

    @Test func aBrokenReloadKeepsThePreviousRules() throws {
        try "return {" .write(toFile: folder + "/rules/broken.lua", atomically: true, encoding: .utf8)
        let reply = console.submit(".reload")
        #expect(reply.error?.hasSuffix("(the previous rules stay in use)") == true, "\(reply)")
        #expect(console.submit("eval(\"KF-2026-000007\").results.approval.tier").output == ["2"])
    }

    @Test func metaCommandsAndTheirMistakes() {
        #expect(console.submit(".help").output.first?.contains("ticket(\"KF-2026-000001\")") == true)
        #expect(console.submit(".frobnicate").error == "unknown command .frobnicate; .help lists them")
        #expect(console.submit(".format yaml").error == "use .format text or .format json")
        #expect(console.submit(".format json").output == ["format: json"])
        #expect(console.submit("{ a = 1 }").output == ["{\"a\": 1}"])
        #expect(console.submit(".quit").quit)
        #expect(console.submit(".tickets").output.first?.hasPrefix("number") == false)   // json now: a list
    }

    @Test func completionOffersMetaCommandsFieldsGlobalsAndTicketNumbers() {
        #expect(console.completions(for: ".r", in: ".r") == [".rules", ".reload"])
        #expect(console.completions(for: "string.up", in: "string.up") == ["string.upper"])
        #expect(console.completions(for: "calendar:add_w", in: "x = calendar:add_w") == ["calendar:add_workdays"])
        #expect(console.completions(for: "tick", in: "tick") == ["ticket", "tickets"])
        #expect(console.completions(for: "KF-2025-0", in: "ticket(\"KF-2025-0") == ["KF-2025-000001", "KF-2025-000002"])
    }

    @Test func anIncompleteChunkWaitsAndCtrlCDropsIt() {
        #expect(console.submit("function f(x)").needsMore)
        #expect(console.isContinuing)
        console.cancelLine()
        #expect(!console.isContinuing)
        #expect(console.submit("1 + 1").output == ["2"])
    }

    @Test func aRunawayChunkUsesUpTheRulesBudgetAndTheNextChunkRuns() {
        let reply = console.submit("while true do end")
        #expect(reply.error?.hasSuffix("instruction budget exhausted (10000000 instructions)") == true, "\(reply)")
        #expect(console.submit("6 * 7").output == ["42"])
    }

    @Test func onATerminalTheBudgetIsLargeAndThereIsNoDeadline() {
        #expect(ConsoleSession.terminalLimits.instructions > 1000 * LuaLimits().instructions)
        #expect(ConsoleSession.terminalLimits.seconds == 0)
        #expect(ConsoleSession.terminalLimits.memory == LuaLimits().memory)
    }
}
