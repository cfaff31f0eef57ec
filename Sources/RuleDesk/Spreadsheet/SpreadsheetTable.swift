/// One cell of a spreadsheet: typed, so that Excel sorts numbers as numbers and shows dates as dates.
public enum SpreadsheetCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case date(LocalDate)
    /// A date and a wall-clock time, seconds after midnight.
    case dateTime(LocalDate, seconds: Int)
    case boolean(Bool)
    case empty
}

/// A table for one sheet of a workbook: a header row of names and rows of typed cells — what `--format xlsx`
/// writes (``XLSXWriter``) and what ``XLSXReader`` reads back.
///
/// ```swift
/// let table = SpreadsheetTable(name: "diff", header: ["rule", "field", "tickets"],
///                              rows: [[.text("approval"), .text("tier"), .number(2)]])
/// try XLSXWriter.data(table).write(to: URL(fileURLWithPath: "diff.xlsx"))
/// ```
public struct SpreadsheetTable: Sendable, Equatable {
    /// The sheet's name as Excel shows it on its tab.
    public var name: String
    public var header: [String]
    public var rows: [[SpreadsheetCell]]

    public init(name: String, header: [String], rows: [[SpreadsheetCell]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// A workbook that cannot be read, or a table that cannot be written.
public struct SpreadsheetError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, in each language.
    public let texts: Bilingual

    init(en: String, zh: String) { texts = Bilingual(en: en, zh: zh) }

    /// The workbook has no sheet `name`; its sheets are `names`.
    static func noSheet(_ name: String, among names: [String]) -> SpreadsheetError {
        SpreadsheetError(en: "has no sheet '\(name)'; its sheets are \(names.joined(separator: ", "))",
                         zh: "没有工作表「\(name)」;其工作表为 \(names.joined(separator: "、"))")
    }

    /// What is wrong, in English.
    public var message: String { texts.en }

    public var description: String { message }
}
