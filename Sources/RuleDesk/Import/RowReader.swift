import Foundation

/// Reads typed fields of one row, failing with `FILE:LINE: column: what is wrong; what to do` (``ImportMessage``). Values are read
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

    func fail(_ column: String, _ problem: ImportMessage) -> ImportError {
        ImportError(file: file, line: row.line, column: column, problem: problem)
    }

    private func shown(_ column: String, _ value: String) -> ImportMessage.Shown {
        personal.contains(column) ? .personal : .value(value)
    }

    /// Whether the file has the column at all (optional columns may be left out of the header).
    func has(_ column: String) -> Bool { row.fields[column] != nil }

    func raw(_ column: String) -> String {
        (row.fields[column] ?? "").trimmedSpaces
    }

    func optionalText(_ column: String) -> String? {
        let value = raw(column)
        return value.isEmpty ? nil : value
    }

    func text(_ column: String) throws -> String {
        guard let value = optionalText(column) else { throw fail(column, .empty) }
        return value
    }

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let value = optionalText(column) else { return nil }
        guard let date = WrittenValue.date(value) else {
            throw fail(column, .notADate(shown(column, value)))
        }
        return date
    }

    func date(_ column: String) throws -> LocalDate {
        guard let date = try optionalDate(column) else { throw fail(column, .emptyDate) }
        return date
    }

    /// A required moment, and the text to store: as written when it is ISO 8601 with an offset, else ISO 8601
    /// with the offset of `zone`, the site's time zone, in which a time without an offset is read.
    func moment(_ column: String, zone: TimeZone) throws -> (Timestamp, String) {
        let value = try text(column)
        if let iso = Timestamp(value) { return (iso, value) }
        guard let moment = WrittenValue.moment(value, zone: zone) else {
            let shown = shown(column, value)
            throw fail(column, WrittenValue.date(value) != nil ? .dateWithoutTime(shown) : .notAMoment(shown))
        }
        return (moment, moment.iso8601(in: zone))
    }

    /// An optional date or moment as stored: a date as `YYYY-MM-DD`, a moment as ``moment(_:zone:)`` stores it.
    func dateOrMoment(_ column: String, zone: TimeZone) throws -> String? {
        guard let value = optionalText(column) else { return nil }
        if let date = WrittenValue.date(value) { return date.description }
        if Timestamp(value) != nil { return value }
        guard let moment = WrittenValue.moment(value, zone: zone) else {
            throw fail(column, .neitherDateNorMoment(shown(column, value)))
        }
        return moment.iso8601(in: zone)
    }

    func optionalAmount(_ column: String) throws -> Double? {
        guard let value = optionalText(column) else { return nil }
        guard let amount = WrittenValue.amount(value) else {
            throw fail(column, .notAnAmount(shown(column, value)))
        }
        guard amount >= 0 else { throw fail(column, .negativeAmount(shown(column, value))) }
        return amount
    }

    func integer(_ column: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let value = optionalText(column) else { return fallback }
        guard let number = WrittenValue.integer(value) else { throw fail(column, .notAWholeNumber(shown(column, value))) }
        guard number >= minimum else { throw fail(column, .tooSmall(number, least: minimum)) }
        return number
    }

    /// A phone stored as ``PhoneNumber`` normalises it, or empty when none is written; an impossible one is refused
    /// without repeating it.
    func phone(_ column: String) throws -> String {
        guard let value = optionalText(column) else { return "" }
        switch PhoneNumber.read(value) {
        case .success(let phone): return phone
        case .failure(let problem): throw fail(column, .badPhone(problem))
        }
    }

    /// Empty is false.
    func boolean(_ column: String) throws -> Bool {
        guard let value = optionalText(column) else { return false }
        guard let flag = WrittenValue.boolean(value) else {
            throw fail(column, .notABoolean(shown(column, value)))
        }
        return flag
    }
}
