import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// Files as Chinese Excel saves them: GB18030 with CRLF, UTF-8 with a byte-order mark, Chinese headers, typed
/// values, extra columns, workbooks; and every bad row reported at once.
@Suite(.removesTemporaryFolders) struct ImportFileTests {
    let store: Store
    let folder: String
    let importer: Importer

    init() throws {
        store = try Fixtures.store()
        folder = try Fixtures.temporaryFolder()
        importer = Importer(store: store, settings: Fixtures.shanghai)
    }

    static let chineseHeader = "工单号,登记时间,渠道,小区,户号,原因,类型,部位,工种,是否复杂,预估费用,影响户数,安全隐患,媒体介入,勘察日期,完工时间,描述"
    static let chineseRow = ",2026/3/5 9:30,hotline,T01,T01-1-101,warranty,repair,plumbing,plumbing|tiling,否,\"￥1,200\",１,N,0,2026年3月6日,2026/3/9,卫生间漏水"

    private func write(_ data: Data, _ name: String) throws -> String {
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func tickets() throws -> [Ticket] { try store.read { try Ticket.order(Column("id")).fetchAll($0) } }

    private func checkTheChineseRow() throws {
        let ticket = try #require(try tickets().first)
        #expect(ticket.number == "KF-2026-000001")
        #expect(ticket.receivedAt == "2026-03-05T09:30:00+08:00")
        #expect(ticket.estimatedCost == 1200 && ticket.householdsAffected == 1)
        #expect(!ticket.complex && !ticket.hazard && !ticket.media)
        #expect(ticket.surveyDate == LocalDate("2026-03-06") && ticket.completedAt == "2026-03-09")
        #expect(ticket.completedOn == LocalDate("2026-03-09"))
        #expect(ticket.tradeList == ["plumbing", "tiling"] && ticket.description == "卫生间漏水")
    }

    @Test func gb18030WithCRLFAndChineseHeaders() throws {
        let path = try write(try Fixtures.gb18030(Self.chineseHeader + "\r\n" + Self.chineseRow + "\r\n"), "工单.csv")
        let report = try importer.run(.tickets, file: path)
        #expect(report.rows == 1 && report.encoding == .gb18030 && report.ignoredColumns.isEmpty)
        try checkTheChineseRow()
    }

    @Test func utf8WithAByteOrderMarkAndCRLF() throws {
        let path = try write(Data([0xEF, 0xBB, 0xBF]) + Data((Self.chineseHeader + "\r\n" + Self.chineseRow + "\r\n").utf8), "bom.csv")
        let report = try importer.run(.tickets, file: path)
        #expect(report.rows == 1 && report.encoding == .utf8)
        try checkTheChineseRow()
    }

    @Test func utf8WithoutAByteOrderMark() throws {
        let path = try write(Data((Self.chineseHeader + "\n" + Self.chineseRow + "\n").utf8), "plain.csv")
        #expect(try importer.run(.tickets, file: path).encoding == .utf8)
        try checkTheChineseRow()
    }

    @Test func aGivenEncodingIsUsedAndItsRefusalNamesTheLine() throws {
        let gb = try Fixtures.gb18030(Self.chineseHeader + "\r\n" + Self.chineseRow + "\r\n")
        let path = try write(gb, "gb.csv")
        var options = ImportOptions()
        options.encoding = .utf8
        #expect { try importer.run(.tickets, file: path, options: options) } throws: {
            "\($0)" == path + ":1: not valid UTF-8 text; save the file as UTF-8, or pass --encoding gb18030 if Excel saved it as GBK"
        }
        options.encoding = .gb18030
        #expect(try importer.run(.tickets, file: path, options: options).rows == 1)
        #expect(TextEncoding(name: "GBK") == .gb18030 && TextEncoding(name: "UTF8") == .utf8 && TextEncoding(name: "big5") == nil)
    }

