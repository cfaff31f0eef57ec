import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A worksheet's `sheetData`, streamed: each `<row>` with its `<c>` cells, typed by their `t` attribute and, for
/// numbers, by whether their style shows a date.
final class XLSXSheetParser: NSObject, XMLParserDelegate {
    private let sharedStrings: [String]
    private let dateStyles: XLSXStyles
    /// Day 0 of the workbook's date system: 1899-12-30 (the 1900 system), or 1904-01-01.
    private let epoch: LocalDate

    private var rows: [XLSXReader.Row] = []
    private var cells: [SpreadsheetCell] = []
    private var rowNumber = 0
    private var column = 0
    private var type = "n", style = 0
    private var value = "", inlineText = ""
    private var reading: Reading = .nothing
    private var failure: SpreadsheetError?

    private enum Reading { case nothing, value, inlineText }

    init(sharedStrings: [String], dateStyles: XLSXStyles, date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        epoch = date1904 ? LocalDate(year: 1904, month: 1, day: 1)! : LocalDate(year: 1899, month: 12, day: 30)!
    }

    func rows(_ data: Data) throws -> [XLSXReader.Row] {
        do {
            try parseXML(data, part: "worksheet", delegate: self)
        } catch {
            throw failure ?? error
        }
        return rows
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch localName(element) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
        case "c":
            column = attributes["r"].flatMap(CellReference.columnIndex) ?? cells.count
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inlineText = ""
        case "v": reading = .value
        case "t" where type == "inlineStr": reading = .inlineText
        case "rPh": reading = .nothing
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch reading {
        case .value: value += string
        case .inlineText: inlineText += string
        case .nothing: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "v", "t": reading = .nothing
        case "c":
            let cell = typed(parser)
            if column >= cells.count { cells += Array(repeating: .empty, count: column - cells.count + 1) }
            cells[column] = cell
        case "row":
            while cells.last == .empty { cells.removeLast() }
            rows.append(XLSXReader.Row(number: rowNumber, cells: cells))
        default: break
        }
    }

    private func typed(_ parser: XMLParser) -> SpreadsheetCell {
        switch type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                fail(parser, en: "a cell points at shared string \(value), which the workbook does not have",
                     zh: "单元格引用的共享字符串 \(value) 在工作簿中不存在")
                return .empty
            }
            return text(sharedStrings[index])
        case "inlineStr": return text(XMLText.unescapedControls(inlineText))
        case "str": return text(XMLText.unescapedControls(value))
        case "b": return value.isEmpty ? .empty : .boolean(value == "1" || value == "true")
        case "e": return .text(value)
        case "d": return isoDate(value)
        default:
            guard !value.isEmpty else { return .empty }
            guard let number = Double(value) else {
                fail(parser, en: "a number cell holds '\(value)'", zh: "数字单元格中是「\(value)」")
                return .empty
            }
            switch dateStyles.shown(style: style) {
            case .date?, .dateTime?: return moment(serial: number)
            case nil: return .number(number)
            }
        }
    }

    private func text(_ string: String) -> SpreadsheetCell { string.isEmpty ? .empty : .text(string) }

    /// A serial number of days (a fraction is the time of day), rounded to the second.
    private func moment(serial: Double) -> SpreadsheetCell {
        let seconds = Int((serial * 86_400).rounded())
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let date = epoch.adding(days: days)
        let time = seconds - days * 86_400
        return time == 0 ? .date(date) : .dateTime(date, seconds: time)
    }

    /// A cell of type `d`: ISO 8601 text.
    private func isoDate(_ text: String) -> SpreadsheetCell {
        if let date = LocalDate(text.prefix(10)) {
            if text.count == 10 { return .date(date) }
            let time = text.dropFirst(11).split(separator: ":").prefix(3).map { Int(Double($0.prefix(2)) ?? 0) }
            let seconds = time.enumerated().reduce(0) { $0 + $1.element * [3600, 60, 1][$1.offset] }
            return seconds == 0 ? .date(date) : .dateTime(date, seconds: seconds)
        }
        return .text(text)
    }

    private func fail(_ parser: XMLParser, en: String, zh: String) {
        failure = failure ?? SpreadsheetError(en: "row \(rowNumber): \(en); the file may be damaged",
                                               zh: "第 \(rowNumber) 行:\(zh);文件可能已损坏")
        parser.abortParsing()
    }
}
