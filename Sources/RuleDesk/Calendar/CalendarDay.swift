import GRDB

/// One day of the holiday calendar: a public holiday, or a weekend day that is worked.
public struct CalendarDay: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "calendar_days"

    public enum Kind: String, Codable, Sendable { case off, work }

    public var date: LocalDate
    public var kind: Kind
    public var name: String

    public init(date: LocalDate, kind: Kind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}
