import Foundation
import Testing
import TemporaryFolders

/// `ruledesk report` through the built binary, on the sample world published and batched: every format, the
/// options, determinism and the refusals.
@Suite(.removesTemporaryFolders) struct ReportCommandTests {
    /// The sample world, its rules published, its tickets decided and its revisits imported.
    static func decidedSampleWorld() throws -> String {
        let folder = try Binary.sampleWorld()
        try Binary.publish(in: folder)
        let batch = try Binary.run(["batch"], in: folder)
        guard batch.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["batch": batch.stdout + batch.stderr]) }
        _ = try Binary.run(["import", "revisits", Binary.samples + "/revisits.csv"], in: folder)
        return folder
    }

    @Test func weeklyAsText() throws {
        let folder = try Self.decidedSampleWorld()
        let result = try Binary.run(["report", "weekly", "--week", "2026-W10"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "客户服务周报 · 2026-W10 (2026-03-02 – 2026-03-08) · 全公司")
        // Two tickets in the week (03-02, 03-06), five working days; both repairs' deadlines passed unmet.
        for line in ["  受理            2", "  工作日          5", "  维修及时率      0% (0/2)", "  回访问题处理率  —",
                     "03-07 休  0     0", "维修      2     0     0         2         0       0% (0/2)"] {
            #expect(lines.contains(line), "\(line)\n\(result.stdout)")
        }
        let again = try Binary.run(["report", "weekly", "--week", "2026-W10"], in: folder)
        #expect(again.stdout == result.stdout, "the same database, rules and options give the same bytes")
    }

    @Test func everyFormatToAFile() throws {
        let folder = try Self.decidedSampleWorld()
        for format in ["markdown", "csv", "json", "html", "xlsx"] {
            let result = try Binary.run(["report", "quarterly", "--quarter", "2026-Q1", "--format", format, "--out", "q1.\(format)"],
                                        in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("wrote q1.\(format) (\(format), "), "\(result.stdout)")
        }
        let markdown = try String(contentsOfFile: folder + "/q1.markdown", encoding: .utf8)
        #expect(markdown.hasPrefix("# 客户服务季度汇总 · 2026-Q1 (2026-01-01 – 2026-03-31) · 全公司\n"))
        #expect(markdown.contains("\n## 各客服处\n\n| 客服处 | 受理 | 完工 | 重大投诉 | 期末未结 | 维修及时率 | 期限及时率 | 回访问题处理率 |\n"))
        #expect(markdown.contains("\n| 华庭客服处 | 7 |") && markdown.contains("\n| 锦绣客服处 | 3 |"), "H01 and H03 in one office, H02 in the other")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/q1.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, for Excel")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("客户服务季度汇总 · 2026-Q1 (2026-01-01 – 2026-03-31) · 全公司\r\n"))
        #expect(csv.contains("\r\n各客服处\r\n客服处,受理,完工,重大投诉,期末未结,维修及时率,期限及时率,回访问题处理率\r\n华庭客服处,7,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/q1.json"))) as? [String: Any])
        #expect(json["report"] as? String == "quarterly" && json["draft"] as? Bool == false)
        let sections = try #require(json["sections"] as? [[String: Any]])
        let trend = try #require(sections.first { $0["id"] as? String == "trend" })
        #expect((trend["rows"] as? [Any])?.count == 14, "2026-Q1 touches 14 ISO weeks")
        let workbook = try Data(contentsOf: URL(fileURLWithPath: folder + "/q1.xlsx"))
        #expect(workbook.starts(with: [0x50, 0x4B]), "a zip container")
        let terminal = try Binary.run(["report", "quarterly", "--format", "xlsx"], in: folder)
        #expect(terminal.status == 0 && terminal.stdout.utf8.starts(with: [0x50, 0x4B]), "not a terminal: the workbook on stdout")
        let html = try String(contentsOfFile: folder + "/q1.html", encoding: .utf8)
        #expect(html.contains("<title>客户服务季度汇总 · 2026-Q1 (2026-01-01 – 2026-03-31) · 全公司</title>"))
    }

    @Test func oneOfficeAndADraft() throws {
        let folder = try Self.decidedSampleWorld()
        let office = try Binary.run(["report", "weekly", "--week", "2026-W10", "--office", "锦绣客服处", "--format", "json"], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(office.stdout.utf8)) as? [String: Any])
        #expect(json["office"] as? String == "锦绣客服处")
        let draft = try Binary.run(["report", "weekly", "--week", "2026-W10", "--rules", "rules"], in: folder)
        #expect(draft.stdout.hasPrefix("草稿 draft rules from rules (version "), "\(draft.stdout)")
        #expect(draft.stdout.contains("the same files as the version in force"))
    }

    @Test func refusals() throws {
        let folder = try Self.decidedSampleWorld()
        let unknown = try Binary.run(["report", "monthly"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("ruledesk: no report 'monthly' in the published rules (version "), "\(unknown.stderr)")
        #expect(unknown.stderr.hasSuffix("); the reports are quarterly, weekly, yearly\n"), "\(unknown.stderr)")
        let period = try Binary.run(["report", "weekly", "--quarter", "2026-Q2"], in: folder)
        #expect(period.status == 1 && period.stderr.contains("report 'weekly' does not take --quarter; it takes --week or --from/--to"))
        let badWeek = try Binary.run(["report", "weekly", "--week", "2026-18"], in: folder)
        #expect(badWeek.status == 2 && badWeek.stderr.contains("--week '2026-18' is not a week; write YYYY-Www, e.g. 2026-W18"))
        let two = try Binary.run(["report", "weekly", "--week", "2026-W18", "--year", "2026"], in: folder)
        #expect(two.status == 2 && two.stderr.contains("give one period"))
        let half = try Binary.run(["report", "weekly", "--from", "2026-04-01"], in: folder)
        #expect(half.status == 2 && half.stderr.contains("--from and --to go together"))
        let office = try Binary.run(["report", "weekly", "--office", "南区"], in: folder)
        #expect(office.status == 1 && office.stderr.contains("no office '南区'; the offices are 华庭客服处, 锦绣客服处"), "\(office.stderr)")
        let out = try Binary.run(["report", "weekly", "--out", "missing/w.txt"], in: folder)
        #expect(out.status == 1 && out.stderr.hasPrefix("ruledesk: cannot write missing/w.txt: "), "\(out.stderr)")
    }

    @Test func aFailingReportNamesItsLine() throws {
        let folder = try Self.decidedSampleWorld()
        try Data("""
            return {
              name = "broken", title = "坏报表", parameters = { period = "week" },
              build = function(params, ctx)
                return ctx.query("SELECT nope FROM tickets")
              end,
            }
            """.utf8).write(to: URL(fileURLWithPath: folder + "/rules/reports/broken.lua"))
        let result = try Binary.run(["report", "broken", "--rules", "rules"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "ruledesk: rules/reports/broken.lua:4: ctx.query: no such column: nope\n", "\(result.stderr)")
        let check = try Binary.run(["check"], in: folder)
        #expect(check.status == 0, "it compiles and keeps the contract: \(check.stdout)")
    }
}
