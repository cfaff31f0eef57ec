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
        console = try ConsoleSession(store: try Fixtures.samples(), rules: .draft(folder + "/rules"), settings: Fixtures.shanghai)
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
        #expect(console.submit("require('nothing')").error?.contains("no module 'nothing'; the modules are actors, figures, money, sections, vocabulary") == true)
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

    @Test func inChineseTheConsoleSaysItsMessagesInChinese() throws {
        let chinese = try ConsoleSession(store: try Fixtures.samples(), rules: .draft(folder + "/rules"), settings: Fixtures.shanghai,
                                         language: .zh)
        #expect(chinese.submit(".help").output.first?.hasPrefix("不写 Lua 也可以:") == true)
        #expect(chinese.submit(".frobnicate").error == "没有命令 .frobnicate;输入 .help 查看全部命令")
        #expect(chinese.submit(".format yaml").error == "请输入 .format text 或 .format json")
        #expect(chinese.submit(".reload").output.first?.hasPrefix("规则没有变化(版本 ") == true)
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

    @Test func aDecisionIsAHandleToTheEnginesDecision() throws {
        let ticketCase = try console.store.read { try TicketCase.load(number: "KF-2026-000007", from: $0)! }
        let decision = try console.engine.evaluate(ticketCase)
        #expect(console.submit("d = eval(\"KF-2026-000007\")").error == nil)
        #expect(console.submit("d").output == [decision.text(console.engine.clerkLabels(in: .en))])
        #expect(console.submit("getmetatable(d).__name").output == ["ruledesk.decision"])
        #expect(console.submit("d.results.approval.tier").output == ["\(ConsoleView.inline(decision.results(of: "approval")!["tier"]!))"])
        #expect(console.submit("d.ticket, d.rules_version").output == ["KF-2026-000007\t\(decision.rulesVersion)"])
        var names: [String] = []
        for line in console.submit("for k in pairs(d) do print(k) end").output { names.append(line) }
        #expect(names.sorted() == ["results", "rules_version", "ticket", "trace"])
        #expect(console.submit("d.ticket = 'x'").error == "stdin:1: a decision cannot be changed")
        #expect(console.submit("print(d)").output == [decision.text(console.engine.clerkLabels(in: .en))])
        #expect(console.completions(for: "d.ru", in: "d.ru") == ["d.rules_version"])
        _ = console.submit(".format json")
        #expect(console.submit("d").output == [decision.json])
    }

    @Test func aPlanIsAHandleToThePlannersPlan() throws {
        let community = try console.store.read { try Community.coded("H01", in: $0) }
        let plan = try RevisitPlanner(engine: console.engine, store: console.store).plan(community, on: LocalDate("2026-03-01")!)
        #expect(console.submit("p = plan(\"H01\", \"2026-03-01\")").error == nil)
        #expect(console.submit("p").output == [plan.text])
        #expect(console.submit("p.sample_size").output == [String(plan.sampleSize)])
        #expect(console.submit("p.seed == nil").output == ["false"])
        _ = console.submit(".format json")
        #expect(console.submit("p").output == [plan.json])
        #expect(console.submit("plan(\"X99\")").error?.contains("X99") == true)
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
