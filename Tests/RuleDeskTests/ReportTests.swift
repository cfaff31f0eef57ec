import Foundation
import GRDB
import TemporaryFolders
import Testing
@testable import RuleDesk

/// The default report scripts on a world built row by row (tickets, their fact columns and `ticket_deadlines`
/// written directly, so that each figure's right answer follows from the rows alone), and the report machinery:
/// periods, offices, formats, determinism, errors with file:line, the sandbox.
@Suite(.removesTemporaryFolders) struct ReportTests {
    static let week18 = ReportPeriod.week(year: 2026, week: 18)

    /// T01 in the default office and T02 in 北区客服处; tickets A, B (T01) and C (T02) registered in 2026-W18
    /// (Monday 04-27 to Sunday 05-03, Labour Day from 05-01), with these deadlines:
    ///
    ///   A survey_due 04-28, surveyed 04-28        → on time
    ///   A repair_due 04-29, completed 04-30       → late
    ///   B repair_due 04-30, completed 05-06       → overdue at the end of 05-03 (the completion came later)
    ///   B resolve_due 05-03, not met              → pending (due on the last day)
    ///   C repair_due 04-27, not met               → overdue
    ///   C feedback_due 05-08                      → not this week
    private func world() throws -> Store {
        let store = try Fixtures.store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        try importer.insert(.communities, fields: ["code": "T02", "name": "北区小区", "completion_date": "2024-02-29",
                                                   "households_total": "10", "office": "北区客服处"], source: "test", line: 2)
        for (number, community, day) in [("A", "T01", "27"), ("B", "T01", "28"), ("C", "T02", "29")] {
            _ = try Fixtures.ticket(store, ["number": number, "community": community, "received_at": "2026-04-\(day)T10:00:00+08:00"])
        }
        try store.write { db in
            try db.execute(sql: """
                UPDATE tickets SET department = 'cs', tier = 1, class = 'B', survey_date = '2026-04-28', completed_on = '2026-04-30',
                  final_cost = 900 WHERE number = 'A';
                UPDATE tickets SET department = 'cs', completed_on = '2026-05-06' WHERE number = 'B';
                UPDATE tickets SET department = 'engineering', major = 1, callback_on = '2026-04-30', callback_rating = 'neutral'
                  WHERE number = 'C';
                """)
            for (number, deadline, due, event) in [
                ("A", "survey_due", "2026-04-28", "survey"), ("A", "repair_due", "2026-04-29", "complete"),
                ("B", "repair_due", "2026-04-30", "complete"), ("B", "resolve_due", "2026-05-03", "complete"),
                ("C", "repair_due", "2026-04-27", "complete"), ("C", "feedback_due", "2026-05-08", "feedback"),
            ] {
                try db.execute(sql: """
                    INSERT INTO ticket_deadlines (ticket_id, deadline, due, event)
                    SELECT id, ?, ?, ? FROM tickets WHERE number = ?
                    """, arguments: [deadline, due, event, number])
            }
        }
        return store
    }

    private func runner(_ store: Store, rules: String = Fixtures.root + "/rules") throws -> ReportRunner {
        try ReportRunner(ruleSet: RuleSet(folder: rules), store: store, settings: Fixtures.shanghai)
    }

    private func weekly(_ store: Store, office: String? = nil) throws -> Report {
        try runner(store).run("weekly", period: Self.week18, office: office, today: LocalDate("2026-12-01")!)
    }

    private func section(_ report: Report, _ id: String) throws -> Report.Content {
        try #require(report.sections.first { $0.id == id }).content
    }

    private func figure(_ report: Report, _ label: String) throws -> Report.Value? {
        guard case .figures(let figures) = try section(report, "summary") else { return nil }
        return figures.first { $0.label == label }?.value
    }

    /// The deadlines table as name → [due, on time, late, overdue, pending] and rate.
    private func deadlines(_ report: Report) throws -> [String: ([Report.Value], Report.Value)] {
        guard case .table(_, let rows) = try section(report, "deadlines") else { return [:] }
        return Dictionary(uniqueKeysWithValues: rows.map { row in (row[0].display, (Array(row[1...5]), row[6])) })
    }

