/// Reads typed fields of one CSV row, failing with `FILE:LINE: column: what is wrong`.
struct RowReader {
    let file: String
    let row: CSVFile.Row
    /// Columns whose values are personal data: never repeated in messages.
    let personal: Set<String>

    init(file: String, row: CSVFile.Row, kind: ImportKind) {
        self.file = file
        self.row = row
        personal = kind == .households ? ["owner", "phone"] : []
    }

    func fail(_ column: String, _ message: String) -> ImportError {
        ImportError(file: file, line: row.line, column: column, message: message)
    }

    private func shown(_ column: String, _ value: String) -> String {
        personal.contains(column) ? "the value" : "'\(value)'"
    }

    /// Whether the file has the column at all (optional columns may be left out of the header).
    func has(_ column: String) -> Bool { row.fields[column] != nil }

    func raw(_ column: String) -> String {
        (row.fields[column] ?? "").trimmingCharacters(in: .whitespaces)
    }

    func optionalText(_ column: String) -> String? {
        let value = raw(column)
        return value.isEmpty ? nil : value
    }

    func text(_ column: String) throws -> String {
        guard let value = optionalText(column) else { throw fail(column, "is empty; a value is required") }
        return value
    }

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let value = optionalText(column) else { return nil }
        guard let date = LocalDate(value) else {
            throw fail(column, "\(shown(column, value)) is not a date; write YYYY-MM-DD, e.g. 2026-03-02")
        }
        return date
    }

    func date(_ column: String) throws -> LocalDate {
        guard let date = try optionalDate(column) else { throw fail(column, "is empty; write a date as YYYY-MM-DD") }
        return date
    }

    func optionalAmount(_ column: String) throws -> Double? {
        guard let value = optionalText(column) else { return nil }
        guard let amount = Double(value), amount.isFinite, value.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw fail(column, "\(shown(column, value)) is not a number of yuan; write e.g. 1200 or 1000.01")
        }
        guard amount >= 0 else { throw fail(column, "\(shown(column, value)) is negative; write an amount of 0 or more") }
        return amount
    }

    func integer(_ column: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let value = optionalText(column) else { return fallback }
        guard let number = Int(value) else { throw fail(column, "\(shown(column, value)) is not a whole number") }
        guard number >= minimum else { throw fail(column, "\(number) is too small; the least is \(minimum)") }
        return number
    }

    /// A phone stored as ``PhoneNumber`` normalises it, or empty when none is written; an impossible one is refused
    /// without repeating it.
    func phone(_ column: String) throws -> String {
        guard let value = optionalText(column) else { return "" }
        guard let phone = PhoneNumber.normalised(value) else {
            throw fail(column, (PhoneNumber.problem(value) ?? "is not a phone") + "; correct it or leave it empty")
        }
        return phone
    }

    func boolean(_ column: String) throws -> Bool {
        switch raw(column).lowercased() {
        case "", "false": return false
        case "true": return true
        case let value: throw fail(column, "'\(value)' is not true or false")
        }
    }
}
