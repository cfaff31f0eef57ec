/// A file's rows before their columns are known: the header as written and each record with its line (a CSV
/// line, or a sheet's row number).
struct SourceTable {
    struct Record {
        let line: Int
        let fields: [String]
    }

    let header: [String]
    let headerLine: Int
    let records: [Record]
    /// Whether a record with more or fewer fields than the header is an error (CSV), or short records are
    /// padded with empty fields (a sheet, which stores no empty cells).
    let fieldsMustMatchHeader: Bool
    /// The text encoding a CSV file was read in; nil for a spreadsheet.
    let encoding: TextEncoding?
}
