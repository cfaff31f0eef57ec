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
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
