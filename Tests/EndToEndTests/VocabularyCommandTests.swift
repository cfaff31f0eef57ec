import Foundation
import GRDB
import Testing
import TemporaryFolders

/// The rules' vocabulary through the binary: import refuses a value outside it naming the file, line and nearest
/// values (in the locale's language) and stores Chinese names as keys; eval names a stored ticket's field outside
/// it; check finds a rule comparing with a value outside it; types emits its enums.
@Suite(.removesTemporaryFolders) struct VocabularyCommandTests {
    static let header = "number,received_at,channel,community,household,cause,kind,component,trades,complex,estimated_cost,"
        + "households_affected,hazard,media,survey_date,completed_at,description"

    private func row(_ kind: String, _ component: String, _ trades: String) -> String {
        ",2026-03-02T10:00:00+08:00,热线,H01,,保修,\(kind),\(component),\(trades),false,800,1,false,false,,,漏水"
    }

    @Test func importRefusesAValueOutsideTheVocabularyInTheLocalesLanguage() throws {
        let folder = try Binary.sampleWorld()
        try [Self.header, row("维修", "给排水管道", "给排水|电工"), row("repiar", "plumbing", "")].joined(separator: "\n")
            .write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let english = try Binary.run(["import", "tickets", "bad.csv"], in: folder)
        #expect(english.status == 1)
        #expect(english.stderr.hasPrefix("ruledesk: bad.csv:3: kind: 'repiar' is not a value of kind in the rules' vocabulary; did you mean repair (维修)?\n"))
        let chinese = try Binary.run(["import", "tickets", "bad.csv"], in: folder, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(chinese.stderr.hasPrefix("ruledesk: bad.csv:3: kind: 「repiar」不在规则词表的工单类别(kind)之中;是否指 维修(repair)?\n"))
        let option = try Binary.run(["import", "tickets", "bad.csv", "--lang", "zh"], in: folder)
        #expect(option.stderr == chinese.stderr)

        try [Self.header, row("维修", "给排水管道", "给排水|电工")].joined(separator: "\n")
            .write(toFile: folder + "/good.csv", atomically: true, encoding: .utf8)
        let good = try Binary.run(["import", "tickets", "good.csv"], in: folder)
        #expect(good.status == 0, "\(good.stderr)")
        let store = try DatabaseQueue(path: folder + "/ruledesk.db")
        let stored = try store.read {
            try Row.fetchOne($0, sql: "SELECT channel, cause, kind, component, trades FROM tickets ORDER BY id DESC LIMIT 1")!
        }
        #expect(stored["channel"] as String == "hotline" && stored["cause"] as String == "warranty")
        #expect(stored["kind"] as String == "repair" && stored["component"] as String == "plumbing")
        #expect(stored["trades"] as String == "plumbing|electrical")
    }

    @Test func importChecksAgainstTheRulesItIsGivenOrTheVersionInForce() throws {
        let folder = try Binary.sampleWorld()
        try [Self.header, row("维修", "diy_shelf", "")].joined(separator: "\n")
            .write(toFile: folder + "/shelf.csv", atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "tickets", "shelf.csv"], in: folder).stderr.contains("'diy_shelf' is not a value of component"))
        try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/wider")
        let module = folder + "/wider/lib/vocabulary.lua"
        try (try String(contentsOfFile: module, encoding: .utf8))
            .replacingOccurrences(of: "{ key = \"garden\",", with: "{ key = \"diy_shelf\", name = \"自制搁板\" },\n      { key = \"garden\",")
            .write(toFile: module, atomically: true, encoding: .utf8)
        let drafted = try Binary.run(["import", "tickets", "shelf.csv", "--rules", "wider"], in: folder)
        #expect(drafted.status == 0, "\(drafted.stderr)")

        // Published, the version in force decides, whatever ./rules says.
        try Binary.publish(in: folder, ["--rules", "wider"])
        try FileManager.default.removeItem(atPath: folder + "/rules")
        try [Self.header, row("维修", "自制搁板", "")].joined(separator: "\n")
            .write(toFile: folder + "/shelf2.csv", atomically: true, encoding: .utf8)
        let published = try Binary.run(["import", "tickets", "shelf2.csv"], in: folder)
        #expect(published.status == 0, "\(published.stderr)")
    }

    @Test func evalNamesAStoredFieldOutsideTheVocabulary() throws {
        let folder = try Binary.sampleWorld()
        let store = try DatabaseQueue(path: folder + "/ruledesk.db")
        try store.write { try $0.execute(sql: "UPDATE tickets SET trades = 'plumbing|plumbng' WHERE number = 'KF-2026-000014'") }
        let english = try Binary.run(["eval", "KF-2026-000014"], in: folder)
        #expect(english.status == 1)
        #expect(english.stderr == "ruledesk: ticket KF-2026-000014 has a value outside the rules' vocabulary, so it is not evaluated: trades: 'plumbng' is not a value of trades in the rules' vocabulary; did you mean plumbing (给排水)?\n")
        let chinese = try Binary.run(["eval", "KF-2026-000014"], in: folder, environment: ["LC_ALL": "zh_CN.UTF-8"])
        #expect(chinese.stderr == "ruledesk: 工单 KF-2026-000014 有规则词表之外的取值,未予评估:工种(trades):「plumbng」不在规则词表的工种(trades)之中;是否指 给排水(plumbing)?\n")
    }

    @Test func evalSpeaksChineseWhereAClerkReadsAndJSONStaysEnglish() throws {
        let folder = try Binary.sampleWorld()
        let text = try Binary.run(["eval", "KF-2026-000014"], in: folder, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("\n  审批人 approvers                       副总经理(deputy_gm)\n"), "\(text.stdout)")
        #expect(text.stdout.contains("\n  维修期限 repair_due       2026年5月14日\n"), "\(text.stdout)")
        let english = try Binary.run(["eval", "KF-2026-000014", "--lang", "en"], in: folder, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.contains("\n  approvers             deputy_gm (副总经理)\n"), "\(english.stdout)")
        let json = try Binary.run(["eval", "KF-2026-000014", "--format", "json"], in: folder, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(json.stdout.contains("\"approvers\": [\"deputy_gm\"]") && json.stdout.contains("\"repair_due\": \"2026-05-14\""))
        let help = try Binary.run(["eval", "--help"], in: folder, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(help.stdout.contains("Evaluate one stored ticket"))
    }

    @Test func checkFindsAComparisonWithAValueOutsideTheVocabularyAndTypesEmitsItsEnums() throws {
        let folder = try Binary.workspace()
        let path = folder + "/rules/warranty.lua"
        try (try String(contentsOfFile: path, encoding: .utf8))
            .replacingOccurrences(of: "if ticket.kind ~= REPAIR then", with: "if ticket.kind ~= \"repiar\" then")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let check = try Binary.run(["check"], in: folder)
        #expect(check.status == 1)
        #expect(check.stdout.contains("rules/warranty.lua:") && check.stdout.contains(": error: ticket.kind is compared with a value that imports never store: 'repiar' is not a value of kind in the rules' vocabulary; did you mean repair (维修)?"),
                "\(check.stdout)")
        let types = try Binary.run(["types"], in: folder)
        #expect(types.status == 0, "\(types.stderr)")
        let meta = try String(contentsOfFile: folder + "/rules/types/ruledesk.lua", encoding: .utf8)
        #expect(meta.contains("---@alias Ticket.component\n---| \"foundation\" # 地基基础\n"))
    }
}
