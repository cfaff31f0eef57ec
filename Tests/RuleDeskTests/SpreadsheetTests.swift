import Foundation
import Testing
@testable import RuleDesk

@Suite struct SpreadsheetTests {
    static let table = SpreadsheetTable(name: "due: 3/5", header: ["ticket", "cost", "due", "at", "open", "note"], rows: [
        [.text("KF-2026-000014"), .number(1200), .date(LocalDate("2026-05-14")!), .dateTime(LocalDate("2026-04-30")!, seconds: 34_200),
         .boolean(true), .text("漏水 <急> & \"快\"")],
        [.text(" leading space"), .number(1000.01), .empty, .empty, .boolean(false), .text("tab\there, bell\u{07}")],
        [.text("KF-2026-000015")],
    ])

    @Test func whatTheWriterWritesTheReaderReadsBack() throws {
        let data = try XLSXWriter.data(Self.table)
        let book = try XLSXReader(data: data)
        #expect(book.sheetNames == ["due_ 3_5"])
        let sheet = try book.sheet(named: nil)
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4])
        #expect(sheet.rows[0].cells == Self.table.header.map(SpreadsheetCell.text))
        #expect(sheet.rows[1].cells == Self.table.rows[0])
        #expect(sheet.rows[2].cells == Self.table.rows[1])
        #expect(sheet.rows[3].cells == Self.table.rows[2])
    }

    @Test func theSameTableGivesTheSameBytes() throws {
        #expect(try XLSXWriter.data(Self.table) == XLSXWriter.data(Self.table))
    }

    @Test func sheetNamesKeepExcelsLimits() {
        #expect(XLSXWriter.sheetName(String(repeating: "回", count: 40)).count == 31)
        #expect(XLSXWriter.sheetName("a[b]c*d?e/f\\g:h") == "a_b_c_d_e_f_g_h")
        #expect(XLSXWriter.sheetName("  ") == "Sheet1")
    }

    @Test func cellReferences() {
        #expect([0, 25, 26, 27, 701, 702].map(CellReference.column) == ["A", "Z", "AA", "AB", "ZZ", "AAA"])
        #expect(CellReference.columnIndex(of: "AB12") == 27)
        #expect(CellReference.columnIndex(of: "12") == nil)
    }

    @Test func sharedStringsStylesAndOtherProgramsForms() throws {
        let styles = """
            <numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
            <numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;"/><numFmt numFmtId="166" formatCode="[$-F800]dddd, mmmm dd, yyyy h:mm"/></numFmts>\
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="166"/></cellXfs>
            """
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>\
            <row r="3"><c r="A3" s="1"><v>46086</v></c><c r="B3" s="2"><v>46086</v></c><c r="C3" s="3"><v>1200.5</v></c>\
            <c r="D3" s="4"><v>46086.395833333336</v></c><c r="E3" s="5"><v>46086.5</v></c><c r="F3" t="b"><v>0</v></c>\
            <c r="G3" t="str"><f>A1&amp;"x"</f><v>工单x</v></c><c r="H3" t="e"><v>#N/A</v></c><c r="I3"><v>7</v></c></row>
            """
        let data = try Workbooks.make(sheets: [("工单", rows)], shared: ["工单"], styles: styles)
        let sheet = try XLSXReader(data: data).sheet(named: "工单")
        #expect(sheet.rows.map(\.number) == [1, 3])
        #expect(sheet.rows[0].cells == [.text("工单"), .empty, .text("富文本")])
        let march5 = LocalDate("2026-03-05")!
        #expect(sheet.rows[1].cells == [.date(march5), .date(march5), .number(1200.5), .dateTime(march5, seconds: 34_200),
                                        .dateTime(march5, seconds: 43_200), .boolean(false), .text("工单x"), .text("#N/A"), .number(7)])
    }

    @Test func the1904DateSystem() throws {
        let data = try Workbooks.make(sheets: [("s", #"<row r="1"><c r="A1" s="1"><v>44624</v></c></row>"#)],
                                      styles: #"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#, date1904: true)
        #expect(try XLSXReader(data: data).sheet(named: nil).rows[0].cells == [.date(LocalDate("2026-03-05")!)])
    }

    @Test func prefixedElementsAreRead() throws {
        let sheet = """
            <x:worksheet xmlns:x="\(Workbooks.main)"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c>\
            </x:row></x:sheetData></x:worksheet>
            """
        var data = try Workbooks.make(sheets: [("s", "")])
        let book = try XLSXReader(data: data)
        #expect(try book.sheet(named: nil).rows.isEmpty)
        data = try Workbooks.zip([
            "xl/workbook.xml": "<workbook xmlns=\"\(Workbooks.main)\" xmlns:r=\"\(Workbooks.relationships)\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"w\" Target=\"/xl/worksheets/other.xml\"/></Relationships>",
            "xl/worksheets/other.xml": sheet,
        ])
        #expect(try XLSXReader(data: data).sheet(named: nil).rows[0].cells == [.empty, .text("b")])
    }

    @Test func unreadableWorkbooksSayWhy() throws {
        func refusal(_ body: () throws -> Void) -> String? { #expect(throws: SpreadsheetError.self, performing: body)?.message }
        #expect(refusal { _ = try XLSXReader(data: Data("PK\u{03}\u{04}not really".utf8)) }
            == "not a readable .xlsx workbook (its zip container cannot be opened)")
        #expect(refusal { _ = try XLSXReader(data: Workbooks.zip(["word/document.xml": "<w/>"])) }
            == "not an .xlsx workbook (it has no xl/workbook.xml); save it from Excel as .xlsx")
        let book = try XLSXReader(data: Workbooks.make(sheets: [("一月", ""), ("二月", "")]))
        #expect(refusal { _ = try book.sheet(named: "三月") } == "has no sheet '三月'; its sheets are 一月, 二月")
        #expect(#expect(throws: SpreadsheetError.self) { try book.sheet(named: "三月") }?.texts.zh
            == "没有工作表「三月」;其工作表为 一月、二月")
        let broken = try XLSXReader(data: Workbooks.make(sheets: [("s", #"<row r="1"><c r="A1" t="s"><v>4</v></c></row>"#)]))
        #expect(refusal { _ = try broken.sheet(named: nil) }
            == "row 1: a cell points at shared string 4, which the workbook does not have; the file may be damaged")
    }
}
