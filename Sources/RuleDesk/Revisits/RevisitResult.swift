import GRDB

/// One recorded visit of a household (回访记录) and the owner's rating.
public struct RevisitResult: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, SnakeCaseColumns {
    public static let databaseTableName = "revisit_results"

    /// The four ratings of the revisit form, from best to worst.
    public enum Rating: String, Codable, Sendable, CaseIterable {
        case satisfied, neutral, dissatisfied
        case severelyDissatisfied = "severely_dissatisfied"

        /// A rating that is a finding to handle (3.7.5.7).
        public var isFinding: Bool { self == .dissatisfied || self == .severelyDissatisfied }
    }

    /// How the visit was made.
    public static let modes: Set<String> = ["in_person", "phone"]

    public var id: Int64?
    public var communityId: Int64
    public var householdId: Int64
    public var visitedOn: LocalDate
    public var mode: String
    public var rating: Rating
    public var notes: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
