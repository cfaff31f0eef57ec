import CSV
import Foundation

/// The records of a CSV file, each with the line it starts on: text in UTF-8 or GB18030 (``TextEncoding``), lines
/// ended by LF or CRLF, fields quoted or not.
enum CSVFile {
    /// The header and the records of CSV bytes `data`, named `path` in errors.
    static func table(_ data: Data, path: String, encoding: TextEncoding?) throws -> SourceTable {
        let (text, detected) = try TextEncoding.decode(data, as: encoding, path: path)
        let starts = recordStartLines(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw ImportError(file: path, line: 1, column: nil, problem: .notCSV("\(error)"))
        }
        let header = reader.next() ?? []
        var records: [SourceTable.Record] = []
        var index = 1
        while let fields = reader.next() {
            let line = index < starts.count ? starts[index] : index + 1
            index += 1
            if fields == [""] { continue }   // a blank line
            records.append(SourceTable.Record(line: line, fields: fields))
        }
        if let error = reader.error {
            throw ImportError(file: path, line: index < starts.count ? starts[index] : nil, column: nil, problem: .malformedCSV("\(error)"))
        }
        return SourceTable(header: header, headerLine: 1, records: records, fieldsMustMatchHeader: true,
                           encoding: detected)
    }

    /// The line each record starts on (1-based), honouring quoted fields that span lines.
    private static func recordStartLines(_ text: String) -> [Int] {
        var starts = [1], line = 1, quoted = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: "\n") {
                line += 1
                if !quoted { starts.append(line) }
            }
        }
        return starts
    }
}
