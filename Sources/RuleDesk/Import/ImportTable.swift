/// A file's rows by column, the header checked against a kind: every column it needs is there (by its name or a
/// Chinese alias, ``ColumnAliases``), none twice; columns it does not know are ignored (or refused when strict).
/// Each row keeps its line, for error messages; rows whose number of fields is wrong are kept as problems.
struct ImportTable {
    struct Row {
        let line: Int
        let fields: [String: String]
    }

    let path: String
    let rows: [Row]
    /// Records that could not be read into a row (a CSV line with the wrong number of fields).
    let problems: [ImportError]
    /// Header names that are no column of the kind, as written.
    let ignored: [String]

    init(_ source: SourceTable, path: String, kind: ImportKind, strict: Bool) throws {
        self.path = path
        let columns = kind.columns
        let header = source.header.map { $0.trimmingCharacters(in: .whitespaces) }
        func fail(_ column: String?, _ problem: ImportMessage) -> ImportError {
            ImportError(file: path, line: source.headerLine, column: column, problem: problem)
        }
        let headerText = columns.joined(separator: ",")
        guard header.contains(where: { !$0.isEmpty }) else {
            throw fail(nil, .emptyFile(header: headerText))
        }
        let mapped = header.map { $0.isEmpty ? nil : ColumnAliases.column($0, of: kind) }
        let ignored = zip(header, mapped).filter { !$0.0.isEmpty && $0.1 == nil }.map(\.0)
        if strict, let unknown = ignored.first {
            throw fail(unknown, .unknownColumn(header: headerText))
        }
        for name in columns where !mapped.contains(name) && !kind.optionalColumns.contains(name) {
            throw fail(name, .missingColumn(header: headerText))
        }
        if let duplicate = columns.first(where: { name in mapped.filter { $0 == name }.count > 1 }) {
            let written = zip(header, mapped).filter { $0.1 == duplicate }.map(\.0)
            throw fail(duplicate, .columnTwice(written: written))
        }
        let known = mapped.enumerated().compactMap { index, column in column.map { (index, $0) } }
        var rows: [Row] = [], problems: [ImportError] = []
        rows.reserveCapacity(source.records.count)
        for record in source.records {
            if source.fieldsMustMatchHeader, record.fields.count != header.count {
                problems.append(ImportError(file: path, line: record.line, column: nil,
                                            problem: .fieldCount(expected: header.count, found: record.fields.count)))
                continue
            }
            var fields: [String: String] = Dictionary(minimumCapacity: known.count)
            for (index, column) in known where index < record.fields.count { fields[column] = record.fields[index] }
            rows.append(Row(line: record.line, fields: fields))
        }
        self.rows = rows
        self.problems = problems
        self.ignored = ignored
    }
}