    @Test func deadlineStatesAreTheStateAtThePeriodsEnd() throws {
        let report = try weekly(try world())
        let table = try deadlines(report)
        #expect(table["维修"]?.0 == [.integer(3), .integer(0), .integer(1), .integer(2), .integer(0)])
        #expect(table["维修"]?.1 == .rate(numerator: 0, denominator: 3))
        #expect(table["现场勘察"]?.0 == [.integer(1), .integer(1), .integer(0), .integer(0), .integer(0)])
        #expect(table["投诉处理"]?.0 == [.integer(1), .integer(0), .integer(0), .integer(0), .integer(1)])
        #expect(table["投诉处理"]?.1 == .rate(numerator: 0, denominator: 0), "only a pending one: nothing to count yet")
        #expect(table["部门反馈"]?.0.first == .integer(0), "C's feedback is due next week")
        #expect(try figure(report, "维修及时率") == .rate(numerator: 0, denominator: 3))
        #expect(try figure(report, "受理") == .integer(3))
        #expect(try figure(report, "完工") == .integer(1), "A on 04-30; B's completion is after the week")
        #expect(try figure(report, "工作日") == .integer(4))
    }

    @Test func theDeadlineKindsAreTheRulesDeclarations() throws {
        let table = try deadlines(try weekly(try world()))
        #expect(Set(table.keys) == ["现场勘察", "部门反馈", "维修", "投诉处理", "电话回访"])
    }

    @Test func officesSplitTheCompany() throws {
        let store = try world()
        let north = try weekly(store, office: "北区客服处"), defaultOffice = try weekly(store, office: "")
        #expect(try figure(north, "受理") == .integer(1))
        #expect(try deadlines(north)["维修"]?.1 == .rate(numerator: 0, denominator: 1))
        #expect(try figure(defaultOffice, "受理") == .integer(2))
        #expect(try deadlines(defaultOffice)["维修"]?.1 == .rate(numerator: 0, denominator: 2))
        #expect(north.officeName == "北区客服处" && defaultOffice.officeName == "默认客服处")
        #expect(throws: ReportError.unknownOffice("南区", ["", "北区客服处"])) { try weekly(store, office: "南区") }
    }

