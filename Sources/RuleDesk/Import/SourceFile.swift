import Foundation

/// A file to import as a table: an Excel workbook (told by its content, a zip archive) or CSV text.
enum SourceFile {
    static func table(_ data: Data, path: String, options: ImportOptions) throws -> SourceTable {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw ImportError(file: path, line: nil, column: nil, problem: .oldExcelWorkbook)
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if options.encoding != nil {
                throw ImportError(file: path, line: nil, column: nil, problem: .workbookHasNoEncoding)
            }
            return try XLSXSheetTable.table(data, path: path, sheet: options.sheet)
        }
        if let sheet = options.sheet {
            throw ImportError(file: path, line: nil, column: nil, problem: .notAWorkbook(sheet: sheet))
        }
        return try CSVFile.table(data, path: path, encoding: options.encoding)
    }
}
