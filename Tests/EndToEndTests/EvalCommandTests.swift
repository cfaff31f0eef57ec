import Foundation
import GRDB
import RuleDesk
import Testing
import TemporaryFolders

@Suite(.serialized, .removesTemporaryFolders) struct EvalCommandTests {
    let folder: String
    init() throws { folder = try Binary.sampleWorld() }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonHasTheContractedShape() throws {
        let result = try Binary.run(["eval", "KF-2026-000001", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(object["ticket"] as? String == "KF-2026-000001")
        #expect((object["rules_version"] as? String)?.count == 64)
        let results = try #require(object["results"] as? [String: [String: Any]])
        #expect(Set(results.keys) == ["assignment", "deadlines", "approval", "warranty", "revisit"])
        #expect(results["approval"]?["tier"] as? Int == 2)
        #expect(results["deadlines"]?["survey_due"] as? String == "2026-01-06")
        let trace = try #require(object["trace"] as? [String: [String]])
        #expect(trace["approval"]?.first?.contains("(3.6.1)") == true)
    }

    @Test func textShowsNamesBesideKeysAndTheTrace() throws {
        let result = try Binary.run(["eval", "KF-2026-000001"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("deputy_gm (副总经理)"))
        #expect(result.stdout.contains("  · 单项维修款 4500 元"))
    }

    @Test func theSameTicketGivesTheSameBytes() throws {
        let first = try Binary.run(["eval", "KF-2026-000005", "--format", "json"], in: folder)
        let second = try Binary.run(["eval", "KF-2026-000005", "--format", "json"], in: folder)
        #expect(first.stdout == second.stdout)
    }

    @Test func evalRecordsNothing() throws {
        #expect(try Binary.run(["eval", "KF-2026-000001"], in: folder).status == 0)
        let store = try Store(path: folder + "/ruledesk.db")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM decisions") } == 0)
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT status FROM tickets WHERE number = 'KF-2026-000001'") } == "new")
    }

    @Test func anUnknownTicketIsExitOneWithAHint() throws {
        let result = try Binary.run(["eval", "KF-2026-00001"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no ticket KF-2026-00001 in ruledesk.db; did you mean KF-2026-000001"))
        #expect(result.stdout.isEmpty)
        let chinese = try Binary.run(["eval", "KF-2026-00001", "--lang", "zh"], in: folder)
        #expect(chinese.status == 1 && chinese.stderr.hasPrefix("ruledesk: ruledesk.db 中没有工单 KF-2026-00001;是否指 KF-2026-000001"))
    }

    @Test func usageErrorsAreExitTwo() throws {
        #expect(try Binary.run(["eval"], in: folder).status == 2)
        #expect(try Binary.run(["eval", "X", "--format", "yaml"], in: folder).status == 2)
        #expect(try Binary.run(["frobnicate"], in: folder).status == 2)
    }

    @Test func aFailingRuleIsExitOneWithFileAndLine() throws {
        let path = folder + "/rules/approval.lua"
        var source = try String(contentsOfFile: path, encoding: .utf8)
        source = source.replacingOccurrences(of: "local tier = tier_of(cost)", with: "local tier = tier_of(cost) + nil")
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Binary.run(["eval", "KF-2026-000001"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("ruledesk: rules/approval.lua:"), "\(result.stderr)")
        #expect(result.stderr.contains("attempt to perform arithmetic on a nil value"))
    }

    @Test func theDatabaseComesFromTheEnvironmentOrTheOption() throws {
        let other = try Binary.workspace()
        let viaEnv = try Binary.run(["eval", "KF-2026-000001"], in: other, environment: ["RULEDESK_DB": folder + "/ruledesk.db"])
        #expect(viaEnv.status == 0, "\(viaEnv.stderr)")
        let missing = try Binary.run(["eval", "KF-2026-000001"], in: other)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no database at ruledesk.db: create it with `ruledesk init"))
    }

    @Test func everyCommandsHelpShowsAnExample() throws {
        for command in ["init", "import", "eval", "test", "batch", "gen", "check", "diff", "types", "history", "explain",
                        "rules log", "revisit plan", "revisit status"] {
            let result = try Binary.run(command.split(separator: " ").map(String.init) + ["--help"], in: folder)
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example"), "\(command)")
            #expect(result.stdout.contains("ruledesk \(command)"), "\(command)")
        }
    }
}
