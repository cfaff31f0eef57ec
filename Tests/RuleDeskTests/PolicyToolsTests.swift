import Foundation
import GRDB
import LuaRuntime
import Testing
@testable import RuleDesk
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct PolicyToolsTests {
    let store: Store

    init() throws {
        store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
    }

    /// The project's rules copied, with `edit` applied to one file.
    private func changedRules(_ file: String, _ edit: (String) -> String) throws -> RuleSet {
        let folder = try Fixtures.temporaryFolder() + "/rules"
        try FileManager.default.copyItem(atPath: Fixtures.root + "/rules", toPath: folder)
        let path = folder + "/" + file
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        return try RuleSet(folder: folder)
    }

    @Test func diffCountsEachChangeWithExamples() throws {
        let proposed = try changedRules("approval.lua") {
            $0.replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
        }
        var diff = RuleDiff(store: store, current: try RuleSet(folder: Fixtures.root + "/rules"), proposed: proposed,
                            settings: Fixtures.shanghai)
        diff.jobs = 2
        let report = try diff.run()
        #expect(report.tickets == 30)
        #expect(report.ticketsChanged == 2)
        let tier = try #require(report.changes.first { $0.rule == "approval" && $0.field == "tier" })
        #expect(tier.from == "2" && tier.to == "1" && tier.tickets == 2)
        #expect(tier.examples == ["KF-2026-000007", "KF-2026-000014"])
        #expect(report.text.contains("approval.tier: 2→1 on 2 of 30 tickets (e.g. KF-2026-000007, KF-2026-000014)"))
        #expect(report.failures.isEmpty)
        #expect(report.csv.split(separator: "\n").first == "rule,field,from,to,tickets,examples")
    }

    @Test func diffListsTicketsThatFailUnderTheNewRulesAndHonoursTheRange() throws {
        let proposed = try changedRules("warranty.lua") {
            $0.replacingOccurrences(of: "evaluate = function(ticket, ctx)",
                                    with: "evaluate = function(ticket, ctx)\n    if ticket.component == 'structure' then error('broken') end")
        }
        var diff = RuleDiff(store: store, current: try RuleSet(folder: Fixtures.root + "/rules"), proposed: proposed,
                            settings: Fixtures.shanghai)
        #expect(try diff.run().failures.map(\.ticket) == ["KF-2026-000011"])
        diff.range.since = LocalDate("2026-05-01")
        #expect(try diff.run().failures.isEmpty)
        diff.range = .init()
        diff.range.community = "H01"
        let h01 = try diff.run()
        #expect(h01.tickets == 11 && h01.failures.isEmpty)
    }

    @Test func historyKeepsEveryVersionAndCanRerunOldOnes() throws {
        let current = try RuleSet(folder: Fixtures.root + "/rules")
        var options = BatchOptions()
        _ = try BatchRunner(store: store, ruleSet: current, settings: Fixtures.shanghai, options: options).run()
        let proposed = try changedRules("approval.lua") {
            $0.replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
        }
        options.selection = .reevaluate
        _ = try BatchRunner(store: store, ruleSet: proposed, settings: Fixtures.shanghai, options: options).run()

        let history = try store.read { try DecisionHistory(ticket: "KF-2026-000014", in: $0) }
        #expect(history.entries.map(\.decision.rulesVersion) == [current.version, proposed.version])
        #expect(history.entries[1].changes.contains("approval.tier: 2 → 1"))
        let log = try store.read { try RuleArchive.log(in: $0) }
        #expect(log.map(\.version) == [current.version, proposed.version])
        #expect(log.allSatisfy { $0.kept })

        // The files change on disk; the kept version still re-runs to the recorded decision.
        let kept = try #require(try store.read { try RuleArchive.ruleSet(version: current.version, in: $0) })
        #expect(kept.version == current.version)
        let ticketCase = try #require(try store.read { try TicketCase.load(number: "KF-2026-000014", from: $0) })
        let again = try RuleEngine(ruleSet: kept, store: store, settings: Fixtures.shanghai).evaluate(ticketCase)
        #expect(DecisionHistory.changes(from: history.entries[0].decision, to: again).isEmpty)
        #expect(again.json == history.entries[0].decision.json)
        #expect(try store.read { try RuleArchive.resolve(String(current.version.prefix(6)), in: $0) } == current.version)
    }

    @Test func jsonReadsBackWhatItWrote() {
        let value: LuaValue = ["a": [1, 2.0, "中\"\n\u{1}", .nil, true], "b": ["c": -7.25e-9]]
        #expect(JSONReader.read(JSONText.encode(value)) == value)
        #expect(JSONReader.read("{\"a\": ") == nil)
        #expect(JSONReader.read("\"\\ud83d\\ude00\"") == "😀")
    }

    @Test func checkReportsLintAndContractProblemsWithFileAndLine() throws {
        let rules = try Fixtures.ruleSet([
            "a.lua": """
            return {
              name = "a",
              outputs = { x = "integer" },
              evaluate = function(ticket)
                local unused = 1
                return { x = ticket.households_affected + undefined_limit }
              end,
            }
            """,
            "b.lua": "return { name = 'b', needs = { 'c' }, outputs = { x = 'any' }, evaluate = function() return {} end }",
            "c.lua": "return { name = 'c', needs = { 'b' }, outputs = { x = 'any' }, evaluate = function() return {} end }",
        ])
        let findings = try RuleCheck(folder: rules.folder).run()
        let text = findings.map(\.description)
        #expect(text.contains { $0.hasSuffix("the rules' needs form a cycle: b → c → b; one of them must not need the other") })
        #expect(findings.contains { $0.file.hasSuffix("a.lua") && $0.line == 5 && $0.code == "W211" && !$0.isError })
        #expect(findings.contains { $0.file.hasSuffix("a.lua") && $0.line == 6 && $0.code == "W113" && $0.isError })
        let clean = try RuleCheck(folder: Fixtures.root + "/rules").run()
        #expect(clean.isEmpty, "\(clean)")
    }
}
