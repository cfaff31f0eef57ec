import Foundation

/// Reads typed fields of one row, failing with `FILE:LINE: column: what is wrong; what to do`. Values are read
/// as people write them in Excel (``WrittenValue``) and stored in one form.
struct RowReader {
    let file: String
    let row: ImportTable.Row
    /// Columns whose values are personal data: never repeated in messages.
    let personal: Set<String>

    init(file: String, row: ImportTable.Row, kind: ImportKind) {
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
        guard let date = WrittenValue.date(value) else {
            throw fail(column, "\(shown(column, value)) is not a date; write YYYY-MM-DD, e.g. 2026-03-02")
        }
        return date
    }

    func date(_ column: String) throws -> LocalDate {
        guard let date = try optionalDate(column) else { throw fail(column, "is empty; write a date as YYYY-MM-DD") }
        return date
    }

    /// A required moment, and the text to store: as written when it is ISO 8601 with an offset, else ISO 8601
    /// with the offset of `zone`, the site's time zone, in which a time without an offset is read.
    func moment(_ column: String, zone: TimeZone) throws -> (Timestamp, String) {
        let value = try text(column)
        if let iso = Timestamp(value) { return (iso, value) }
        guard let moment = WrittenValue.moment(value, zone: zone) else {
            let advice = WrittenValue.date(value) != nil ? "is a date without a time; add the time, e.g. 2026-03-02 10:15"
                : "is not a date and time; write e.g. 2026-03-02 10:15, 2026/3/2 10:15 or 2026-03-02T10:15:00+08:00"
            throw fail(column, "\(shown(column, value)) \(advice)")
        }
        return (moment, moment.iso8601(in: zone))
    }

    /// An optional date or moment as stored: a date as `YYYY-MM-DD`, a moment as ``moment(_:zone:)`` stores it.
    func dateOrMoment(_ column: String, zone: TimeZone) throws -> String? {
        guard let value = optionalText(column) else { return nil }
        if let date = WrittenValue.date(value) { return date.description }
        if Timestamp(value) != nil { return value }
        guard let moment = WrittenValue.moment(value, zone: zone) else {
            throw fail(column, "\(shown(column, value)) is neither a date (2026-03-02, 2026/3/2) nor a date and time (2026-03-02 10:15)")
        }
        return moment.iso8601(in: zone)
    }

    func optionalAmount(_ column: String) throws -> Double? {
        guard let value = optionalText(column) else { return nil }
        guard let amount = WrittenValue.amount(value) else {
            throw fail(column, "\(shown(column, value)) is not a number of yuan; write e.g. 1200, 1,200.00 or ¥1000.01")
        }
        guard amount >= 0 else { throw fail(column, "\(shown(column, value)) is negative; write an amount of 0 or more") }
        return amount
    }

    func integer(_ column: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let value = optionalText(column) else { return fallback }
        guard let number = WrittenValue.integer(value) else { throw fail(column, "\(shown(column, value)) is not a whole number") }
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

    /// Empty is false.
    func boolean(_ column: String) throws -> Bool {
        guard let value = optionalText(column) else { return false }
        guard let flag = WrittenValue.boolean(value) else {
            throw fail(column, "\(shown(column, value)) is not true or false; write true/false, 是/否, Y/N or 1/0")
        }
        return flag
    }
}