    @Test func theMostOverdueAndTheCharts() throws {
        let report = try weekly(try world())
        guard case .table(_, let rows) = try section(report, "most_overdue") else { Issue.record("no table"); return }
        // C's repair due Monday 04-27: 04-28, 04-29, 04-30 are working days before the holiday; B's due Thursday 04-30: none.
        #expect(rows.map { [$0[0], $0[3], $0[4], $0[5]] } == [
            [.text("C"), .text("维修"), .text("2026-04-27"), .integer(3)],
            [.text("B"), .text("维修"), .text("2026-04-30"), .integer(0)],
        ])
        guard case .chart(let daily) = try section(report, "daily_chart") else { Issue.record("no chart"); return }
        #expect(daily.kind == .line && daily.labels.count == 7)
        #expect(daily.series[0].values == [1, 1, 1, 0, 0, 0, 0].map { Report.Value.integer($0) })
        guard case .chart(let departments) = try section(report, "department_chart") else { Issue.record("no chart"); return }
        #expect(departments.labels == ["客户服务部", "工程材料部"])
        #expect(departments.series[0].values == [.rate(numerator: 1, denominator: 3), .rate(numerator: 0, denominator: 1)])
    }

    @Test func anEmptyWeekHasEmptyRates() throws {
        let report = try runner(try world()).run("weekly", period: .week(year: 2026, week: 30), office: nil, today: LocalDate("2026-12-01")!)
        #expect(try figure(report, "受理") == .integer(0))
        for (name, row) in try deadlines(report) {
            #expect(row.1 == .rate(numerator: 0, denominator: 0), "\(name)")
        }
        #expect(report.text.contains("维修及时率      —"))
        #expect(report.text.contains("【各责任部门期限及时率】\n  (无)\n"), "a chart with nothing to draw")
        #expect(report.markdown.contains("## 各责任部门期限及时率\n\n(无)\n"))
    }

    // MARK: - Formats

    @Test func markdownAndCSVSayWhatRatesCount() throws {
        let report = try weekly(try world())
        let markdown = report.markdown
        #expect(markdown.hasPrefix("# 客户服务周报 · 2026-W18 (2026-04-27 – 2026-05-03) · 全公司\n"))
        #expect(markdown.contains("\n## 各项期限\n\n| 期限 | 到期 | 按时 | 超时完成 | 超期未办 | 未到期 | 及时率 |\n|---|---|---|---|---|---|---|\n"))
        #expect(markdown.contains("| 维修 | 3 | 0 | 1 | 2 | 0 | 0% (0/3) |"))
        #expect(markdown.contains("| 投诉处理 | 1 | 0 | 0 | 0 | 1 | — |"))
        let csv = report.csv
        #expect(csv.hasPrefix("\u{FEFF}客户服务周报 · 2026-W18 (2026-04-27 – 2026-05-03) · 全公司\r\n"))
        #expect(csv.contains("\r\n各项期限\r\n期限,到期,按时,超时完成,超期未办,未到期,及时率\r\n"))
        #expect(csv.contains("\r\n维修,3,0,1,2,0,0% (0/3)\r\n"))
        #expect(csv.contains("\r\n投诉处理,1,0,0,0,1,\r\n"), "an empty rate is an empty cell")
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func jsonIsTheSameNumbers() throws {
        let json = try weekly(try world()).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["report"] as? String == "weekly")
        #expect((object["period"] as? [String: Any])?["from"] as? String == "2026-04-27")
        let sections = try #require(object["sections"] as? [[String: Any]])
        let table = try #require(sections.first { $0["id"] as? String == "deadlines" })
        let rows = try #require(table["rows"] as? [[Any]])
        let repair = try #require(rows.first { $0.first as? String == "维修" })
        let rate = try #require(repair.last as? [String: Any])
        #expect(rate["numerator"] as? Int == 0 && rate["denominator"] as? Int == 3 && rate["rate"] as? Double == 0)
        let resolve = try #require(rows.first { $0.first as? String == "投诉处理" })
        #expect((resolve.last as? [String: Any])?["rate"] is NSNull)
    }

    @Test func theTablesAsAWorkbook() throws {
        let report = try weekly(try world())
        let sheet = try XLSXReader(data: try XLSXWriter.data(report.spreadsheet)).sheet(named: nil)
        #expect(sheet.rows.first?.cells == ["section", "title", "row", "column", "value", "numerator", "denominator"].map { .text($0) })
        let repair = try #require(sheet.rows.first { $0.cells.prefix(4) == [.text("deadlines"), .text("各项期限"), .text("维修"), .text("及时率")] })
        #expect(Array(repair.cells.dropFirst(4)) == [.number(0), .number(0), .number(3)], "a rate: its fraction, numerator, denominator")
        let resolve = try #require(sheet.rows.first { $0.cells.prefix(4) == [.text("deadlines"), .text("各项期限"), .text("投诉处理"), .text("及时率")] })
        #expect(Array(resolve.cells.dropFirst(4)) == [.empty, .number(0), .number(0)], "an empty rate has no fraction")
        let received = try #require(sheet.rows.first { $0.cells.prefix(4) == [.text("summary"), .text("概况"), .text("受理"), .text("数值")] })
        #expect(received.cells[4] == .number(3))
        #expect(!sheet.rows.contains { $0.cells.first == .text("daily_chart") }, "charts are left out")
    }

    @Test func theSameWorldGivesTheSameBytes() throws {
        let store = try world()
        let first = try weekly(store), second = try weekly(store)
        #expect(first.text == second.text && first.markdown == second.markdown && first.csv == second.csv)
        #expect(first.json == second.json && first.html == second.html)
        #expect(try XLSXWriter.data(first.spreadsheet) == XLSXWriter.data(second.spreadsheet))
    }

    @Test func htmlIsOneFileWithItsCharts() throws {
        let html = try weekly(try world()).html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.components(separatedBy: "<circle class=\"point\"").count - 1 == 14, "two lines of seven days")
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count - 1 == 2, "two departments")
    }

    @Test func communitiesBelongToAnOffice() throws {
        let store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        func offices() throws -> [String] {
            try store.read { try String.fetchAll($0, sql: "SELECT office FROM communities ORDER BY code") }
        }
        try importer.run(.communities, data: Data("""
            code,name,completion_date,handover_date,households_total,office
            A,甲,2024-01-01,,10,东区客服处
            B,乙,2024-01-01,,10,
            """.utf8), named: "with.csv")
        #expect(try offices() == ["东区客服处", ""], "an empty office is the default office")
        try importer.run(.communities, data: Data("code,name,completion_date,handover_date,households_total\nA,甲,2024-01-01,,12\n".utf8),
                         named: "without.csv")
        #expect(try offices() == ["东区客服处", ""], "a file without the column keeps the office")
        let community = try #require(try store.read { try Community.filter(Column("code") == "A").fetchOne($0) })
        #expect(community.office == "东区客服处" && community.householdsTotal == 12)
        #expect(TicketCase.communityValue(community)["office"] == .string("东区客服处"), "the rules see it")
    }

    @Test func periodsParse() throws {
        #expect(ReportPeriod.week("2026-W18")?.days.from == LocalDate("2026-04-27"))
        #expect(ReportPeriod.week("2026-W53")?.days.to == LocalDate("2027-01-03"), "2026 has 53 ISO weeks")
        #expect(ReportPeriod.week("2025-W53") == nil)
        #expect(ReportPeriod.week("2026-18") == nil && ReportPeriod.week("2026-W0") == nil)
        #expect(ReportPeriod.week(holding: LocalDate("2027-01-01")!) == .week(year: 2026, week: 53))
        #expect(ReportPeriod.week(holding: LocalDate("2026-05-03")!).label == "2026-W18")
        #expect(ReportPeriod.quarter("2026-Q2")?.days.to == LocalDate("2026-06-30"))
        #expect(ReportPeriod.quarter("2026-Q5") == nil)
        #expect(ReportPeriod.year("2026")?.days.to == LocalDate("2026-12-31"))
    }

    @Test func aScriptTakesItsOwnPeriod() throws {
        let runner = try runner(try world())
        #expect(throws: ReportError.parameter("weekly", "--quarter", "--week or --from/--to")) {
            try runner.run("weekly", period: .quarter(year: 2026, quarter: 2), office: nil, today: LocalDate("2026-12-01")!)
        }
        let range = try runner.run("weekly", period: .range(LocalDate("2026-04-27")!, LocalDate("2026-04-28")!), office: nil,
                                   today: LocalDate("2026-12-01")!)
        #expect(range.parameters.label == "2026-04-27..2026-04-28")
        let byDefault = try runner.run("quarterly", period: nil, office: nil, today: LocalDate("2026-05-20")!)
        #expect(byDefault.parameters.label == "2026-Q2")
        #expect(throws: ReportError.unknown("monthly", Fixtures.root + "/rules/reports", ["quarterly", "weekly", "yearly"])) {
            try runner.run("monthly", period: nil, office: nil, today: LocalDate("2026-12-01")!)
        }
    }

    // MARK: - Scripts, the rule set and the sandbox

    private func draft(_ report: String, name: String = "probe.lua") throws -> String {
        let folder = try Fixtures.temporaryFolder() + "/rules"
        try FileManager.default.copyItem(atPath: Fixtures.root + "/rules", toPath: folder)
        try Fixtures.write(report, to: folder + "/reports/" + name)
        return folder
    }

    private func probe(_ body: String) -> String {
        """
        return {
          name = "probe", title = "探针",
          parameters = { period = "week" },
          build = function(params, ctx)
            \(body)
          end,
        }
        """
    }

    private func runProbe(_ body: String) throws -> Report {
        let folder = try draft(probe(body))
        return try runner(try world(), rules: folder).run("probe", period: Self.week18, office: nil, today: LocalDate("2026-12-01")!)
    }

    @Test func aFailingScriptNamesItsFileAndLine() throws {
        #expect { try runProbe("local x = nil; return x.y") } throws: { error in
            guard case ReportError.script(let message) = error else { return false }
            return message.hasPrefix("rules/reports/probe.lua:5:") || message.contains("reports/probe.lua:5:")
        }
    }

    @Test func aBadReportNamesTheSection() throws {
        #expect { try runProbe("return { { id = \"x\", title = \"X\", table = { columns = { \"a\" }, rows = { { 1, 2 } } } } }") } throws: { error in
            "\(error)".hasSuffix("reports/probe.lua: section 'x': row 1 must have 1 cells, one per column")
        }
        #expect { try runProbe("return { { id = \"x\", title = \"X\", figures = { { label = \"r\", value = { numerator = 3, denominator = 2 } } } } }") } throws: { error in
            "\(error)".contains("a rate's numerator and denominator are whole numbers")
        }
        #expect { try runProbe("return { { id = \"x\", title = \"X\" } }") } throws: { error in
            "\(error)".contains("section 'x' must have one of figures, table or chart")
        }
    }

    @Test func reportsReadOnlyAndNoPersonalData() throws {
        #expect { try runProbe("ctx.query(\"DELETE FROM tickets\"); return {}") } throws: { error in
            "\(error)".contains("ctx.query runs SELECT statements only")
        }
        #expect { try runProbe("ctx.query(\"SELECT owner FROM households\"); return {}") } throws: { error in
            "\(error)".contains("no such column: owner")
        }
        #expect { try runProbe("ctx.query(\"SELECT phone FROM main.households\"); return {}") } throws: { error in
            "\(error)".contains("personal data")
        }
        #expect { try runProbe("while true do end") } throws: { error in
            "\(error)".contains("reports/probe.lua") && "\(error)".contains("instruction budget")
        }
        #expect { try runProbe("ctx.deadlines[1] = nil; return {}") } throws: { error in
            "\(error)".contains("read-only")
        }
    }

    @Test func reportsArePartOfTheVersionNotRules() throws {
        let folder = try draft(probe("return {}"))
        let ruleSet = try RuleSet(folder: folder)
        let original = try RuleSet(folder: Fixtures.root + "/rules")
        #expect(ruleSet.version != original.version)
        #expect(ruleSet.reports.map(\.name) == ["reports/probe.lua", "reports/quarterly.lua", "reports/weekly.lua", "reports/yearly.lua"])
        #expect(ruleSet.rules.map(\.name) == original.rules.map(\.name), "a report is not a rule")
        let exported = try Fixtures.temporaryFolder() + "/export"
        try RuleExport.write(ruleSet, to: exported, force: false)
        #expect(try RuleSet(folder: exported).version == ruleSet.version)
    }

    @Test func checkCoversReportScripts() throws {
        let broken = try draft("return { name = \"probe\", title = \"探针\", parameters = { period = \"month\" }, build = function() end }")
        let findings = try RuleCheck(folder: broken).run()
        #expect(findings.contains { $0.file.hasSuffix("reports/probe.lua") && $0.message.hasPrefix("`parameters.period` must be one of week, quarter, year") })
        let unused = try draft(probe("local unused = 1\n    return {}"))
        #expect(try RuleCheck(folder: unused).run().contains { $0.file.hasSuffix("reports/probe.lua") && $0.code == "W211" })
        let twice = try draft(probe("return {}").replacingOccurrences(of: "\"probe\"", with: "\"weekly\""))
        #expect(try RuleCheck(folder: twice).run().contains { $0.message.contains("the report name 'weekly' is taken") })
    }
}