    @Test func bytesThatAreNeitherNameTheirLine() throws {
        var data = try Fixtures.gb18030(Self.chineseHeader + "\r\n" + Self.chineseRow + "\r\n")
        data += Data([0x80, 0x0D, 0x0A])
        let path = try write(data, "mixed.csv")
        #expect { try importer.run(.tickets, file: path) } throws: {
            "\($0)" == path + ":3: neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8"
        }
        #expect(try tickets().isEmpty)
    }

    @Test func aGivenGB18030ThatIsNotNamesItsLine() throws {
        var data = try Fixtures.gb18030(Self.chineseHeader + "\r\n")
        data += Data([0xFF, 0x0D, 0x0A])
        let path = try write(data, "gb.csv")
        var options = ImportOptions()
        options.encoding = .gb18030
        #expect { try importer.run(.tickets, file: path, options: options) } throws: {
            "\($0)" == path + ":2: not valid GB18030 (GBK) text; save the file as UTF-8, or pass --encoding utf-8 if it is UTF-8"
        }
    }

    @Test func anEmptyFileOrSheetNeedsItsHeader() throws {
        let csv = try write(Data(), "empty.csv")
        let sheet = try write(try Workbooks.make(sheets: [("s", "")]), "empty.xlsx")
        for path in [csv, sheet] {
            #expect { try importer.run(.contractors, file: path) } throws: {
                "\($0)" == path + ":1: the file is empty; it needs the header row code,name,deposit"
            }
        }
    }

    @Test func aCompletionThatIsNeitherADateNorATimeIsRefused() throws {
        let path = try write(Data([Self.chineseHeader, Self.chineseRow.replacingOccurrences(of: ",2026/3/9,", with: ",下周,")]
            .joined(separator: "\n").utf8), "c.csv")
        #expect { try importer.run(.tickets, file: path) } throws: {
            ($0 as? ImportFailure)?.errors.map(\.description)
                == [path + ":2: completed_at: '下周' is neither a date (2026-03-02, 2026/3/2) nor a date and time (2026-03-02 10:15)"]
        }
        let timed = try write(Data([Self.chineseHeader, Self.chineseRow.replacingOccurrences(of: ",2026/3/9,", with: ",2026/3/9 17:45,")]
            .joined(separator: "\n").utf8), "t.csv")
        try importer.run(.tickets, file: timed)
        #expect(try tickets().first?.completedAt == "2026-03-09T17:45:00+08:00")
        #expect(try tickets().first?.completedOn == LocalDate("2026-03-09"))
    }

    @Test func aDamagedWorkbookSaysSo() throws {
        let notXML = try write(try Workbooks.make(sheets: [("s", "<row r=\"1\"><c></row>")]), "bad.xlsx")
        #expect { try importer.run(.contractors, file: notXML) } throws: {
            "\($0)".hasPrefix(notXML + ": the workbook's worksheet is not well-formed XML (line ")
        }
        let badNumber = try write(try Workbooks.make(sheets: [("s", #"<row r="1"><c r="A1"><v>abc</v></c></row>"#)]), "n.xlsx")
        #expect { try importer.run(.contractors, file: badNumber) } throws: {
            "\($0)" == badNumber + ": row 1: a number cell holds 'abc'; the file may be damaged"
        }
    }

    @Test func unknownColumnsAreIgnoredWithTheirNamesOrRefusedWhenStrict() throws {
        let path = try write(Data((Self.chineseHeader + ",经办人,备注\n" + Self.chineseRow + ",张三,急\n").utf8), "extra.csv")
        var options = ImportOptions()
        options.strict = true
        #expect { try importer.run(.tickets, file: path, options: options) } throws: {
            "\($0)" == path + ":1: 经办人: unknown column (--strict); the header is " + ImportKind.tickets.columns.joined(separator: ",")
                + ", or the Chinese names in the README"
        }
        #expect(try tickets().isEmpty)
        let report = try importer.run(.tickets, file: path)
        #expect(report.ignoredColumns == ["经办人", "备注"] && report.rows == 1)
    }

    @Test func aColumnNamedTwiceIsRefused() throws {
        let path = try write(Data("code,name,completion_date,handover_date,households_total,小区名称\nX,x,2024-01-01,,3,y\n".utf8), "c.csv")
        #expect { try importer.run(.communities, file: path) } throws: {
            "\($0)" == path + ":1: name: the column appears twice (as name and 小区名称)"
        }
    }

    @Test func everyColumnOfEveryKindHasChineseNamesAndNoNameMeansTwoColumns() {
        for kind in ImportKind.allCases {
            let aliases = ColumnAliases.table[kind] ?? [:]
            for column in kind.columns {
                #expect(!(aliases[column] ?? []).isEmpty, "\(kind).\(column) has no Chinese name")
            }
            #expect(Set(aliases.keys).isSubset(of: kind.columns), "\(kind) has aliases for columns it does not have")
            let names = aliases.values.flatMap { $0 }
            #expect(Set(names).count == names.count, "\(kind): a Chinese name stands for two columns")
        }
        #expect(ColumnAliases.column(" 工单号 ", of: .tickets) == "number")
        #expect(ColumnAliases.column("Received_At", of: .tickets) == "received_at")
        #expect(ColumnAliases.column("ｎｕｍｂｅｒ", of: .tickets) == "number")
    }

    @Test func everyBadRowIsListedInLineOrderAndNothingIsWritten() throws {
        let good = "KF-2026-000001,2026-03-02T10:00:00+08:00,cs,T01,T01-1-101,warranty,repair,plumbing,plumbing,false,800,1,false,false,,,漏水"
        func row(_ number: Int, _ find: String, _ replace: String) -> String {
            good.replacingOccurrences(of: "000001", with: String(format: "%06d", number)).replacingOccurrences(of: find, with: replace)
        }
        let rows = [good, row(2, ",800,", ",八百,"), row(3, "T01,T01", "T99,T01"), row(4, ",漏水", ",漏水,extra"),
                    row(5, ",false,false,,", ",maybe,false,,"), row(6, "", ""), good]
        let path = try write(Data(([ImportKind.tickets.columns.joined(separator: ",")] + rows).joined(separator: "\n").utf8), "bad.csv")
        for dryRun in [true, false] {
            var options = ImportOptions()
            options.dryRun = dryRun
            #expect { try importer.run(.tickets, file: path, options: options) } throws: { error in
                guard let failure = error as? ImportFailure else { return false }
                return failure.total == 5 && failure.errors.map(\.description) == [
                    path + ":3: estimated_cost: '八百' is not a number of yuan; write e.g. 1200, 1,200.00 or ¥1000.01",
                    path + ":4: community: unknown community 'T99'; import communities first",
                    path + ":5: expected 17 fields, found 18; quote any field that contains a comma",
                    path + ":6: hazard: 'maybe' is not true or false; write true/false, yes/no, Y/N or 1/0",
                    path + ":8: number: ticket 'KF-2026-000001' exists already; leave number empty to get the next one",
                ]
            }
            #expect(try tickets().isEmpty)
        }
        let failure = try #require(throws: ImportFailure.self) { try importer.run(.tickets, file: path) }
        #expect(failure.errors.map { $0.text(in: .zh) } == [
            path + ":3: estimated_cost: 「八百」不是金额(元);请写成 1200、1,200.00 或 ¥1000.01",
            path + ":4: community: 没有小区「T99」;请先导入小区",
            path + ":5: 应有 17 个字段,实有 18 个;含逗号的字段须加英文双引号",
            path + ":6: hazard: 「maybe」不是“是”或“否”;请填 是/否、Y/N、1/0 或 true/false",
            path + ":8: number: 工单「KF-2026-000001」已存在;工单号留空即自动编号",
        ])
        #expect(failure.summary(in: .zh) == path + ": 5 行有误;未导入任何内容,请更正后重新导入")
    }

    @Test func theListStopsAtItsLimitAndCountsTheRest() throws {
        let header = "code,name,completion_date,handover_date,households_total"
        let rows = (1...70).map { "N\($0),小区,2025-02-30,,10" }
        let path = try write(Data(([header] + rows).joined(separator: "\r\n").utf8), "many.csv")
        do {
            try importer.run(.communities, file: path)
            Issue.record("imported")
        } catch let failure as ImportFailure {
            #expect(failure.total == 70 && failure.errors.count == ImportFailure.limit)
            #expect(failure.errors.last?.line == 51)
            #expect(failure.lines().last == path + ": and 20 more bad rows")
            #expect(failure.summary() == path + ": 70 bad rows; nothing was imported, correct them and import the file again")
            #expect(failure.lines(in: .zh).last == path + ": 另有 20 行有误")
            #expect(failure.summary(in: .zh, dryRun: true) == path + ": 70 行有误;未导入任何内容,请更正后重新导入(试导入)")
        }
        #expect(try store.read { try Community.fetchCount($0) } == 1)
    }

    @Test func aDryRunOfAGoodFileWritesNothingAndCountsTheRows() throws {
        let path = try write(Data((Self.chineseHeader + "\n" + Self.chineseRow + "\n" + Self.chineseRow + "\n").utf8), "dry.csv")
        var options = ImportOptions()
        options.dryRun = true
        let report = try importer.run(.tickets, file: path, options: options)
        #expect(report.rows == 2 && report.dryRun)
        #expect(try tickets().isEmpty)
        #expect(try importer.run(.tickets, file: path).rows == 2)
        #expect(try tickets().map(\.number) == ["KF-2026-000001", "KF-2026-000002"])
    }

    @Test func runningNumbersFollowNumbersWrittenEarlierInTheSameFile() throws {
        let unnumbered = Self.chineseRow
        let numbered = "KF-2026-000002" + Self.chineseRow
        let path = try write(Data(([Self.chineseHeader, unnumbered, numbered, unnumbered]).joined(separator: "\n").utf8), "n.csv")
        try importer.run(.tickets, file: path)
        #expect(try tickets().map(\.number) == ["KF-2026-000001", "KF-2026-000002", "KF-2026-000003"])
    }

    @Test func aReceivedTimeWithoutATimeOrUnreadableIsRefused() throws {
        let path = try write(Data([Self.chineseHeader, Self.chineseRow.replacingOccurrences(of: "2026/3/5 9:30", with: "2026/3/5"),
                                   Self.chineseRow.replacingOccurrences(of: "2026/3/5 9:30", with: "三月五日")].joined(separator: "\n").utf8), "t.csv")
        #expect { try importer.run(.tickets, file: path) } throws: {
            ($0 as? ImportFailure)?.errors.map(\.description) == [
                path + ":2: received_at: '2026/3/5' is a date without a time; add the time, e.g. 2026-03-02 10:15",
                path + ":3: received_at: '三月五日' is not a date and time; write e.g. 2026-03-02 10:15, 2026/3/2 10:15 or 2026-03-02T10:15:00+08:00",
            ]
        }
    }

    @Test func progressIsReported() throws {
        let rows = (1...2500).map { "D\($0),小区,2025-01-01,,10" }
        let path = try write(Data((["code,name,completion_date,handover_date,households_total"] + rows).joined(separator: "\n").utf8), "p.csv")
        let seen = Seen()
        var options = ImportOptions()
        options.progress = { seen.add($0.done, $0.total) }
        #expect(try importer.run(.communities, file: path, options: options).rows == 2500)
        #expect(seen.values == [1000, 2000].map { [$0, 2500] })
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [[Int]] = []
        func add(_ done: Int, _ total: Int) { lock.withLock { list.append([done, total]) } }
        var values: [[Int]] { lock.withLock { list } }
    }

    // MARK: - Workbooks

    @Test func aWorkbookWrittenByTheWriterImportsWithTypedCells() throws {
        let header = Self.chineseHeader.split(separator: ",").map(String.init)
        let march5 = LocalDate("2026-03-05")!
        let row: [SpreadsheetCell] = [.empty, .dateTime(march5, seconds: 34_200), .text("hotline"), .text("T01"), .text("T01-1-101"),
                                      .text("warranty"), .text("repair"), .text("plumbing"), .text("plumbing|tiling"), .boolean(false),
                                      .number(1200), .number(1), .text("N"), .boolean(false), .date(LocalDate("2026-03-06")!),
                                      .date(LocalDate("2026-03-09")!), .text("卫生间漏水")]
        let data = try XLSXWriter.data(SpreadsheetTable(name: "工单", header: header, rows: [row]))
        let path = try write(data, "工单.xlsx")
        let report = try importer.run(.tickets, file: path)
        #expect(report.rows == 1 && report.encoding == nil)
        try checkTheChineseRow()
    }

    @Test func aWorkbookOfSharedStringsWithASheetChosenAndBadRowsByTheirRowNumber() throws {
        let shared = ["code", "name", "completion_date", "households_total", "甲小区", "乙小区", "handover_date"]
        let rows = """
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c>\
            <c r="E2" t="s"><v>6</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>N1</t></is></c><c r="B3" t="s"><v>4</v></c><c r="C3" s="1"><v>45658</v></c>\
            <c r="D3"><v>12</v></c></row>\
            <row r="5"><c r="A5" t="inlineStr"><is><t>N2</t></is></c><c r="B5" t="s"><v>5</v></c><c r="C5" t="inlineStr"><is><t>2025/1/1</t></is></c>\
            <c r="D5"><v>2.5</v></c></row>
            """
        let data = try Workbooks.make(sheets: [("说明", #"<row r="1"><c r="A1" t="inlineStr"><is><t>读我</t></is></c></row>"#), ("小区", rows)],
                                      shared: shared, styles: #"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#)
        let path = try write(data, "book.xlsx")
        var options = ImportOptions()
        options.sheet = "小区"
        #expect { try importer.run(.communities, file: path, options: options) } throws: {
            ($0 as? ImportFailure)?.errors.map(\.description) == [path + ":5: households_total: '2.5' is not a whole number; write e.g. 12 or 1,200"]
        }
        #expect { try importer.run(.communities, file: path) } throws: {
            "\($0)" == path + ":1: code: missing column; the header is code,name,completion_date,handover_date,households_total,office "
                + "(or their Chinese names, see the README)"
        }
        options.sheet = "三月"
        #expect { try importer.run(.communities, file: path, options: options) } throws: {
            "\($0)" == path + ": has no sheet '三月'; its sheets are 说明, 小区"
        }
    }

    @Test func aWorkbooksDatesAndNumbersImport() throws {
        let rows = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>小区编码</t></is></c><c r="B1" t="inlineStr"><is><t>小区名称</t></is></c>\
            <c r="C1" t="inlineStr"><is><t>竣工日期</t></is></c><c r="D1" t="inlineStr"><is><t>总户数</t></is></c><c r="E1" t="inlineStr"><is><t>交付日期</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>N1</t></is></c><c r="B2" t="inlineStr"><is><t>甲</t></is></c><c r="C2" s="1"><v>45658</v></c>\
            <c r="D2"><v>12</v></c></row>
            """
        let data = try Workbooks.make(sheets: [("s", rows)], styles: #"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#)
        try importer.run(.communities, file: try write(data, "c.xlsx"))
        let community = try #require(try store.read { try Community.filter(Column("code") == "N1").fetchOne($0) })
        #expect(community.completionDate == LocalDate("2025-01-01") && community.householdsTotal == 12 && community.name == "甲")
    }

    @Test func optionsThatDoNotFitTheFileAreRefused() throws {
        let csv = try write(Data("code,name,deposit\nC1,甲,1\n".utf8), "k.csv")
        var options = ImportOptions()
        options.sheet = "一月"
        #expect { try importer.run(.contractors, file: csv, options: options) } throws: {
            "\($0)" == csv + ": not an .xlsx workbook, so it has no sheet '一月'; drop --sheet"
        }
        let book = try write(try XLSXWriter.data(SpreadsheetTable(name: "k", header: ["code", "name", "deposit"], rows: [])), "k.xlsx")
        options = ImportOptions()
        options.encoding = .gb18030
        #expect { try importer.run(.contractors, file: book, options: options) } throws: {
            "\($0)" == book + ": a workbook has no text encoding; drop --encoding"
        }
        let xls = try write(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), "old.xls")
        #expect { try importer.run(.contractors, file: xls) } throws: {
            "\($0)" == xls + ": an Excel 97-2003 workbook (.xls), which ruledesk does not read; save it as .xlsx or CSV"
        }
    }
}
