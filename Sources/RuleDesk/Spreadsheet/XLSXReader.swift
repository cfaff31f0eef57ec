import Foundation
import ZIPFoundation

/// Reads the sheets of an Excel workbook (`.xlsx`): shared and inline strings, numbers, booleans, and numbers
/// with a date style as dates (or dates and times), as Excel shows them; formulas by their cached values.
///
/// ```swift
/// let book = try XLSXReader(data: Data(contentsOf: URL(fileURLWithPath: "工单.xlsx")))
/// let sheet = try book.sheet(named: nil)      // the first
/// for row in sheet.rows { print(row.number, row.cells) }
/// ```
public struct XLSXReader {
    /// One row as stored: its number in the sheet (from 1) and its cells from column A; cells the sheet does not
    /// store are `.empty`.
    public struct Row: Sendable, Equatable {
        public let number: Int
        public let cells: [SpreadsheetCell]
    }

    /// The sheets' names, in the workbook's order.
    public let sheetNames: [String]
    private let archive: Archive
    private let sheetPaths: [String]
    private let sharedStrings: [String]
    private let dateStyles: XLSXStyles
    private let date1904: Bool

    /// - throws: ``SpreadsheetError`` when `data` is not a workbook.
    public init(data: Data) throws {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw SpreadsheetError(en: "not a readable .xlsx workbook (its zip container cannot be opened)",
                                   zh: "不是可读的 .xlsx 工作簿(无法打开其 zip 容器)")
        }
        guard let workbookXML = try Self.part("xl/workbook.xml", of: archive) else {
            throw SpreadsheetError(en: "not an .xlsx workbook (it has no xl/workbook.xml); save it from Excel as .xlsx",
                                   zh: "不是 .xlsx 工作簿(缺少 xl/workbook.xml);请在 Excel 中另存为 .xlsx")
        }
        let workbook = try XLSXWorkbook(workbookXML)
        let relationships = try Self.part("xl/_rels/workbook.xml.rels", of: archive).map(XLSXRelationships.init) ?? XLSXRelationships()
        sheetNames = workbook.sheets.map(\.name)
        sheetPaths = workbook.sheets.map { relationships.path(of: $0.relationship) ?? "xl/worksheets/sheet1.xml" }
        sharedStrings = try Self.part("xl/sharedStrings.xml", of: archive).map(XLSXSharedStrings.read) ?? []
        dateStyles = try Self.part("xl/styles.xml", of: archive).map(XLSXStyles.init) ?? XLSXStyles()
        date1904 = workbook.date1904
    }

    /// The sheet named `name`, or the first when `name` is nil.
    /// - throws: ``SpreadsheetError`` when there is no such sheet, or it cannot be read.
    public func sheet(named name: String?) throws -> (name: String, rows: [Row]) {
        let index: Int
        if let name {
            guard let found = sheetNames.firstIndex(of: name) else {
                throw SpreadsheetError.noSheet(name, among: sheetNames)
            }
            index = found
        } else {
            guard !sheetNames.isEmpty else { throw SpreadsheetError(en: "the workbook has no sheet", zh: "工作簿中没有工作表") }
            index = 0
        }
        guard let xml = try Self.part(sheetPaths[index], of: archive) else {
            throw SpreadsheetError(en: "sheet '\(sheetNames[index])' is missing from the workbook (\(sheetPaths[index]))",
                                   zh: "工作簿缺少工作表「\(sheetNames[index])」(\(sheetPaths[index]))")
        }
        let parser = XLSXSheetParser(sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904)
        return (sheetNames[index], try parser.rows(xml))
    }

    /// A part of the package, or nil when it has none of that name.
    private static func part(_ path: String, of archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw SpreadsheetError(en: "the workbook's part \(path) cannot be read (\(error)); the file may be damaged",
                                   zh: "无法读取工作簿的 \(path)(\(error));文件可能已损坏")
        }
        return data
    }
}
