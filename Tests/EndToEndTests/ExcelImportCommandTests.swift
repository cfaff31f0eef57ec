import Foundation
import GRDB
import RuleDesk
import Testing
import TemporaryFolders

/// `ruledesk import` with the files Chinese Excel makes, run as a clerk runs it.
@Suite(.removesTemporaryFolders) struct ExcelImportCommandTests {
    static let header = "工单号,登记时间,渠道,小区,户号,原因,类型,部位,工种,是否复杂,预估费用,影响户数,安全隐患,媒体介入,勘察日期,完工时间,描述"
    static let row = ",2026/5/6 9:30,hotline,H01,H01-1-1-101,warranty,repair,plumbing,plumbing,否,\"￥1,200\",１,N,0,,,卫生间漏水"

    /// `text` in GB18030 through the system's `iconv`.
    static func gb18030(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    private func tickets(in folder: String) throws -> [Row] {
        try DatabaseQueue(path: folder + "/ruledesk.db").read { try Row.fetchAll($0, sql: "SELECT number, received_at, estimated_cost FROM tickets WHERE number > 'KF-2026-000028' ORDER BY id") }
    }

    @Test func aGB18030FileWithCRLFAndAnExtraColumnImportsWithAWarning() throws {
        let folder = try Binary.sampleWorld()
        try Self.gb18030(Self.header + ",经办人\r\n" + Self.row + ",王芳\r\n").write(to: URL(fileURLWithPath: folder + "/工单.csv"))
        let result = try Binary.run(["import", "tickets", "工单.csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 1 tickets from 工单.csv\n")
        #expect(result.stderr == "ruledesk: 工单.csv: ignored the columns 经办人, which tickets do not have (--strict refuses them)\n")
        let rows = try tickets(in: folder)
        #expect(rows.count == 1 && rows.first?["received_at"] == "2026-05-06T09:30:00+08:00" && rows.first?["estimated_cost"] == 1200.0)
        let strict = try Binary.run(["import", "tickets", "工单.csv", "--strict"], in: folder)
        #expect(strict.status == 1 && strict.stderr.hasPrefix("ruledesk: 工单.csv:1: 经办人: unknown column (--strict)"))
        let forced = try Binary.run(["import", "tickets", "工单.csv", "--encoding", "utf-8"], in: folder)
        #expect(forced.status == 1 && forced.stderr.hasPrefix("ruledesk: 工单.csv:1: not valid UTF-8 text"))
        let unknown = try Binary.run(["import", "tickets", "工单.csv", "--encoding", "big5"], in: folder)
        #expect(unknown.status == 2)
    }

    @Test func aDryRunListsEveryBadRowAndWritesNothing() throws {
        let folder = try Binary.sampleWorld()
        let rows = [Self.row, Self.row.replacingOccurrences(of: "H01,H01", with: "H99,H01"), Self.row,
                    Self.row.replacingOccurrences(of: "否", with: "也许"), Self.row.replacingOccurrences(of: "2026/5/6 9:30", with: "2026/2/30 9:30")]
        try ([Self.header] + rows).joined(separator: "\r\n").write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let expected = """
            ruledesk: bad.csv:3: community: unknown community 'H99'; import communities first
            ruledesk: bad.csv:5: complex: '也许' is not true or false; write true/false, yes/no, Y/N or 1/0
            ruledesk: bad.csv:6: received_at: '2026/2/30 9:30' is not a date and time; write e.g. 2026-03-02 10:15, 2026/3/2 10:15 or 2026-03-02T10:15:00+08:00

            """
        let dry = try Binary.run(["import", "tickets", "bad.csv", "--dry-run"], in: folder)
        #expect(dry.status == 1 && dry.stdout.isEmpty)
        #expect(dry.stderr == expected + "ruledesk: bad.csv: 3 bad rows; nothing was imported, correct them and import the file again (dry run)\n")
        let real = try Binary.run(["import", "tickets", "bad.csv"], in: folder)
        #expect(real.stderr == expected + "ruledesk: bad.csv: 3 bad rows; nothing was imported, correct them and import the file again\n")
        #expect(try tickets(in: folder).isEmpty)
        try ([Self.header] + [Self.row, Self.row]).joined(separator: "\r\n").write(toFile: folder + "/good.csv", atomically: true, encoding: .utf8)
        let good = try Binary.run(["import", "tickets", "good.csv", "--dry-run"], in: folder)
        #expect(good.status == 0 && good.stdout == "checked 2 tickets in good.csv: no bad rows; nothing written (dry run)\n")
        #expect(try tickets(in: folder).isEmpty)
    }

    @Test func aChineseClerkReadsTheImportInChinese() throws {
        let folder = try Binary.sampleWorld()
        let chinese = ["LANG": "zh_CN.UTF-8"]
        let rows = [Self.row.replacingOccurrences(of: "H01,H01", with: "H99,H01"), Self.row.replacingOccurrences(of: "否", with: "也许"),
                    Self.row.replacingOccurrences(of: "2026/5/6 9:30", with: "2026/5/6")]
        try ([Self.header] + rows).joined(separator: "\r\n").write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["import", "tickets", "bad.csv", "--dry-run"], in: folder, environment: chinese)
        #expect(bad.status == 1 && bad.stderr == """
            ruledesk: bad.csv:2: community: 没有小区「H99」;请先导入小区
            ruledesk: bad.csv:3: complex: 「也许」不是“是”或“否”;请填 是/否、Y/N、1/0 或 true/false
            ruledesk: bad.csv:4: received_at: 「2026/5/6」只有日期没有时间;请补上时间,如 2026-03-02 10:15
            ruledesk: bad.csv: 3 行有误;未导入任何内容,请更正后重新导入(试导入)

            """)
        try (Self.header + ",经办人\r\n" + Self.row + ",王芳\r\n").write(toFile: folder + "/good.csv", atomically: true, encoding: .utf8)
        let good = try Binary.run(["import", "tickets", "good.csv"], in: folder, environment: chinese)
        #expect(good.status == 0 && good.stdout == "已从 good.csv 导入 1 条工单\n", "\(good.stderr)")
        #expect(good.stderr == "ruledesk: good.csv: 已忽略工单没有的列 经办人(加 --strict 则拒绝导入)\n")
        let again = try Binary.run(["import", "tickets", "good.csv", "--strict"], in: folder, environment: chinese)
        #expect(again.status == 1 && again.stderr.hasPrefix("ruledesk: good.csv:1: 经办人: 没有这一列(--strict);表头应为 number,"))
        let old = folder + "/旧表.xls"
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0, 0]).write(to: URL(fileURLWithPath: old))
        #expect(try Binary.run(["import", "tickets", "旧表.xls"], in: folder, environment: chinese).stderr
            == "ruledesk: 旧表.xls: 这是 Excel 97-2003 工作簿(.xls),ruledesk 不能读取;请在 Excel 中另存为 .xlsx 或 CSV\n")
        #expect(try Binary.run(["import", "tickets", "旧表.xls", "--lang", "en"], in: folder, environment: chinese).stderr
            .hasPrefix("ruledesk: 旧表.xls: an Excel 97-2003 workbook (.xls)"))
    }

    @Test func aWorkbookImportsFromTheSheetNamed() throws {
        let folder = try Binary.sampleWorld()
        let header = Self.header.split(separator: ",").map(String.init)
        let cells: [SpreadsheetCell] = [.empty, .dateTime(LocalDate("2026-05-06")!, seconds: 34_200), .text("hotline"), .text("H01"),
                                        .text("H01-1-1-101"), .text("warranty"), .text("repair"), .text("plumbing"), .text("plumbing"),
                                        .boolean(false), .number(1200), .number(1), .boolean(false), .boolean(false), .empty, .empty,
                                        .text("卫生间漏水")]
        try XLSXWriter.data(SpreadsheetTable(name: "五月", header: header, rows: [cells, cells]))
            .write(to: URL(fileURLWithPath: folder + "/工单.xlsx"))
        #expect(try Binary.run(["import", "tickets", "工单.xlsx", "--sheet", "四月"], in: folder).stderr
            == "ruledesk: 工单.xlsx: has no sheet '四月'; its sheets are 五月\n")
        let result = try Binary.run(["import", "tickets", "工单.xlsx", "--sheet", "五月"], in: folder)
        #expect(result.stdout == "imported 2 tickets from 工单.xlsx\n", "\(result.stderr)")
        #expect(try tickets(in: folder).map { $0["received_at"] as String } == ["2026-05-06T09:30:00+08:00", "2026-05-06T09:30:00+08:00"])
        let decision = try Binary.run(["eval", "KF-2026-000029"], in: folder)
        #expect(decision.status == 0 && decision.stdout.contains("工单 KF-2026-000029"))
    }

    @Test func aLargeImportShowsProgressOnATerminalAndItsRate() throws {
        let folder = try Binary.workspace()
        try Binary.run(["init"], in: folder)
        let rows = (1...2500).map { "D\($0),小区,2025/1/1,,10" }
        try (["小区编码,小区名称,竣工日期,交付日期,总户数"] + rows).joined(separator: "\r\n")
            .write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let plain = try Binary.run(["import", "communities", "c.csv"], in: folder)
        #expect(plain.stdout.hasPrefix("imported 2500 communities from c.csv in ") && plain.stdout.hasSuffix(" rows/s)\n"))
        #expect(plain.stderr.isEmpty)
        try (["小区编码,小区名称,竣工日期,交付日期,总户数"] + rows).joined(separator: "\r\n")
            .write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let terminal = try Terminal(["import", "communities", "c.csv"], in: folder, environment: Terminal.environment(home: folder))
        #expect(try terminal.wait() == 0)
        #expect(terminal.screen.contains("/2500 "), "\(terminal.screen)")
        #expect(terminal.screen.contains("imported 2500 communities from c.csv in "))
        #expect(terminal.screen.range(of: #"/2500  [0-9]+/s  [0-9]+s left"#, options: .regularExpression) != nil)
        let chinese = try Terminal(["import", "communities", "c.csv", "--lang", "zh"], in: folder,
                                   environment: Terminal.environment(home: folder))
        #expect(try chinese.wait() == 0)
        #expect(chinese.screen.range(of: #"/2500  每秒 [0-9]+  还需 [0-9]+秒"#, options: .regularExpression) != nil,
                "\(chinese.screen)")
        #expect(!chinese.screen.contains(" left"))
    }
}
