import Foundation

/// A sheet of a workbook as the rows of an import: its first row that holds anything is the header, and each
/// later row is a record named by its row number in the sheet (so `工单.xlsx:7` is row 7, as Excel shows it).
enum XLSXSheetTable {
    static func table(_ data: Data, path: String, sheet: String?) throws -> SourceTable {
        let rows: [XLSXReader.Row]
        do {
            rows = try XLSXReader(data: data).sheet(named: sheet).rows
        } catch let error as SpreadsheetError {
            throw ImportError(file: path, line: nil, column: nil, problem: .workbook(error))
        }
        let filled = rows.filter { !$0.cells.isEmpty }
        guard let header = filled.first else {
            return SourceTable(header: [], headerLine: 1, records: [], fieldsMustMatchHeader: false, encoding: nil)
        }
        let records = filled.dropFirst().map { SourceTable.Record(line: $0.number, fields: $0.cells.map(text)) }
        return SourceTable(header: header.cells.map(text), headerLine: header.number, records: records,
                           fieldsMustMatchHeader: false, encoding: nil)
    }

    /// A cell as the text an import reads: numbers without a needless fraction, dates as `YYYY-MM-DD`, dates
    /// and times as `YYYY-MM-DD HH:MM:SS` (a wall-clock time in the site's zone), booleans as `true`/`false`.
    static func text(_ cell: SpreadsheetCell) -> String {
        switch cell {
        case .text(let text): return text
        case .number(let number): return XLSXWriter.numberText(number)
        case .date(let date): return date.description
        case .dateTime(let date, let seconds):
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(date) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        case .boolean(let flag): return flag ? "true" : "false"
        case .empty: return ""
        }
    }
}
