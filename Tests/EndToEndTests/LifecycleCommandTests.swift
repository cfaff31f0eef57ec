import Foundation
import RuleDesk
import Testing
import TemporaryFolders

/// `record`, `import events`, `sla`, `due`, `find` and `history` through the built binary, from a folder outside
/// the project, on the sample world: KF-2026-000014 is a two-trade repair registered on 30 April 2026, before
/// Labour Day.
@Suite(.removesTemporaryFolders) struct LifecycleCommandTests {
    static func world() throws -> String {
        let folder = try Binary.sampleWorld()
        try Binary.publish(in: folder)
        #expect(try Binary.run(["batch"], in: folder).status == 0)
        return folder
    }

    @Test func recordMovesTheClocksAndHistoryShowsTheEvents() throws {
        let folder = try Self.world()
        let before = try Binary.run(["sla", "KF-2026-000014", "--on", "2026-05-11"], in: folder)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("survey_due    2026-05-06  survey    —       overdue by 4 working days"), "\(before.stdout)")
        #expect(before.stdout.contains("repair_due    2026-05-14  complete  —       pending, 3 working days left"), "\(before.stdout)")

        let survey = try Binary.run(["record", "KF-2026-000014", "survey", "--on", "2026-05-07", "--by", "王芳"], in: folder)
        #expect(survey.status == 0, "\(survey.stderr)")
        #expect(survey.stdout.hasPrefix("recorded survey on 2026-05-07 for KF-2026-000014\n"))
        let complete = try Binary.run(["record", "ｋｆ-2026-000014", "complete", "--at", "2026-05-13 16:30", "--cost", "1350",
                                       "--format", "json"], in: folder)
        #expect(complete.status == 0, "\(complete.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(complete.stdout.utf8)) as? [String: Any])
        #expect(json["ticket"] as? String == "KF-2026-000014" && json["on"] as? String == "2026-05-13")
        let sla = try #require(json["sla"] as? [String: Any])
        let deadlines = try #require(sla["deadlines"] as? [[String: Any]])
        let repair = try #require(deadlines.first { $0["deadline"] as? String == "repair_due" })
        #expect(repair["due"] as? String == "2026-05-15" && repair["state"] as? String == "met" && repair["met_on"] as? String == "2026-05-13")
        #expect(deadlines.contains { $0["deadline"] as? String == "callback_due" && $0["due"] as? String == "2026-05-14" })

        let refused = try Binary.run(["record", "KF-2026-000014", "callback", "--on", "2026-05-12", "--rating", "satisfied"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr == "ruledesk: KF-2026-000014: callback on 2026-05-12 is before the completion on 2026-05-13; nothing was recorded\n")
        let unknown = try Binary.run(["record", "KF-2026-00014", "survey", "--on", "2026-05-07"], in: folder)
        #expect(unknown.status == 1 && unknown.stderr.contains("did you mean KF-2026-000014"))
        let usage = try Binary.run(["record", "KF-2026-000014", "surveyed"], in: folder)
        #expect(usage.status == 2)

        let history = try Binary.run(["history", "KF-2026-000014"], in: folder)
        #expect(history.stdout.contains("after survey on 2026-05-07 by 王芳  2 changes"), "\(history.stdout)")
        #expect(history.stdout.contains("after complete on 2026-05-13 (at 2026-05-13T16:30:00+08:00, cost 1350 yuan)"), "\(history.stdout)")
    }

