import Foundation
import ZIPFoundation

/// Writes a ``SpreadsheetTable`` as an Excel workbook (`.xlsx`, Office Open XML): one sheet, the header row in
/// bold and frozen, text as inline strings, numbers as numbers, dates and times as serial numbers with a date
/// style (so Excel shows `2026-05-14` and sorts and filters them as dates), booleans as booleans. The same
/// table always gives the same bytes.
///
/// ```swift
/// let data = try XLSXWriter.data(SpreadsheetTable(name: "due", header: ["ticket", "due"],
///                                                 rows: [[.text("KF-2026-000014"), .date(LocalDate("2026-05-14")!)]]))
/// ```
public enum XLSXWriter {
    /// The workbook's bytes.
    /// - throws: ``SpreadsheetError`` when the zip container cannot be made.
    public static func data(_ table: SpreadsheetTable) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            let parts: [(String, String)] = [
                ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
                ("xl/workbook.xml", workbook(sheetName: sheetName(table.name))),
                ("xl/_rels/workbook.xml.rels", workbookRelationships), ("xl/styles.xml", styles),
                ("xl/worksheets/sheet1.xml", sheet(table)),
            ]
            for (path, xml) in parts {
                let bytes = Data(xml.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                     compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw SpreadsheetError(en: "the workbook's zip container was not made in memory", zh: "未能在内存中生成工作簿的 zip 容器") }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError(en: "cannot make the workbook's zip container (\(error))", zh: "无法生成工作簿的 zip 容器(\(error))")
        }
    }

    /// Entries are stamped 1980-01-01, the first day zip can say, so that output does not depend on the clock.
    private static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    /// Excel's limits on a tab's name: at most 31 characters, none of `[]:*?/\`, not empty.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.trimmingCharacters(in: .whitespaces).isEmpty ? "Sheet1" : cleaned
    }

    // MARK: - The sheet

    /// Styles, by their index in `cellXfs` below.
    private enum Style: Int { case plain = 0, header = 1, date = 2, dateTime = 3 }

    static func sheet(_ table: SpreadsheetTable) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            + #"</sheetView></sheetViews><sheetData>"#
        xml += row(1, table.header.map(SpreadsheetCell.text), style: .header)
        for (index, cells) in table.rows.enumerated() { xml += row(index + 2, cells, style: nil) }
        return xml + "</sheetData></worksheet>"
    }

    private static func row(_ number: Int, _ cells: [SpreadsheetCell], style: Style?) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, value) in cells.enumerated() {
            let reference = CellReference.column(column) + String(number)
            xml += cell(reference, value, style: style)
        }
        return xml + "</row>"
    }

    private static func cell(_ reference: String, _ value: SpreadsheetCell, style: Style?) -> String {
        func styled(_ fallback: Style) -> String {
            let chosen = style ?? fallback
            return chosen == .plain ? "" : " s=\"\(chosen.rawValue)\""
        }
        switch value {
        case .empty:
            return ""
        case .text(let text):
            let space = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? #" xml:space="preserve""# : ""
            return "<c r=\"\(reference)\"\(styled(.plain)) t=\"inlineStr\"><is><t\(space)>\(XMLText.escaped(text))</t></is></c>"
        case .number(let number) where !number.isFinite:
            return cell(reference, .text(String(number)), style: style)
        case .number(let number):
            return "<c r=\"\(reference)\"\(styled(.plain))><v>\(numberText(number))</v></c>"
        case .date(let date):
            return "<c r=\"\(reference)\"\(styled(.date))><v>\(serial(date))</v></c>"
        case .dateTime(let date, let seconds):
            return "<c r=\"\(reference)\"\(styled(.dateTime))><v>\(numberText(Double(serial(date)) + Double(seconds) / 86_400))</v></c>"
        case .boolean(let flag):
            return "<c r=\"\(reference)\"\(styled(.plain)) t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
        }
    }

    /// Whole numbers without a fraction (`1200`, not `1200.0`); others as Swift writes them, exactly.
    static func numberText(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// Days since 1899-12-30, Excel's day 0 in the 1900 date system (right from 1900-03-01 on).
    static func serial(_ date: LocalDate) -> Int { date.dayNumber + 25_569 }

    // MARK: - The fixed parts

    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    private static let contentTypes = header
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        + "</Types>"

    private static let packageRelationships = header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    private static func workbook(sheetName: String) -> String {
        header + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + "<sheet name=\"\(XMLText.escaped(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    }

    private static let workbookRelationships = header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        + "</Relationships>"

    /// Four cell styles (``Style``): plain, the bold header, a date `yyyy-mm-dd` and a date and time.
    private static let styles = header
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
}
