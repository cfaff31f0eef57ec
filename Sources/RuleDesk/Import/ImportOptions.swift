import Foundation

/// How ``Importer`` reads a file and what it does with it.
///
/// ```swift
/// var options = ImportOptions()
/// options.encoding = .gb18030       // instead of detecting it
/// options.dryRun = true             // check every row, write nothing
/// let report = try importer.run(.tickets, file: "工单.xlsx", options: options)
/// ```
public struct ImportOptions: Sendable {
    /// The text encoding of a CSV file; nil detects UTF-8 or GB18030.
    public var encoding: TextEncoding?
    /// The sheet of an `.xlsx` file; nil reads the first.
    public var sheet: String?
    /// Refuse columns the kind does not know, instead of ignoring them.
    public var strict = false
    /// Check every row and write nothing.
    public var dryRun = false
    /// Called now and then while rows are written, from the importing thread.
    public var progress: (@Sendable (ImportProgress) -> Void)?

    public init() {}
}

/// How far an import is.
public struct ImportProgress: Sendable {
    /// Rows checked and written so far.
    public let done: Int
    /// Rows in the file.
    public let total: Int
    /// Since the import began.
    public let seconds: Double
}

/// What an import did.
public struct ImportReport: Sendable, Equatable {
    /// Rows written (or, in a dry run, that would be).
    public let rows: Int
    /// Header names that are no column of the kind, as written: ignored.
    public let ignoredColumns: [String]
    /// The encoding a CSV file was read in; nil for a spreadsheet.
    public let encoding: TextEncoding?
    public let dryRun: Bool
    /// From reading the file to the commit.
    public let seconds: Double

    /// Rows per second.
    public var rate: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}