    @Test func importEventsAndTheQueue() throws {
        let folder = try Self.world()
        try Data("""
            number,event,at,until,cost,rating,by,note\r
            KF-2026-000014,survey,2026-05-07,,,,王芳,\r
            KF-2026-000014,feedback,2026-05-08,,,,李明,已反馈\r

            """.utf8).write(to: URL(fileURLWithPath: folder + "/events.csv"))
        let imported = try Binary.run(["import", "events", "events.csv"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported 2 events from events.csv\n")

        let due = try Binary.run(["due", "--on", "2026-05-11", "--format", "json"], in: folder)
        #expect(due.status == 0, "\(due.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [[String: Any]])
        #expect(!items.contains { $0["ticket"] as? String == "KF-2026-000014" && $0["deadline"] as? String == "survey_due" })
        let repair = try #require(items.first { $0["ticket"] as? String == "KF-2026-000014" && $0["deadline"] as? String == "repair_due" })
        #expect(repair["due"] as? String == "2026-05-15" && repair["workdays_left"] as? Int == 4 && repair["overdue"] as? Bool == false)
        #expect(repair["department"] as? String == "cs" && repair["community"] as? String == "H01" && repair["household"] as? String == "H01-2-1-102")
        let lefts = items.compactMap { $0["workdays_left"] as? Int }
        #expect(lefts == lefts.sorted() && lefts.count == items.count)

        let overdue = try Binary.run(["due", "--on", "2026-05-11", "--overdue", "--community", "H01"], in: folder)
        #expect(overdue.stdout.hasPrefix("due on 2026-05-11: "), "\(overdue.stdout)")
        #expect(overdue.stdout.contains("department"))
        #expect(!overdue.stdout.contains(" H02 ") && !overdue.stdout.contains(" H03 "))
        let csv = try Binary.run(["due", "--on", "2026-05-11", "--within", "0", "--format", "csv"], in: folder)
        #expect(csv.stdout.hasPrefix("ticket,deadline,due,workdays_left,overdue,department,community,household,description\n"))
        #expect(try Binary.run(["due", "--within", "-1"], in: folder).status == 2)
        let workbook = try Binary.run(["due", "--on", "2026-05-11", "--format", "xlsx", "--out", "due.xlsx"], in: folder)
        #expect(workbook.status == 0 && workbook.stdout.hasPrefix("wrote due.xlsx: \(items.count) rows"), "\(workbook.stdout)\(workbook.stderr)")
        let sheet = try XLSXReader(data: try Data(contentsOf: URL(fileURLWithPath: folder + "/due.xlsx"))).sheet(named: nil).rows
        #expect(sheet.first?.cells == ["ticket", "deadline", "due", "workdays_left", "overdue", "department", "community", "household",
                                       "description"].map(SpreadsheetCell.text))
        #expect(sheet.count == items.count + 1)

        try Data("number,event,at\nKF-2026-000014,complete,2026-05-06\n".utf8).write(to: URL(fileURLWithPath: folder + "/bad.csv"))
        let bad = try Binary.run(["import", "events", "bad.csv"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("ruledesk: bad.csv:2: event: completion on 2026-05-06 is before the survey on 2026-05-07\n"))
        #expect(bad.stderr.contains("nothing was imported"))
    }

    @Test func findTheOwnerOnTheCall() throws {
        let folder = try Self.world()
        let phone = try Binary.run(["find", "+86 138-0000-0010"], in: folder)
        #expect(phone.status == 0, "\(phone.stderr)")
        #expect(phone.stdout.contains("H01-2-1-102  H01  2号楼1单元102  吴强  138****0010  [phone]"), "\(phone.stdout)")
        #expect(phone.stdout.contains("KF-2026-000014  2026-04-30  repair  open, next survey_due 2026-05-06 (overdue)"))
        #expect(!phone.stdout.contains("13800000010"))
        let shown = try Binary.run(["find", "13800000010", "--show-pii", "--format", "json"], in: folder)
        let found = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]])
        #expect(found.first?["phone"] as? String == "13800000010" && found.first?["household"] as? String == "H01-2-1-102")
        let nothing = try Binary.run(["find", "99999999999999"], in: folder)
        #expect(nothing.status == 0 && nothing.stdout.hasPrefix("nothing found for"))
    }

    @Test func aChineseClerkReadsChinese() throws {
        let folder = try Self.world()
        let chinese = ["LANG": "zh_CN.UTF-8"]
        let sla = try Binary.run(["sla", "KF-2026-000014", "--on", "2026-05-11"], in: folder, environment: chinese)
        #expect(sla.stdout.hasPrefix("工单 KF-2026-000014 · 2026年5月11日 的各项期限 · 处理中\n"), "\(sla.stdout)")
        #expect(sla.stdout.contains("勘察期限") && sla.stdout.contains("逾期 4 个工作日") && !sla.stdout.contains("survey_due"))
        let refused = try Binary.run(["record", "KF-2026-000014", "callback", "--on", "2026-05-12", "--rating", "satisfied"],
                                     in: folder, environment: chinese)
        #expect(refused.stderr == "ruledesk: KF-2026-000014:尚未登记完工;请先登记完工;未作任何登记\n", "\(refused.stderr)")
        let recorded = try Binary.run(["record", "KF-2026-000014", "survey", "--on", "2026/5/7", "--lang", "zh"], in: folder)
        #expect(recorded.stdout.hasPrefix("已登记 KF-2026-000014 的现场勘察(2026年5月7日)\n"), "\(recorded.stdout)\(recorded.stderr)")
        let due = try Binary.run(["due", "--on", "2026-05-11", "--lang", "zh"], in: folder)
        #expect(due.stdout.hasPrefix("2026年5月11日 待办:") && due.stdout.contains("责任部门") && due.stdout.contains("客户服务部(cs)"))
        let find = try Binary.run(["find", "0010", "--lang", "zh"], in: folder)
        #expect(find.stdout.hasPrefix("「0010」找到 1 户\n") && find.stdout.contains("[电话尾号]"), "\(find.stdout)")
        #expect(find.stdout.contains("KF-2026-000014  2026-04-30  维修  处理中"), "\(find.stdout)")
        let english = try Binary.run(["sla", "KF-2026-000014", "--on", "2026-05-11", "--lang", "en"], in: folder, environment: chinese)
        #expect(english.stdout.hasPrefix("KF-2026-000014 · deadlines on 2026-05-11 · open\n"))
    }

    @Test func recordingNeedsPublishedRulesAndAWritableDatabase() throws {
        let folder = try Binary.sampleWorld()
        let unpublished = try Binary.run(["record", "KF-2026-000014", "survey", "--on", "2026-05-07"], in: folder)
        #expect(unpublished.status == 1 && unpublished.stderr.contains("publish"), "\(unpublished.stderr)")
    }
}
