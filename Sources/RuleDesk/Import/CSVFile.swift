import CSV
import Foundation

/// A CSV file with a header row, read whole and checked: valid UTF-8, a known header, the right number of
/// fields on every row. Each row keeps the line it starts on, for error messages.
struct CSVFile {
    struct Row {
        let line: Int
        let fields: [String: String]
    }

    let path: String
    let rows: [Row]

    init(path: String, columns: [String], optional: Set<String> = []) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, line: nil, column: nil, message: "cannot read the file; check the path and its permissions")
        }
        try self.init(data: data, path: path, columns: columns, optional: optional)
    }

    /// The CSV text `data`, named `path` in errors.
    init(data: Data, path: String, columns: [String], optional: Set<String> = []) throws {
        self.path = path
        let text = try Self.decode(data, path: path)
        let starts = Self.recordStartLines(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw ImportError(file: path, line: 1, column: nil, message: "not readable as CSV (\(error))")
        }
        guard let header = reader.next()?.map({ $0.trimmingCharacters(in: .whitespaces) }), header != [""] else {
            throw ImportError(file: path, line: 1, column: nil, message: "the file is empty; it needs the header row \(columns.joined(separator: ","))")
        }
        let headerText = columns.joined(separator: ",")
        for name in header where !columns.contains(name) {
            throw ImportError(file: path, line: 1, column: name, message: "unknown column; the header is \(headerText)")
        }
        for name in columns where !header.contains(name) && !optional.contains(name) {
            throw ImportError(file: path, line: 1, column: name, message: "missing column; the header is \(headerText)")
        }
        if let duplicate = header.first(where: { name in header.filter { $0 == name }.count > 1 }) {
            throw ImportError(file: path, line: 1, column: duplicate, message: "the column appears twice")
        }

        var rows: [Row] = []
        var index = 1
        while let fields = reader.next() {
            let line = index < starts.count ? starts[index] : index + 1
            index += 1
            if fields == [""] { continue }   // a blank line
            guard fields.count == header.count else {
                throw ImportError(file: path, line: line, column: nil,
                                  message: "expected \(header.count) fields, found \(fields.count); quote any field that contains a comma")
            }
            rows.append(Row(line: line, fields: Dictionary(uniqueKeysWithValues: zip(header, fields))))
        }
        if let error = reader.error {
            throw ImportError(file: path, line: index < starts.count ? starts[index] : nil, column: nil, message: "malformed CSV (\(error))")
        }
        self.rows = rows
    }

    /// The text, or an error naming the first line that is not valid UTF-8.
    private static func decode(_ data: Data, path: String) throws -> String {
        if let text = String(data: data, encoding: .utf8) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        var line = 1
        for piece in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(data: Data(piece), encoding: .utf8) == nil {
                throw ImportError(file: path, line: line, column: nil, message: "not valid UTF-8 text; save the file as UTF-8")
            }
            line += 1
        }
        throw ImportError(file: path, line: nil, column: nil, message: "not valid UTF-8 text; save the file as UTF-8")
    }

    /// The line each record starts on (1-based), honouring quoted fields that span lines.
    private static func recordStartLines(_ text: String) -> [Int] {
        var starts = [1], line = 1, quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if c == "\"" { quoted.toggle() }
            if c == "\n" {
                line += 1
                if !quoted { starts.append(line) }
            }
        }
        return starts
    }
}

/// A rejected import: `FILE:LINE: column: what is wrong`. Nothing was written.
public struct ImportError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: String?
    public let message: String

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "\(column): " }
        return text + message
    }
}
